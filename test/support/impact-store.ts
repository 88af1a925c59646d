// A varied store for the policy impact's tests (D62): objects of several originators, markings, roles, audiences,
// indicators naming held and unheld values, observables stated twice, relationships and containers.
import { ingest } from "../../src/ingest/index.ts";
import type { Policy } from "../../src/policy/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { scoId } from "../../src/stix/ids/index.ts";
import type { Store } from "../../src/store/index.ts";
import { IDS, MARKS } from "../fixtures/reference-scenario.ts";

const CREATED = "2025-05-01T00:00:00.000Z";
export const RECORDERS = [IDS.nca, IDS.fbi, IDS.bank, IDS.ec3, IDS.nlPolice] as const;
const MARKING_SETS: readonly (readonly string[])[] = [
	[MARKS.green],
	[MARKS.green],
	[MARKS.green],
	[MARKS.amber],
	[MARKS.amber],
	[],
	[MARKS.red],
	[MARKS.amberStrict],
	[MARKS.tlp1Amber],
	[MARKS.green, MARKS.papRed],
	[MARKS.amber, MARKS.papGreen],
	[MARKS.green, MARKS.h2],
];

/** A small deterministic generator (mulberry32). */
export function randomOf(seed: number): (n: number) => number {
	let a = seed >>> 0;
	return (n) => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
	};
}

const uuid = (n: number, kind: number) =>
	`${String(kind).padStart(8, "0")}-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** `count` objects per recorder, varied by `seed`; every kind the impact treats differently appears. */
export function variedObjects(seed: number, count: number): Map<string, StixObject[]> {
	const int = randomOf(seed);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
	const byRecorder = new Map<string, StixObject[]>(RECORDERS.map((r) => [r, []]));
	// Each recorder states its own addresses, and a few are stated by several (D31).
	const ipOf = (recorder: number) =>
		int(3) === 0 ? `203.0.113.${int(4)}` : `198.51.${100 + recorder}.${int(20)}`;
	for (let n = 0; n < count; n++) {
		const at = int(RECORDERS.length);
		const recorder = RECORDERS[at] as string;
		const list = byRecorder.get(recorder) as StixObject[];
		// The first markings are the common ones: classes of many members, and a few rare ones beside them.
		const markings = MARKING_SETS[int(3) === 0 ? int(MARKING_SETS.length) : int(5)] as readonly string[];
		const common = {
			spec_version: "2.1",
			created: CREATED,
			modified: CREATED,
			...(markings.length === 0 ? {} : { object_marking_refs: [...markings] }),
			...(int(6) === 0 ? { created_by_ref: pick(RECORDERS) } : {}),
			...(int(10) === 0 ? { labels: ["role:victim"] } : {}),
			...(int(20) === 0 ? { x_entente_audience: { parties: [pick(RECORDERS)] } } : {}),
		};
		const ip = ipOf(at);
		const shape = int(7);
		if (shape <= 1) {
			list.push({
				...common,
				type: "indicator",
				id: `indicator--${uuid(n, 1)}`,
				name: `indicator ${n}`,
				pattern: int(3) === 0 ? `[email-addr:value = 'user${n}@example.org']` : `[ipv4-addr:value = '${ip}']`,
				pattern_type: "stix",
				valid_from: CREATED,
				indicator_types: [int(2) === 0 ? "malicious-activity" : "compromised"],
			} as StixObject);
		} else if (shape === 2) {
			const sco = { type: "ipv4-addr", value: ip };
			const {
				created: _c,
				modified: _m,
				created_by_ref: _a,
				...scoCommon
			} = common as Record<string, unknown>;
			list.push({
				...scoCommon,
				...sco,
				id: scoId(sco) as string,
				...(int(2) === 0 ? { x_entente_role: "victim" } : {}),
			} as StixObject);
		} else if (shape === 3) {
			list.push({
				...common,
				type: "malware",
				id: `malware--${uuid(n, 3)}`,
				name: `malware ${n}`,
				is_family: true,
			} as StixObject);
		} else if (shape === 4) {
			list.push({
				...common,
				type: "relationship",
				id: `relationship--${uuid(n, 4)}`,
				relationship_type: "indicates",
				source_ref: `indicator--${uuid(Math.max(0, n - 1 - int(5)), 1)}`,
				target_ref: `malware--${uuid(Math.max(0, n - 1 - int(5)), 3)}`,
			} as StixObject);
		} else if (shape === 5) {
			// A container of the recorder's own objects: they inherit its markings (D33).
			const own = list.filter(
				(o) => o.type === "malware" || o.type === "indicator" || o.type === "threat-actor",
			);
			const refs = [...new Set([pick(own)?.id, pick(own)?.id].filter((id) => id !== undefined))];
			list.push({
				...common,
				type: "report",
				id: `report--${uuid(n, 5)}`,
				name: `report ${n}`,
				published: CREATED,
				object_refs: refs.length > 0 ? refs : [`malware--${uuid(Math.max(0, n - 1), 3)}`],
			} as StixObject);
		} else {
			list.push({
				...common,
				type: "threat-actor",
				id: `threat-actor--${uuid(n, 6)}`,
				name: `actor ${n}`,
			} as StixObject);
		}
	}
	return byRecorder;
}

/** Stores `objects` under each recorder (what ingest refuses is left out, as on a node). */
export async function storeVaried(store: Store, objects: Map<string, StixObject[]>): Promise<void> {
	for (const [recorder, list] of objects)
		await ingest(
			store,
			list.map((object, index) => ({ index, object })),
			{ provenance: { organizationId: recorder, source: "test" } },
		);
}

/** A proposed change: some parties suspended, a community dropped, an agreement's ceiling and purposes changed. */
export function changedPolicy(policy: Policy, seed: number): Policy {
	const int = randomOf(seed * 31 + 7);
	return {
		...policy,
		parties: policy.parties.map((p) =>
			!p.local && int(4) === 0 ? { ...p, status: p.status === "active" ? "suspended" : "active" } : p,
		),
		communities: policy.communities.filter(() => int(3) !== 0),
		agreements: policy.agreements.map((a) =>
			int(2) === 0
				? {
						...a,
						tlpCeiling: (["clear", "green", "amber", "red"] as const)[int(4)] as typeof a.tlpCeiling,
						purposes: int(2) === 0 ? ["network-defence"] : a.purposes,
						onwardSharing: int(2) === 0,
						treatments:
							int(3) === 0
								? [...a.treatments, { objectType: "ipv4-addr", role: "victim", treatment: "hold" as const }]
								: a.treatments,
					}
				: a,
		),
	};
}
