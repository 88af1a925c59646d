// A node in memory for the model-based policy test: a fixed pool of parties with users, reset between runs.
import { releasedStats } from "../../src/cli/commands/stats.ts";
import type { EgressGate, Policy } from "../../src/policy/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../../src/stix/markings/index.ts";
import type { Store } from "../../src/store/index.ts";
import {
	buildTestNode,
	bundleObjects,
	EVERYONE_COLLECTION,
	everyoneCollection,
} from "../support/test-node.ts";
import type { ModelObject, ModelWorld } from "./entitlement-model.ts";

export const NODE_NAME = "model-node";
export const PARTY_POOL = [
	"identity--a0000000-0000-4000-8000-000000000001",
	"identity--a0000000-0000-4000-8000-000000000002",
	"identity--a0000000-0000-4000-8000-000000000003",
	"identity--a0000000-0000-4000-8000-000000000004",
	"identity--a0000000-0000-4000-8000-000000000005",
	"identity--a0000000-0000-4000-8000-000000000006",
] as const;
/** A marking-definition id no catalogue holds: objects carrying it are stored flagged and never released. */
export const UNKNOWN_MARKING = "marking-definition--0badc0de-0000-4000-8000-000000000000";
const CREATED = "2024-01-01T00:00:00.000Z";

export interface ModelNode {
	store: Store;
	gate: EgressGate;
	tokens: Map<string, string>;
	request(path: string, party: string, init?: RequestInit): Promise<Response>;
	/** Removes every stored object (the previous run's). */
	reset(): Promise<void>;
	apply(world: ModelWorld): Promise<void>;
	/**
	 * Stores every version of the object as its poster (those already stored are left as they are). With
	 * `expectRefused`, fails unless nothing was stored; `name` replaces the object's name (a canary).
	 */
	add(object: ModelObject, options?: { name?: string; expectRefused?: boolean }): Promise<void>;
	/** Posts objects as `party`'s user through REST publish or TAXII Add Objects; the answer as text. */
	post(
		party: string,
		via: "rest" | "taxii",
		objects: readonly StixObject[],
	): Promise<{ status: number; text: string }>;
	/** What `export --as party` writes: the latest versions, or every version with `allVersions`. */
	exportIds(party: string, allVersions?: boolean): Promise<StixObject[]>;
	stats(party: string): Promise<{ objects: number; byType: Record<string, number> }>;
	close(): Promise<void>;
}

const VALIDITY = {
	current: { from: "2020-01-01T00:00:00Z" },
	ended: { from: "2020-01-01T00:00:00Z", until: "2021-01-01T00:00:00Z" },
	future: { from: "2999-01-01T00:00:00Z" },
} as const;

/** The policy a model world stands for (what `entente policy apply` would store). */
export function policyOf(world: ModelWorld): Policy {
	const jurisdiction = (code: string) => ({
		code,
		name: code,
		members: [],
		// Present so personal-data law exists in the policy; the model's objects carry none.
		personalData: [{ objectType: "ipv4-addr", role: "victim", treatment: "pseudonymise" as const }],
		transferRoutes: [],
		legalBases: [],
	});
	const named = new Set(world.parties.filter((p) => p.inPolicy).map((p) => p.id));
	const known = (ids: readonly string[]) => ids.filter((id) => named.has(id));
	return {
		version: 0,
		parties: world.parties
			.filter((p) => p.inPolicy)
			.map((p, index) => ({
				id: p.id,
				name: `Party ${p.id.slice(-1)}`,
				sector: p.sector,
				jurisdictions: [p.jurisdiction],
				node: p.local ? NODE_NAME : `partner-${index}`,
				local: p.local,
				trustTier: 1,
				clients: [],
				status: p.suspended ? ("suspended" as const) : ("active" as const),
				understands: ["tlp2" as const],
				...(p.tlpCeiling === undefined ? {} : { tlpCeiling: p.tlpCeiling }),
			})),
		jurisdictions: [jurisdiction("GB"), jurisdiction("US")],
		agreements: world.agreements.map((a) => ({
			id: a.id,
			name: a.id,
			kind:
				a.parties.length === 2 && a.communities.length === 0
					? ("bilateral" as const)
					: ("multilateral" as const),
			parties: known(a.parties),
			communities: a.communities,
			purposes: a.purposes,
			tlpCeiling: a.tlpCeiling,
			papCeiling: "clear" as const,
			handlingCodes: false,
			onwardSharing: a.onwardSharing,
			evidenceUse: false,
			validity: VALIDITY[a.validity],
			treatments: [],
		})),
		communities: world.communities.map((c) => ({
			id: c.id,
			name: c.id,
			members: known(c.members),
			subgroups: [],
		})),
	};
}

/** The STIX object a model object stands for. Names start with "mdl" so autocomplete can ask for them all. */
/** The `modified` of version `index` (0 = first) of a model object: one second apart. */
export function modifiedAt(index: number): string {
	return new Date(Date.parse(CREATED) + index * 1000).toISOString();
}

