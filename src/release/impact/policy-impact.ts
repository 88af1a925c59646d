// A policy change's impact (D62): per party, what the proposed policy would release that the current one does not, and back.
import {
	type CompiledPolicy,
	compilePolicy,
	createGate,
	DEFAULT_PURPOSE,
	type EgressGate,
	type Policy,
	type Purpose,
	type TraceStep,
} from "../../policy/index.ts";
import { SCO_TYPES } from "../../stix/types/index.ts";
import type { Store } from "../../store/index.ts";
import { Classes, type ExampleRef, type Policies } from "./impact-classes.ts";
import {
	type ClassDecision,
	decideClasses,
	explainingStep,
	PER_OBJECT,
	RELEASED,
	treatedTypes,
} from "./impact-decisions.ts";
import { type PartyTally, perObjectPass } from "./impact-members.ts";
import { impactSources, rememberingSources } from "./impact-sources.ts";

/** An object a party would gain or lose, and the rule that now releases or withholds it. */
export interface ImpactExample extends ExampleRef {
	rule: string;
	reason: string;
}

export interface PartyImpact {
	id: string;
	name: string;
	before: number;
	after: number;
	gained: number;
	lost: number;
	gainedExamples: ImpactExample[];
	lostExamples: ImpactExample[];
}

export interface PolicyImpact {
	/** The applied policy version compared against (0: none). */
	baseVersion: number;
	purpose: Purpose;
	/** Stored objects compared (latest versions; an observable stated by several contributors counts once). */
	objects: number;
	/** Decision classes the objects fell into, and how many objects the gate was asked about one by one. */
	classes: number;
	decidedPerObject: number;
	parties: PartyImpact[];
}

export interface ImpactProgress {
	phase: "reading" | "deciding" | "per-object";
	done: number;
	total: number;
}

export interface ImpactOptions {
	purpose?: Purpose;
	/** The instant both policies are judged at (default now). */
	now?: Date;
	onProgress?: (progress: ImpactProgress) => void;
	/** Examples per party and direction (default 3). */
	examples?: number;
	pageSize?: number;
}

/**
 * What an impact's progress counts towards: every stored version (one index count, where counting latest versions
 * alone costs a probe per row). An upper bound of the versions it reads; equal when each object has one version.
 */
export function impactTotal(store: Store): Promise<number> {
	return store.count({ versions: ["all"] });
}

/**
 * For every party of either policy: how many stored objects the gate releases to it now and would under
 * `proposed`, which it would gain and lose, with examples and the deciding rule (D62). Exactly what the node's
 * gate code releases (its own sources, each fixed to one policy): the latest versions are grouped by what a
 * decision reads, each group decided once per party, and only what may differ per object is asked per object.
 * Writes nothing; sends nothing to any party.
 * @example const impact = await policyImpact(store, parsed.policy, { onProgress: (p) => log(p) });
 */
export async function policyImpact(
	store: Store,
	proposed: Policy,
	options: ImpactOptions = {},
): Promise<PolicyImpact> {
	const purpose = options.purpose ?? DEFAULT_PURPOSE;
	const now = options.now ?? new Date();
	// Pages of 2,000: each asks the store once for what its versions inherit.
	const pageSize = options.pageSize ?? 2000;
	const progress = options.onProgress ?? (() => {});
	const compiled = compilePolicy(proposed);
	const sides = await impactSources(store, compiled, now);
	const current = sides.current.compiled();
	const total = await impactTotal(store);
	const upTo = await store.commitHorizon();
	const heldTypes = await store.heldTypes([...SCO_TYPES]);

	// Read once; again (at most once) when an observable an indicator was classified against is stated again later.
	let classes = await classify(
		store,
		{ current, proposed: compiled },
		heldTypes,
		new Set(),
		upTo,
		pageSize,
		progress,
		total,
	);
	if (classes.restart)
		classes = await classify(
			store,
			{ current, proposed: compiled },
			heldTypes,
			classes.severalStatements,
			upTo,
			pageSize,
			progress,
			total,
		);

	const parties = partiesOf(current, compiled);
	const before = createGate(rememberingSources(sides.current));
	const after = createGate(rememberingSources(sides.proposed));
	const decisions: { before: ClassDecision[]; after: ClassDecision[] }[] = [];
	const treatedBefore = treatedTypes(current);
	const treatedAfter = treatedTypes(compiled);
	for (const [at, party] of parties.entries()) {
		progress({ phase: "deciding", done: at, total: parties.length });
		decisions.push({
			before: await decideClasses(before, classes.list, party.id, purpose, treatedBefore),
			after: await decideClasses(after, classes.list, party.id, purpose, treatedAfter),
		});
	}
	progress({ phase: "deciding", done: parties.length, total: parties.length });
	const tallies = parties.map((party, at) =>
		uniformTally(classes, decisions[at] as { before: ClassDecision[]; after: ClassDecision[] }, party.id),
	);
	const perObject = await perObjectPass(store, classes, decisions, tallies, {
		gates: { before: createGate(sides.current), after: createGate(sides.proposed) },
		parties: parties.map((party) => party.id),
		purpose,
		upTo,
		pageSize,
		examples: options.examples ?? 3,
		onProgress: (done) => progress({ phase: "per-object", done, total: classes.objects }),
	});
	const examples = options.examples ?? 3;
	const lines: PartyImpact[] = [];
	for (const [at, party] of parties.entries())
		lines.push(await partyLine(party, tallies[at] as PartyTally, after, purpose, examples));
	return {
		baseVersion: sides.baseVersion,
		purpose,
		objects: classes.objects,
		classes: classes.list.filter((c) => c.count > 0).length,
		decidedPerObject: perObject,
		parties: lines,
	};
}

