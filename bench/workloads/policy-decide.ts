// decide() on a warm compiled policy (the reference scenario), no trace, against a Map lookup + TLP compare floor.

import { compilePolicy, decide } from "../../src/policy/engine/index.ts";
import type { DecisionSubject, Purpose } from "../../src/policy/model.ts";
import { TLP2_DEFINITIONS } from "../../src/stix/markings/index.ts";
import {
	IDS,
	indicator,
	MARKS,
	REFERENCE_POLICY,
	SCENARIO_NOW,
	subjectOf,
	victimIp,
} from "../../test/fixtures/reference-scenario.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

const DECISIONS = 2_000_000;

/** A mix of objects, originators, recipients and purposes that exercises every rule family. */
function cases(): { subject: DecisionSubject; recipient: string; purpose: Purpose }[] {
	const subjects = [
		subjectOf(indicator([MARKS.amber]), IDS.nca),
		subjectOf(indicator([MARKS.green, MARKS.papGreen]), IDS.nca),
		subjectOf(indicator([MARKS.amberStrict]), IDS.nca),
		subjectOf(indicator([MARKS.amber, MARKS.h0]), IDS.nca),
		subjectOf(victimIp([MARKS.amber]), IDS.nca),
		subjectOf(indicator([MARKS.green]), IDS.fbi),
		subjectOf(indicator([MARKS.clear]), IDS.bka),
		subjectOf(indicator([]), IDS.nca, [MARKS.h2]),
	];
	const recipients = [IDS.nca, IDS.fbi, IDS.ec3, IDS.nlPolice, IDS.bka, IDS.coPolice, IDS.bank, IDS.uniCert];
	const purposes: Purpose[] = ["criminal-investigation", "network-defence", "research"];
	const out = [];
	for (const subject of subjects)
		for (const recipient of recipients)
			for (const purpose of purposes) out.push({ subject, recipient, purpose });
	return out;
}

/** Decisions per second of `decide`, and of the floor, best of 5 runs of DECISIONS each. */
export async function measureDecide(): Promise<{ ours: number; floor: number; mix: number }> {
	const policy = compilePolicy(REFERENCE_POLICY);
	const mix = cases();
	const options = { now: SCENARIO_NOW };
	let sink = 0;
	const oursMs = await bestOf(
		5,
		() => undefined,
		() => {
			for (let i = 0; i < DECISIONS; i++) {
				const c = mix[i % mix.length];
				if (c !== undefined && decide(c.subject, c.recipient, c.purpose, policy, options).verdict === "full")
					sink++;
			}
		},
	);
	// Floor: what any gate must do at least — look the recipient up, read the object's TLP, compare.
	const entitled = new Map<string, number>(Object.values(IDS).map((id, i) => [id, i % 5]));
	const rank = new Map<string, number>(
		Object.values(TLP2_DEFINITIONS).map((definition, i) => [definition.id, i] as [string, number]),
	);
	const floorMs = await bestOf(
		5,
		() => undefined,
		() => {
			for (let i = 0; i < DECISIONS; i++) {
				const c = mix[i % mix.length];
				if (c === undefined) continue;
				let tlp = 2;
				for (const ref of c.subject.object.object_marking_refs ?? [])
					tlp = Math.max(tlp, rank.get(ref) ?? -1);
				if (tlp <= (entitled.get(c.recipient) ?? -1)) sink++;
			}
		},
	);
	if (sink < 0) throw new Error("unreachable");
	return { ours: (DECISIONS / oursMs) * 1000, floor: (DECISIONS / floorMs) * 1000, mix: mix.length };
}

export const policyDecide: Workload = {
	name: "policy decide",
	async run(): Promise<BenchRow[]> {
		const { ours, floor, mix } = await measureDecide();
		return [
			{
				name: `policy decide (warm, no trace, ${mix}-case mix)`,
				value: ours,
				unit: "decisions/s",
				floor,
				floorName: "Map lookup + TLP compare",
				ratio: floor / ours,
				target: "≥ 1,000,000/s",
			},
		];
	},
};
