// The indicators a value index cannot answer: patterns with LIKE, MATCHES, ranges, != or comparisons on other
// properties than an observable's value, kept compiled and tested against one SCO at a time.

import { OBSERVABLE_KINDS, stixTargetOf } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import {
	Budget,
	BudgetExceeded,
	type CompiledPattern,
	compilePattern,
	matchesObservation,
	singleObservation,
} from "../stix/pattern/evaluate/index.ts";
import { listComparisons, type PatternAst, type PatternError, parsePattern } from "../stix/pattern/index.ts";
import { haystackOf, requirementOf, TrigramIndex } from "./pattern-literals.ts";

/** Work one pattern may do on one SCO (regex and LIKE steps); past it the pattern counts as not matching. */
export const PATTERN_SET_STEPS_PER_PATTERN = 100_000;

/** Work one match of one SCO may do over all its patterns; the patterns left over count as too costly. */
export const PATTERN_SET_STEPS_PER_MATCH = 5_000_000;

/**
 * The properties whose `=` and `IN` the observable index answers by value: where each kind of observable sits in
 * STIX (observables/: stixTargetOf), as `type:first property` (`file:hashes` for every hash).
 */
const VALUE_PATHS: ReadonlySet<string> = new Set(
	OBSERVABLE_KINDS.map((kind) => {
		const { type, path } = stixTargetOf(kind);
		return `${type}:${path.split(".")[0]}`;
	}),
);

/**
 * Whether a pattern needs a PatternSet rather than (only) a value index: some comparison is not `=` or `IN` on an
 * observable's value property (LIKE, MATCHES, ISSUBSET, ISSUPERSET, !=, ordering, EXISTS, NOT, or another path).
 */
export function needsPatternSet(pattern: PatternAst): boolean {
	return listComparisons(pattern).some((c) => {
		if (c.negated || (c.operator !== "=" && c.operator !== "IN")) return true;
		const [first] = c.path.steps;
		const path = `${c.path.objectType}:${first?.kind === "property" ? first.name : ""}`;
		return !VALUE_PATHS.has(path);
	});
}

/** What a match of one SCO found: the ids that matched, and those that ran out of steps on it (not matched). */
export interface PatternSetMatch {
	ids: string[];
	tooCostly: string[];
}

/**
 * A set of indicators' patterns, matched against single SCOs. Each pattern is compiled once (`add`); a match
 * tests only the patterns naming the SCO's type and having a literal (an `=` or `IN` string, a LIKE's longest
 * run) one of whose trigrams occurs in the SCO's strings (pattern-literals.ts), each within PATTERN_SET_STEPS_PER_PATTERN steps and all within
 * PATTERN_SET_STEPS_PER_MATCH, so one SCO costs a bounded amount of work whatever the patterns and the value.
 *
 * @example
 * const set = new PatternSet();
 * set.add("indicator--1", "[domain-name:value LIKE '%.evil.example']");
 * set.matchValue({ type: "domain-name", id: "domain-name--…", value: "a.evil.example" }); // ["indicator--1"]
 */
export class PatternSet {
	private readonly patterns = new Map<string, CompiledPattern>();
	private readonly byType = new Map<string, Set<string>>();
	private readonly literals = new TrigramIndex();

	/** Adds (or replaces) an indicator's pattern; a pattern that does not parse or compile is refused with its errors. */
	add(
		id: string,
		pattern: string | PatternAst,
	): { ok: true } | { ok: false; errors: (PatternError | { offset: number; message: string })[] } {
		let ast: PatternAst;
		if (typeof pattern === "string") {
			const parsed = parsePattern(pattern);
			if (!parsed.ok) return { ok: false, errors: parsed.errors };
			ast = parsed.pattern;
		} else {
			ast = pattern;
		}
		const compiled = compilePattern(ast);
		if (!compiled.ok) return { ok: false, errors: compiled.problems };
		this.remove(id);
		this.patterns.set(id, compiled.pattern);
		this.literals.add(id, requirementOf(ast));
		for (const type of compiled.pattern.objectTypes) {
			let ids = this.byType.get(type);
			if (ids === undefined) {
				ids = new Set();
				this.byType.set(type, ids);
			}
			ids.add(id);
		}
		return { ok: true };
	}

	remove(id: string): void {
		const existing = this.patterns.get(id);
		if (existing === undefined) return;
		this.patterns.delete(id);
		this.literals.remove(id);
		for (const type of existing.objectTypes) {
			const ids = this.byType.get(type);
			ids?.delete(id);
			if (ids?.size === 0) this.byType.delete(type);
		}
	}

	/** Ids of the indicators whose pattern this one SCO satisfies as a single observation (see matchesObject). */
	matchValue(sco: StixObject): string[] {
		return this.match(sco).ids;
	}

	/** As matchValue, and which patterns ran out of steps on this SCO. */
	match(sco: StixObject): PatternSetMatch {
		const { ids, tooCostly } = this.matchWithin(sco, PATTERN_SET_STEPS_PER_MATCH);
		return { ids, tooCostly };
	}

	/**
	 * As match, spending at most `maxSteps` (never more than PATTERN_SET_STEPS_PER_MATCH: a request's budget
	 * running low), and saying how many steps it spent.
	 */
	matchWithin(sco: StixObject, maxSteps: number): PatternSetMatch & { steps: number } {
		const found: PatternSetMatch = { ids: [], tooCostly: [] };
		const limit = Math.min(maxSteps, PATTERN_SET_STEPS_PER_MATCH);
		let spent = 0;
		const ofType = this.byType.get(sco.type);
		if (ofType === undefined) return { ...found, steps: 0 };
		const observation = singleObservation(sco);
		const withLiteral = this.literals.candidates(haystackOf(sco));
		const [fewer, more] = ofType.size <= withLiteral.size ? [ofType, withLiteral] : [withLiteral, ofType];
		for (const id of fewer) {
			if (!more.has(id)) continue;
			if (spent >= limit) {
				found.tooCostly.push(id);
				continue;
			}
			const pattern = this.patterns.get(id) as CompiledPattern;
			const budget = new Budget(Math.min(PATTERN_SET_STEPS_PER_PATTERN, limit - spent));
			try {
				if (matchesObservation(pattern, observation, budget)) found.ids.push(id);
			} catch (error) {
				if (!(error instanceof BudgetExceeded)) throw error;
				found.tooCostly.push(id);
			}
			spent += budget.used;
		}
		return { ...found, steps: spent };
	}

	get size(): number {
		return this.patterns.size;
	}
}
