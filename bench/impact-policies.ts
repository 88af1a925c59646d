// Policies for the impact bench (D62): a node with 100 parties in communities and agreements, and a change to it.
import type { Agreement, Community, Party, Policy } from "../src/policy/model.ts";

/** The organisation the observable-index bench's store recorded every object under: the node's own. */
export const BENCH_LOCAL = "identity--00000000-0000-4000-8000-000000000000";

const partyId = (n: number) => `identity--b0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const JURISDICTIONS = ["GB", "US", "DE", "FR", "NL"] as const;

function party(n: number): Party {
	return {
		id: partyId(n),
		name: `Partner ${String(n).padStart(3, "0")}`,
		sector: (["cert", "law-enforcement", "private", "academia"] as const)[n % 4] as Party["sector"],
		jurisdictions: [JURISDICTIONS[n % JURISDICTIONS.length] as string],
		node: `partner-${n}`,
		local: false,
		trustTier: 1 + (n % 3),
		clients: [],
		status: "active",
		understands: n % 10 === 0 ? ["tlp1"] : ["tlp2"],
		...(n % 4 === 3 ? { tlpCeiling: "green" as const } : {}),
	};
}

function agreement(id: string, extra: Partial<Agreement>): Agreement {
	return {
		id,
		name: id,
		kind: "bilateral",
		parties: [],
		communities: [],
		purposes: ["network-defence", "crime-prevention"],
		tlpCeiling: "amber",
		papCeiling: "clear",
		handlingCodes: false,
		onwardSharing: false,
		evidenceUse: false,
		validity: { from: "2020-01-01T00:00:00Z" },
		treatments: [],
		...extra,
	};
}

/**
 * The node's policy: its own organisation and 99 partners; four communities of 25 (one a green-only
 * subgroup), a multilateral agreement per community (amber for two, green for two), bilateral agreements with
 * every tenth partner, the personal-data rules of five jurisdictions (victim addresses pseudonymised or dropped).
 */
export function benchPolicy(): Policy {
	const partners = Array.from({ length: 99 }, (_, i) => party(i + 1));
	const local: Party = { ...party(0), id: BENCH_LOCAL, name: "Bench CERT", local: true, node: "bench-node" };
	const communities: Community[] = [0, 1, 2, 3].map((c) => ({
		id: `community-${c}`,
		name: `Community ${c}`,
		members: [BENCH_LOCAL, ...partners.filter((_, i) => i % 4 === c).map((p) => p.id)],
		subgroups:
			c === 0
				? [
						{
							id: "community-0/outreach",
							name: "outreach",
							members: [BENCH_LOCAL, partyId(1), partyId(5)],
							tlpCeiling: "green",
						},
					]
				: [],
	}));
	const agreements: Agreement[] = [
		...communities.map((c, i) =>
			agreement(`${c.id}-agreement`, {
				kind: "multilateral",
				communities: [c.id],
				tlpCeiling: i < 2 ? "amber" : "green",
				purposes: i === 3 ? ["research"] : ["network-defence", "crime-prevention"],
			}),
		),
		...partners
			.filter((_, i) => i % 10 === 0)
			.map((p) => agreement(`bilateral-${p.node}`, { parties: [BENCH_LOCAL, p.id], papCeiling: "green" })),
	];
	const victim = (objectType: string, treatment: "pseudonymise" | "drop") => ({
		objectType,
		role: "victim",
		treatment,
	});
	return {
		version: 1,
		parties: [local, ...partners],
		jurisdictions: JURISDICTIONS.map((code) => ({
			code,
			name: code,
			members: [],
			personalData: code === "US" ? [victim("email-addr", "drop")] : [victim("ipv4-addr", "pseudonymise")],
			transferRoutes: [],
			legalBases: [],
		})),
		agreements,
		communities,
	};
}

/**
 * The change previewed: community 1's agreement lowered to green (its members lose the amber observables and the
 * indicators naming them), five partners suspended, community 3's agreement opened to network defence (a gain).
 */
export function benchChange(policy: Policy): Policy {
	const suspended = new Set([2, 3, 4, 6, 7].map(partyId));
	return {
		...policy,
		parties: policy.parties.map((p) => (suspended.has(p.id) ? { ...p, status: "suspended" } : p)),
		agreements: policy.agreements.map((a) =>
			a.id === "community-1-agreement"
				? { ...a, tlpCeiling: "green" }
				: a.id === "community-3-agreement"
					? { ...a, purposes: ["network-defence", "research"] }
					: a,
		),
	};
}
