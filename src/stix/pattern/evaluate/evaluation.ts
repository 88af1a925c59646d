// One evaluation of a pattern over observations, resumable in slices so a caller can yield between them.

import type { Comparison, Observation as ObservationNode, PatternAst } from "../ast.ts";
import { type Binding, bindingsOf, type Combination } from "./bindings.ts";
import { Budget, BudgetExceeded } from "./budget.ts";
import type { Prepared } from "./compare.ts";
import { matchingObjects, observationLeaves, prepareConstants, type RegexProblem } from "./leaves.ts";
import type { Observation } from "./observations.ts";

/** Bounds of one evaluation. */
export interface EvaluationLimits {
	/** Steps of work in all (comparisons, LIKE and regex steps, partial matches): the evaluation's budget. */
	maxSteps: number;
	/**
	 * Steps the second phase (observation operators and qualifiers) may take of the budget: it runs in one go,
	 * so this bounds how long it holds the caller, however the first phase was sliced.
	 */
	maxCombineSteps: number;
	/** Most partial matches kept per sub-expression (AND, FOLLOWEDBY, REPEATS combinations). */
	maxPartial: number;
	/** Most bindings returned. */
	maxBindings: number;
}

/**
 * 2,000,000 steps (about 0.1–0.3 s of work), all of which the combining phase may use; 1,000 partial matches per
 * sub-expression; 100 bindings returned.
 */
export const DEFAULT_EVALUATION_LIMITS: Readonly<EvaluationLimits> = {
	maxSteps: 2_000_000,
	maxCombineSteps: 2_000_000,
	maxPartial: 1000,
	maxBindings: 100,
};

/** One observation bound to one `[...]` of the pattern. */
export interface BoundObservation {
	/** Offset in the pattern text of the `[` this observation satisfies. */
	leafOffset: number;
	/** Index of the observed-data or SCO in the input list. */
	index: number;
	id: string | undefined;
	/** Keys (ids, or 2.0 `objects` keys) of the SCOs in it that satisfy the comparisons. */
	objects: string[];
	/** Which of its number_observed observations (0-based), when REPEATS counts more than one. */
	copy: number;
}

export type EvaluationOutcome =
	| {
			ok: true;
			matched: boolean;
			/** Each a way the pattern matched, in order found; at most maxBindings. */
			bindings: BoundObservation[][];
			/** Some partial matches were not tried (over maxPartial) or bindings not listed (over maxBindings). */
			truncated: boolean;
			/** A time constraint met an observation without time (a bare SCO) and let it pass. */
			timeUnchecked: boolean;
			steps: number;
	  }
	| { ok: false; tooCostly?: { message: string; limit: number }; regexProblems?: RegexProblem[] };

interface Unit {
	observation: number;
	copy: number;
}

/**
 * The work of evaluating a pattern, done by `advance` in slices: first every `[...]` against every observation
 * (in slices of about `slice` steps), then the observation operators and qualifiers (at once; bounded by
 * maxPartial and the budget). Pure: the caller decides whether to yield between slices.
 */
export class PatternEvaluation {
	private readonly ast: PatternAst;
	private readonly observations: readonly Observation[];
	private readonly limits: EvaluationLimits;
	private readonly budget: Budget;
	private readonly leaves: ObservationNode[];
	private readonly prepared: Map<Comparison, Prepared>;
	private readonly problems: RegexProblem[];
	private readonly matches: { observation: number; objects: string[] }[][];
	private leaf = 0;
	private observation = 0;

	constructor(ast: PatternAst, observations: readonly Observation[], limits: EvaluationLimits) {
		this.ast = ast;
		this.observations = observations;
		this.limits = limits;
		this.budget = new Budget(limits.maxSteps);
		this.leaves = observationLeaves(ast);
		const { prepared, problems } = prepareConstants(this.leaves);
		this.prepared = prepared;
		this.problems = problems;
		this.matches = this.leaves.map(() => []);
	}

	/** Does about `slice` steps of work; returns the outcome when done, undefined when there is more to do. */
	advance(slice: number): EvaluationOutcome | undefined {
		if (this.problems.length > 0) return { ok: false, regexProblems: this.problems };
		try {
			const until = this.budget.used + slice;
			while (this.leaf < this.leaves.length) {
				if (this.budget.used >= until) return undefined;
				this.matchOne();
			}
			return this.combine();
		} catch (error) {
			if (!(error instanceof BudgetExceeded)) throw error;
			return { ok: false, tooCostly: { message: error.message, limit: error.limit } };
		}
	}

