// A policy change's impact (D62): the objects whose release may differ within their class, asked of the gate one by one.
import type { EgressGate, Purpose, TraceStep, Viewer } from "../../policy/index.ts";
import type { Store, StoredVersion } from "../../store/index.ts";
import { type Classes, type ExampleRef, exampleOf } from "./impact-classes.ts";
import { type ClassDecision, PER_OBJECT, RELEASED } from "./impact-decisions.ts";

/** An example before its rule is known: a class's (with the class's step) or an object's (explained later). */
export interface ExampleCandidate {
	example: ExampleRef;
	step?: TraceStep | undefined;
	version?: StoredVersion;
}

/** One party's counts as they add up. */
export interface PartyTally {
	party: string;
	before: number;
	after: number;
	gained: number;
	lost: number;
	gainedExamples: ExampleCandidate[];
	lostExamples: ExampleCandidate[];
}

export interface PerObjectOptions {
	gates: { before: EgressGate; after: EgressGate };
	parties: readonly string[];
	purpose: Purpose;
	upTo: string | undefined;
	pageSize: number;
	examples: number;
	onProgress: (done: number) => void;
}

type Decided = { before: ClassDecision[]; after: ClassDecision[] };

/**
 * Pass 2, only when some class's decision does not hold for all its members, or some observable is stated by
 * several contributors: the store is read again, and each such member is asked of the gate (`releasePage`, the
 * very call every exit makes) for each party whose class decision left it open. An observable's statements add up
 * per id: it counts as released when any of them is. Resolves with how many versions were asked about.
 */
export async function perObjectPass(
	store: Store,
	classes: Classes,
	decisions: readonly Decided[],
	tallies: PartyTally[],
	options: PerObjectOptions,
): Promise<number> {
	const open = classes.list.map((c) =>
		decisions.some(
			(d) => d.before[c.index]?.outcome === PER_OBJECT || d.after[c.index]?.outcome === PER_OBJECT,
		),
	);
	if (!open.includes(true) && classes.severalStatements.size === 0) return 0;
	const several = new Map<string, { version: StoredVersion; was: boolean[]; will: boolean[] }>();
	let asked = 0;
	let read = 0;
	for await (const page of store.latestVersionPages({ upTo: options.upTo, pageSize: options.pageSize })) {
		const indexes = await classes.classesOf(page);
		const members: { version: StoredVersion; index: number }[] = [];
		page.forEach((version, at) => {
			const index = indexes[at];
			if (index !== undefined && (index < 0 || open[index] === true)) members.push({ version, index });
		});
		asked += members.length;
		for (const [k, party] of options.parties.entries())
			await decideMembers(
				members,
				decisions[k] as Decided,
				tallies[k] as PartyTally,
				k,
				party,
				several,
				options,
			);
		read += page.length;
		options.onProgress(read);
	}
	for (const { version, was, will } of several.values())
		for (const [k, tally] of tallies.entries())
			count(tally, version, was[k] === true, will[k] === true, options.examples);
	return asked;
}

/** One party's answers for a page's open members: per object where the class left it open, else the class's. */
async function decideMembers(
	members: readonly { version: StoredVersion; index: number }[],
	decided: Decided,
	tally: PartyTally,
	k: number,
	party: string,
	several: Map<string, { version: StoredVersion; was: boolean[]; will: boolean[] }>,
	options: PerObjectOptions,
): Promise<void> {
	const mine = members.filter(
		({ index }) =>
			index < 0 ||
			decided.before[index]?.outcome === PER_OBJECT ||
			decided.after[index]?.outcome === PER_OBJECT,
	);
	if (mine.length === 0) return;
	const viewer: Viewer = { partyId: party, userId: "policy-impact", purpose: options.purpose };
	const side = async (which: "before" | "after"): Promise<boolean[]> => {
		const asked = mine.filter(({ index }) => index < 0 || decided[which][index]?.outcome === PER_OBJECT);
		const gate = options.gates[which];
		const released =
			asked.length === 0
				? []
				: await gate.releasePage(
						viewer,
						asked.map((m) => m.version),
					);
		const byVersion = new Map<StoredVersion, boolean>();
		asked.forEach((m, at) => {
			byVersion.set(m.version, released[at] !== undefined);
		});
		return mine.map((m) => byVersion.get(m.version) ?? decided[which][m.index]?.outcome === RELEASED);
	};
	const was = await side("before");
	const will = await side("after");
	mine.forEach(({ version, index }, at) => {
		if (index >= 0) {
			count(tally, version, was[at] === true, will[at] === true, options.examples);
			return;
		}
		let entry = several.get(version.id);
		if (entry === undefined) {
			entry = { version, was: [], will: [] };
			several.set(version.id, entry);
		}
		entry.was[k] = entry.was[k] === true || was[at] === true;
		entry.will[k] = entry.will[k] === true || will[at] === true;
	});
}

function count(
	tally: PartyTally,
	version: StoredVersion,
	was: boolean,
	will: boolean,
	examples: number,
): void {
	if (was) tally.before++;
	if (will) tally.after++;
	if (was === will) return;
	if (will) tally.gained++;
	else tally.lost++;
	const list = will ? tally.gainedExamples : tally.lostExamples;
	if (list.length < examples) list.push({ example: exampleOf(version), version });
}
