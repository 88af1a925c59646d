// Warninglist checks per second (D50) with the built-in lists and every list of ../shared/data/warninglists loaded
// (62,745 IPv4 resolvers, 34,783 + 10,000 + 255 host names…), against a floor of a Set lookup of the same values:
// the least any exact-match list could cost, which knows nothing of ranges or sub-domains.
import { readWarninglistFiles } from "../../src/cli/commands/warninglist-files.ts";
import { BUILT_IN_WARNINGLISTS, compileWarninglists, type Warninglist } from "../../src/intel/index.ts";
import type { Observable } from "../../src/observables/index.ts";
import { sharedData } from "../../test/support/shared-data.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

const CHECKS = 1_000_000;

function loadedLists(): Warninglist[] {
	return readWarninglistFiles(sharedData("warninglists")).flatMap((file) =>
		file.ok ? [{ ...file.list, builtIn: false }] : [],
	);
}

/** Addresses spread over the whole space (1 in 8 a resolver the lists name), as normalised values. */
function ipv4Values(resolvers: readonly string[]): Observable[] {
	return Array.from({ length: CHECKS }, (_, i) => {
		const a = (i * 2654435761) >>> 0;
		const value =
			i % 8 === 0
				? (resolvers[i % resolvers.length] as string)
				: `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
		return { kind: "ipv4", value };
	});
}

/** Host names, 1 in 8 under a listed domain. */
function domainValues(hosts: readonly string[]): Observable[] {
	return Array.from({ length: CHECKS }, (_, i) => {
		const a = ((i * 2654435761) >>> 0).toString(36);
		const value =
			i % 8 === 0 ? `www${i % 7}.${hosts[i % hosts.length]}` : `h${a}.evil${i % 97}.example-attacker.ru`;
		return { kind: "domain", value };
	});
}

/** Checks per second of the matcher and of the floor, best of 3 runs over `values`. */
async function measure(
	values: readonly Observable[],
	hits: (o: Observable) => number,
	floor: (o: Observable) => number,
): Promise<[number, number]> {
	let sink = 0;
	const run = (work: (o: Observable) => number) =>
		bestOf(
			3,
			() => undefined,
			() => {
				for (const o of values) sink += work(o);
			},
		);
	const oursMs = await run(hits);
	const floorMs = await run(floor);
	if (sink === 0) throw new Error("benchmark sink is empty: nothing matched");
	return [(values.length / oursMs) * 1000, (values.length / floorMs) * 1000];
}

export const warninglistChecks: Workload = {
	name: "warninglist checks",
	async run(): Promise<BenchRow[]> {
		const loaded = loadedLists();
		const lists = [...BUILT_IN_WARNINGLISTS, ...loaded];
		const compileStarted = performance.now();
		const matcher = compileWarninglists(lists);
		const compileMs = performance.now() - compileStarted;
		const entries = new Set(lists.flatMap((list) => list.entries.map((entry) => entry.toLowerCase())));
		const entriesOf = (name: string) => loaded.find((list) => list.name === name)?.entries ?? [];
		const rows: BenchRow[] = [];
		const cases = [
			["ipv4", ipv4Values(entriesOf("List of known IPv4 public DNS resolvers"))],
			["domain", domainValues(entriesOf("Top 10K most-used sites from Tranco"))],
		] as const;
		for (const [kind, values] of cases) {
			const [ours, floor] = await measure(
				values,
				(o) => matcher.hits(o).length,
				(o) => (entries.has(o.value) ? 1 : 0),
			);
			rows.push({
				name: `warninglist checks ${kind} (${lists.length} lists, ${entries.size.toLocaleString("en")} entries)`,
				value: ours,
				unit: "checks/s",
				floor,
				floorName: "Set lookup of the value",
				ratio: floor / ours,
				target: kind === "ipv4" ? "≥ 1,000,000/s" : "≥ 300,000/s",
				...(kind === "ipv4" ? { notes: `compiling every list took ${Math.round(compileMs)} ms` } : {}),
			});
		}
		return rows;
	},
};
