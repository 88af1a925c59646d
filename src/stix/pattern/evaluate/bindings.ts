// Observation operators and qualifiers (§9.5.2, §9.5.3) over bindings: which observations can be bound to the
// pattern's `[...]` leaves together. Semantics as OASIS's reference matcher (cti-pattern-matcher): AND and
// FOLLOWEDBY bind different observations, OR binds one side, REPEATS n binds n different matches; each observed-data
// stands for number_observed observations over first_observed..last_observed.

import type { ObservationExpression, Qualifier } from "../ast.ts";
import type { Budget } from "./budget.ts";
import { millisecondsOf } from "./observations.ts";

/** One leaf bound to one observation unit (one of an observed-data's number_observed copies). */
export interface Slot {
	leaf: number;
	unit: number;
}

/** A set of slots satisfying a sub-expression, with its time bounds (undefined when no unit is timed). */
export interface Binding {
	slots: readonly Slot[];
	/** The latest first_observed of its units. */
	maxFirst: number | undefined;
	/** The earliest last_observed of its units. */
	minLast: number | undefined;
}

/** A unit's time: its observation's interval, or undefined for a bare SCO. */
export type UnitTimes = readonly (readonly [number, number] | undefined)[];

/** What combining may read and what it reports back. */
export interface Combination {
	leafBindings: (node: ObservationExpression & { kind: "observation" }) => Binding[];
	unitTimes: UnitTimes;
	budget: Budget;
	/** Most partial bindings kept per sub-expression. */
	maxPartial: number;
	/** Set when a sub-expression had more bindings than maxPartial: some were not tried. */
	truncated: boolean;
	/** Set when a time constraint met a unit without time (a bare SCO), which it let pass. */
	timeUnchecked: boolean;
}

/** The bindings of an observation expression, each verified against every operator and qualifier in it. */
export function bindingsOf(node: ObservationExpression, c: Combination): Binding[] {
	switch (node.kind) {
		case "observation":
			return qualify(c.leafBindings(node), node.qualifiers, c);
		case "observation-group":
			return qualify(bindingsOf(node.expression, c), node.qualifiers, c);
		case "observation-operation": {
			const operands = node.operands.map((operand) => bindingsOf(operand, c));
			if (node.operator === "OR") return capped(operands.flat(), c);
			const [first = [], ...rest] = operands;
			return rest.reduce((left, right) => join(left, right, node.operator === "FOLLOWEDBY", c), first);
		}
	}
}

function capped(bindings: Binding[], c: Combination): Binding[] {
	if (bindings.length <= c.maxPartial) return bindings;
	c.truncated = true;
	return bindings.slice(0, c.maxPartial);
}

function disjoint(a: Binding, b: Binding): boolean {
	for (const x of a.slots) for (const y of b.slots) if (x.unit === y.unit) return false;
	return true;
}

function merge(a: Binding, b: Binding): Binding {
	return {
		slots: [...a.slots, ...b.slots],
		maxFirst:
			a.maxFirst === undefined
				? b.maxFirst
				: b.maxFirst === undefined
					? a.maxFirst
					: Math.max(a.maxFirst, b.maxFirst),
		minLast:
			a.minLast === undefined
				? b.minLast
				: b.minLast === undefined
					? a.minLast
					: Math.min(a.minLast, b.minLast),
	};
}

/** Whether any unit of the binding has no time. */
function hasUntimed(binding: Binding, c: Combination): boolean {
	return binding.slots.some((slot) => c.unitTimes[slot.unit] === undefined);
}

/**
 * AND: pairs binding different observations. FOLLOWEDBY also needs times that can be chosen in order: the
 * left side's latest first_observed no later than the right side's earliest last_observed.
 */
function join(left: Binding[], right: Binding[], ordered: boolean, c: Combination): Binding[] {
	const out: Binding[] = [];
	for (const a of left) {
		c.budget.charge(right.length + 1, "combining observations (AND, FOLLOWEDBY)");
		for (const b of right) {
			if (!disjoint(a, b)) continue;
			if (ordered && !inOrder(a, b, c)) continue;
			if (out.length === c.maxPartial) {
				c.truncated = true;
				return out;
			}
			out.push(merge(a, b));
		}
	}
	return out;
}