/** Version `index` of a model object (default: its latest), as STIX; `name` replaces its name. */
export function stixOf(
	object: ModelObject,
	index = object.history?.length ?? 0,
	name = `mdl ${object.id}`,
): StixObject {
	const version = object.history?.[index] ?? object;
	const markings =
		version.marking === "none"
			? {}
			: {
					object_marking_refs: [
						version.marking === "unknown" ? UNKNOWN_MARKING : TLP2_DEFINITIONS[version.marking].id,
					],
				};
	const audience = version.audience === undefined ? {} : { x_entente_audience: version.audience };
	const common = {
		spec_version: "2.1",
		id: object.id,
		created: CREATED,
		modified: modifiedAt(index),
		...markings,
		...audience,
	};
	switch (object.type) {
		case "indicator":
			return {
				type: "indicator",
				...common,
				name,
				pattern: "[domain-name:value = 'example.com']",
				pattern_type: "stix",
				valid_from: CREATED,
				...(object.fields === undefined ? {} : markedFields(object.fields)),
			} as StixObject;
		case "malware":
			return { type: "malware", ...common, name, is_family: false } as StixObject;
		case "report":
			return { type: "report", ...common, name, published: CREATED, object_refs: object.refs } as StixObject;
		case "relationship":
			return {
				type: "relationship",
				...common,
				relationship_type: object.relationshipType,
				source_ref: object.source,
				target_ref: object.target,
			} as StixObject;
		case "sighting":
			return { type: "sighting", ...common, sighting_of_ref: object.sightingOf } as StixObject;
	}
}

/**
 * Fields under a granular marking, one per selector form (a list index into an object, an index into a list of
 * objects and a property of it): each protected value is one of the object's field canaries.
 */
function markedFields(fields: NonNullable<ModelObject["fields"]>): Record<string, unknown> {
	const [reference, phase] = fields.canaries;
	return {
		external_references: [{ source_name: "model", description: reference }],
		kill_chain_phases: [
			{ kill_chain_name: "model", phase_name: "open" },
			{ kill_chain_name: "model", phase_name: phase },
		],
		granular_markings: [
			{
				selectors: ["external_references.[0].description", "kill_chain_phases.[1].phase_name"],
				marking_ref: TLP2_DEFINITIONS[fields.marking].id,
			},
		],
	};
}

/** Opens the model tests' node (built by buildTestNode): the pool's parties as partner organisations, a user each. */
export async function openModelNode(): Promise<ModelNode> {
	const pool: Policy = {
		version: 0,
		parties: PARTY_POOL.map((id) => ({
			id,
			name: id,
			sector: "cert",
			jurisdictions: ["GB"],
			node: "x",
			local: false,
			trustTier: 1,
			clients: [],
			status: "active",
			understands: ["tlp2"],
		})),
		jurisdictions: [],
		agreements: [],
		communities: [],
	};
	const node = await buildTestNode({
		nodeName: NODE_NAME,
		parties: pool,
		users: Object.fromEntries(
			PARTY_POOL.map((id) => [id, { organizationId: id, name: `user-${id.slice(-1)}`, role: "analyst" }]),
		),
		collections: [everyoneCollection(PARTY_POOL)],
		taxii: { rateLimit: { burst: 1e9, perSecond: 1e9 } },
	});
	const { store, gate } = node;
	const tokens = new Map([...node.users].map(([id, client]) => [id, client.token]));
	let applied = 0;
	const viewer = (party: string) => ({
		partyId: party,
		userId: "model",
		purpose: "network-defence" as const,
	});
	return {
		store,
		gate,
		tokens,
		request: async (path, party, init = {}) => {
			const headers = new Headers(init.headers);
			headers.set("Accept", "application/taxii+json;version=2.1");
			headers.set("Authorization", `Bearer ${tokens.get(party)}`);
			return node.request(path, { ...init, headers });
		},
		async reset() {
			const page = await store.query({ versions: ["last"], limit: 1000 });
			for (const version of page.items) await store.deleteObject(version.id);
		},
		async apply(world) {
			applied++;
			const policy = policyOf(world);
			await node.applyPolicy(policy, `model policy ${applied}`);
			// A pool party the policy does not name is a partner organisation, whatever an earlier run made it:
			// the node's own organisations are those the model says are local (and only while it names them).
			const named = new Set(policy.parties.map((p) => p.id));
			for (const organization of await store.listOrganizations())
				if (!named.has(organization.id) && organization.local !== false)
					await store.putOrganization({ ...organization, local: false });
		},
		async add(object, options = {}) {
			// Every version, oldest first; those already stored are duplicates and change nothing.
			const versions = Array.from({ length: (object.history?.length ?? 0) + 1 }, (_, index) =>
				stixOf(object, index, options.name),
			);
			const report = await node.ingest(versions, object.poster, "model");
			if (options.expectRefused === true) {
				if (report.counts.stored > 0) throw new Error(`stored despite another owner: ${object.id}`);
			} else if (report.counts.rejected > 0) throw new Error(JSON.stringify(report.problems));
		},
		async post(party, via, objects) {
			const response =
				via === "rest"
					? await node.request("/api/v1/objects", {
							method: "POST",
							headers: {
								Authorization: `Bearer ${tokens.get(party)}`,
								"Content-Type": "application/json",
							},
							body: JSON.stringify({ objects }),
						})
					: await node.request(`/taxii2/api/collections/${EVERYONE_COLLECTION}/objects/`, {
							method: "POST",
							headers: {
								Authorization: `Bearer ${tokens.get(party)}`,
								Accept: "application/taxii+json;version=2.1",
								"Content-Type": "application/taxii+json;version=2.1",
							},
							body: JSON.stringify({ objects }),
						});
			return { status: response.status, text: await response.text() };
		},
		async exportIds(party, allVersions = false) {
			return bundleObjects(await node.exportAs(viewer(party), { versions: [allVersions ? "all" : "last"] }));
		},
		async stats(party) {
			return releasedStats({ store, gate }, viewer(party));
		},
		close: () => node.close(),
	};
}
