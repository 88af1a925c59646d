// normalise() throughput per kind on realistic values (the hot path of indexing 1M indicators), against a floor of
// what any normaliser must do at least: trim the value and lower-case it.

import { normalise, type ObservableKind } from "../../src/observables/index.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

const CALLS = 2_000_000;
const DISTINCT = 10_000;

/** Distinct values of each kind, as feeds write them (some upper case, some defanged, some CIDRs). */
function samples(kind: ObservableKind): string[] {
	const out: string[] = [];
	for (let i = 0; i < DISTINCT; i++) {
		const a = (i * 2654435761) >>> 0;
		if (kind === "ipv4") {
			const ip = `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
			out.push(i % 10 === 0 ? `${ip}/24` : i % 10 === 1 ? ip.replace(".", "[.]") : ip);
		} else if (kind === "domain") {
			const name = `host${a.toString(36)}.evil${i % 97}.example${i % 3 === 0 ? ".co.uk" : ".com"}`;
			out.push(i % 10 === 0 ? name.toUpperCase() : i % 10 === 1 ? name.replaceAll(".", "[.]") : name);
		} else {
			const hex = (a.toString(16).padStart(8, "0") + i.toString(16).padStart(8, "0")).repeat(4);
			out.push(i % 10 === 0 ? hex.toUpperCase() : hex);
		}
	}
	return JSON.parse(JSON.stringify(out)); // flat strings, as values parsed from JSON are
}

/** Values per second of `normalise(kind, ·)` and of the floor, best of 5 runs of CALLS each. */
function measure(kind: ObservableKind): Promise<[number, number]> {
	const values = samples(kind);
	let sink = 0;
	const run = (work: (value: string) => number) =>
		bestOf(
			5,
			() => undefined,
			() => {
				for (let i = 0; i < CALLS; i++) sink += work(values[i % DISTINCT] as string);
			},
		);
	return Promise.all([
		run((value) => normalise(kind, value).value.length),
		run((value) => value.trim().toLowerCase().length),
	]).then(([oursMs, floorMs]) => {
		if (sink === 0) throw new Error("benchmark sink is empty");
		return [(CALLS / oursMs) * 1000, (CALLS / floorMs) * 1000];
	});
}

const MIXES = [
	["ipv4", "1 in 10 a CIDR, 1 in 10 defanged"],
	["domain", "1 in 10 upper case, 1 in 10 defanged"],
	["sha256", "1 in 10 upper case"],
] as const;

export const observablesNormalise: Workload = {
	name: "observables normalise",
	async run(): Promise<BenchRow[]> {
		const rows: BenchRow[] = [];
		for (const [kind, mix] of MIXES) {
			const [ours, floor] = await measure(kind);
			rows.push({
				name: `observables normalise ${kind} (${mix})`,
				value: ours,
				unit: "values/s",
				floor,
				floorName: "trim + toLowerCase",
				ratio: floor / ours,
				target: kind === "domain" ? "≥ 1,000,000/s" : "well above 1,000,000/s",
			});
		}
		return rows;
	},
};