function inOrder(a: Binding, b: Binding, c: Combination): boolean {
	if (hasUntimed(a, c) || hasUntimed(b, c)) c.timeUnchecked = true;
	if (a.maxFirst === undefined || b.minLast === undefined) return true;
	return a.maxFirst <= b.minLast;
}

/** Applies qualifiers in the order written. */
function qualify(bindings: Binding[], qualifiers: readonly Qualifier[], c: Combination): Binding[] {
	let current = bindings;
	for (const q of qualifiers) {
		if (q.kind === "repeats") current = repeats(current, q.times, c);
		else if (q.kind === "within") current = current.filter((b) => within(b, q.seconds * 1000, c));
		else {
			const start = millisecondsOf(q.start);
			const stop = millisecondsOf(q.stop);
			current = current.filter((b) => startStop(b, start, stop, c));
		}
	}
	return current;
}

/**
 * WITHIN: some window of that length touches every unit's interval. The earliest last_observed is the best
 * place to start one, so the test is: latest first_observed ≤ earliest last_observed + duration.
 */
function within(binding: Binding, duration: number, c: Combination): boolean {
	if (hasUntimed(binding, c)) c.timeUnchecked = true;
	if (binding.maxFirst === undefined || binding.minLast === undefined) return true;
	return binding.maxFirst <= binding.minLast + duration;
}

/** START … STOP: every unit was observed at some time in [start, stop), STOP excluded (§9.5.2). */
function startStop(binding: Binding, start: number, stop: number, c: Combination): boolean {
	if (hasUntimed(binding, c)) c.timeUnchecked = true;
	if (binding.maxFirst === undefined || binding.minLast === undefined) return true;
	return binding.maxFirst < stop && binding.minLast >= start;
}

/**
 * REPEATS n: n bindings of pairwise different observations. Runs of n in time order come first (what a WITHIN
 * after it most likely needs), then every other combination, up to maxPartial.
 */
function repeats(bindings: Binding[], times: number, c: Combination): Binding[] {
	if (times === 1) return bindings;
	const sorted = [...bindings].sort((a, b) => (a.maxFirst ?? 0) - (b.maxFirst ?? 0));
	const out: Binding[] = [];
	const emitted = new Set<string>();
	const emit = (chosen: number[]): boolean => {
		const key = chosen.join(",");
		if (emitted.has(key)) return true;
		if (out.length === c.maxPartial) {
			c.truncated = true;
			return false;
		}
		emitted.add(key);
		out.push(chosen.map((i) => sorted[i] as Binding).reduce(merge));
		return true;
	};
	for (let i = 0; i + times <= sorted.length; i++) {
		const run = greedyRun(sorted, i, times, c);
		if (run !== undefined && !emit(run)) return out;
	}
	const chosen: number[] = [];
	const search = (from: number): boolean => {
		if (chosen.length === times) return emit([...chosen]);
		for (let i = from; i + (times - chosen.length) <= sorted.length; i++) {
			c.budget.charge(1, "combining observations (REPEATS)");
			const candidate = sorted[i] as Binding;
			if (!chosen.every((j) => disjoint(sorted[j] as Binding, candidate))) continue;
			chosen.push(i);
			const more = search(i + 1);
			chosen.pop();
			if (!more) return false;
		}
		return true;
	};
	search(0);
	return out;
}

function greedyRun(
	sorted: readonly Binding[],
	start: number,
	times: number,
	c: Combination,
): number[] | undefined {
	const run = [start];
	for (let j = start + 1; j < sorted.length && run.length < times; j++) {
		c.budget.charge(1, "combining observations (REPEATS)");
		const candidate = sorted[j] as Binding;
		if (run.every((k) => disjoint(sorted[k] as Binding, candidate))) run.push(j);
	}
	return run.length === times ? run : undefined;
}