/** One scan of the latest versions into classes, the waiting indicators classified at its end. */
async function classify(
	store: Store,
	policies: Policies,
	heldTypes: ReadonlySet<string>,
	severalKnown: ReadonlySet<string>,
	upTo: string | undefined,
	pageSize: number,
	progress: (p: ImpactProgress) => void,
	total: number,
): Promise<Classes> {
	const classes = new Classes(store, policies, heldTypes, severalKnown);
	progress({ phase: "reading", done: 0, total });
	for await (const page of store.latestVersionPages({ upTo, pageSize })) {
		await classes.add(page);
		progress({ phase: "reading", done: classes.objects, total: Math.max(total, classes.objects) });
	}
	await classes.finish();
	return classes;
}

/** The parties of the proposed policy, then those only the current one names (they would lose everything). */
function partiesOf(
	current: CompiledPolicy | undefined,
	proposed: CompiledPolicy,
): { id: string; name: string }[] {
	const out = new Map<string, string>();
	for (const [id, party] of proposed.parties) out.set(id, party.source.name);
	for (const [id, party] of current?.parties ?? []) if (!out.has(id)) out.set(id, party.source.name);
	return [...out].map(([id, name]) => ({ id, name }));
}

/** The counts and examples of the classes decided alike for every member, for one party. */
function uniformTally(
	classes: Classes,
	decided: { before: ClassDecision[]; after: ClassDecision[] },
	party: string,
): PartyTally {
	const tally: PartyTally = {
		party,
		before: 0,
		after: 0,
		gained: 0,
		lost: 0,
		gainedExamples: [],
		lostExamples: [],
	};
	for (const c of classes.list) {
		const b = decided.before[c.index];
		const a = decided.after[c.index];
		if (c.count === 0 || b === undefined || a === undefined) continue;
		if (b.outcome === PER_OBJECT || a.outcome === PER_OBJECT) continue;
		const was = b.outcome === RELEASED;
		const will = a.outcome === RELEASED;
		if (was) tally.before += c.count;
		if (will) tally.after += c.count;
		if (was === will) continue;
		const list = will ? tally.gainedExamples : tally.lostExamples;
		if (will) tally.gained += c.count;
		else tally.lost += c.count;
		for (const example of c.examples) if (list.length < 10) list.push({ example, step: a.step });
	}
	return tally;
}

/** A party's answer line: the tally, its examples with the rule the proposed policy decides them by. */
async function partyLine(
	party: { id: string; name: string },
	tally: PartyTally,
	gate: EgressGate,
	purpose: Purpose,
	count: number,
): Promise<PartyImpact> {
	const explained = async (list: PartyTally["gainedExamples"]): Promise<ImpactExample[]> => {
		const out: ImpactExample[] = [];
		for (const { example, step, version } of list.slice(0, count)) {
			let decided: TraceStep | undefined = step;
			if (version !== undefined) decided = explainingStep(await gate.explain(version, party.id, purpose));
			out.push({ ...example, rule: decided?.rule ?? "form", reason: decided?.reason ?? "" });
		}
		return out;
	};
	return {
		id: party.id,
		name: party.name,
		before: tally.before,
		after: tally.after,
		gained: tally.gained,
		lost: tally.lost,
		gainedExamples: await explained(tally.gainedExamples),
		lostExamples: await explained(tally.lostExamples),
	};
}