	/** Runs to the end in one go. */
	run(): EvaluationOutcome {
		for (;;) {
			const outcome = this.advance(Number.POSITIVE_INFINITY);
			if (outcome !== undefined) return outcome;
		}
	}

	private matchOne(): void {
		const leaf = this.leaves[this.leaf] as ObservationNode;
		const observation = this.observations[this.observation];
		if (observation !== undefined) {
			const objects = matchingObjects(leaf, observation, this.prepared, this.budget);
			if (objects.length > 0) this.matches[this.leaf]?.push({ observation: this.observation, objects });
			this.observation++;
		}
		if (this.observation >= this.observations.length) {
			this.leaf++;
			this.observation = 0;
		}
	}

	private combine(): EvaluationOutcome {
		this.budget.narrow(this.limits.maxCombineSteps);
		const copies = Math.min(unitsNeeded(this.ast), this.limits.maxPartial);
		const units: Unit[] = [];
		const firstUnit = this.observations.map((observation, index) => {
			const first = units.length;
			for (let copy = 0; copy < Math.min(observation.count, copies); copy++)
				units.push({ observation: index, copy });
			return first;
		});
		const combination: Combination = {
			leafBindings: (node) => this.leafBindings(node, firstUnit, copies, combination),
			unitTimes: units.map((unit) => this.observations[unit.observation]?.interval),
			budget: this.budget,
			maxPartial: this.limits.maxPartial,
			truncated: false,
			timeUnchecked: false,
		};
		const bindings = bindingsOf(this.ast, combination);
		const objectsOf = this.objectsLookup();
		const shown = bindings.slice(0, this.limits.maxBindings).map((b) => this.present(b, units, objectsOf));
		return {
			ok: true,
			matched: bindings.length > 0,
			bindings: shown,
			truncated: combination.truncated || bindings.length > this.limits.maxBindings,
			timeUnchecked: combination.timeUnchecked,
			steps: this.budget.used,
		};
	}

	private leafBindings(
		node: ObservationNode,
		firstUnit: readonly number[],
		copies: number,
		combination: Combination,
	): Binding[] {
		const leaf = this.leaves.indexOf(node);
		const out: Binding[] = [];
		for (const match of this.matches[leaf] ?? []) {
			const observation = this.observations[match.observation] as Observation;
			for (let copy = 0; copy < Math.min(observation.count, copies); copy++) {
				if (out.length === this.limits.maxPartial) {
					combination.truncated = true;
					return out;
				}
				out.push({
					slots: [{ leaf, unit: (firstUnit[match.observation] as number) + copy }],
					maxFirst: observation.interval?.[0],
					minLast: observation.interval?.[1],
				});
			}
		}
		return out;
	}

	private present(
		binding: Binding,
		units: readonly Unit[],
		objectsOf: (leaf: number, observation: number) => string[],
	): BoundObservation[] {
		return binding.slots.map((slot) => {
			const unit = units[slot.unit] as Unit;
			const observation = this.observations[unit.observation] as Observation;
			return {
				leafOffset: (this.leaves[slot.leaf] as ObservationNode).offset,
				index: observation.index,
				id: observation.id,
				objects: objectsOf(slot.leaf, unit.observation),
				copy: unit.copy,
			};
		});
	}

	/** The SCOs of an observation that satisfied a leaf, looked up through one map per leaf, built when first asked. */
	private objectsLookup(): (leaf: number, observation: number) => string[] {
		const byLeaf = new Map<number, Map<number, string[]>>();
		return (leaf, observation) => {
			let map = byLeaf.get(leaf);
			if (map === undefined) {
				map = new Map((this.matches[leaf] ?? []).map((m) => [m.observation, m.objects]));
				byLeaf.set(leaf, map);
			}
			return map.get(observation) ?? [];
		};
	}
}

/** The most observation units one binding can use: REPEATS multiplies, AND and FOLLOWEDBY add, OR takes the larger. */
function unitsNeeded(node: PatternAst): number {
	const repeats = (qualifiers: { kind: string; times?: number }[]) =>
		qualifiers.reduce((n, q) => (q.kind === "repeats" ? n * (q.times ?? 1) : n), 1);
	let n: number;
	if (node.kind === "observation") n = repeats(node.qualifiers);
	else if (node.kind === "observation-group") n = unitsNeeded(node.expression) * repeats(node.qualifiers);
	else {
		const parts = node.operands.map(unitsNeeded);
		n = node.operator === "OR" ? Math.max(...parts) : parts.reduce((a, b) => a + b, 0);
	}
	return Math.min(n, Number.MAX_SAFE_INTEGER);
}
