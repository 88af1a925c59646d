// Matching values against the observable index: the gate-free part of search, a value's page, correlation and bulk
// matching. The index names candidate ids; the caller releases them through the gate (a `Release` it passes in) and
// only a released copy that itself names the value counts (D48), so no answer speaks of what the viewer may not see.
import {
	classify,
	type Observable,
	type ObservableKind,
	observableKey,
	observablesOf,
	tryNormalise,
} from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { CompiledPattern } from "../stix/pattern/evaluate/index.ts";
import type { ObservableIndex, Relation } from "./index/observable-index.ts";
import { copyPatternCovers } from "./indicator-patterns.ts";

/** A value as a request carries it: as found (its kind guessed), or with its kind. */
export type MatchInput = string | { kind: ObservableKind; value: string };

/** An object the index relates to a value, before the gate: `via` is the value the object names. */
export interface Candidate {
	id: string;
	relation: Relation;
	via: Observable;
}

/**
 * The copies the gate released of some ids (absent: withheld or missing, which read the same). The caller asks the
 * gate; intel/ never does.
 */
export type Release = (ids: readonly string[]) => Promise<ReadonlyMap<string, StixObject>>;

/** A value named by more objects than this is flagged "too common" (the raw count used only as a yes/no). */
export const TOO_COMMON = 1000;

const RELATION_ORDER: Readonly<Record<Relation, number>> = {
	exact: 0,
	"same-file": 1,
	contains: 2,
	"parent-domain": 3,
	within: 4,
	subdomain: 5,
	pattern: 6,
};

/** Pattern steps one request (a bulk match, a value's page) may spend over all its values (D48 addendum). */
export const PATTERN_STEPS_PER_REQUEST = 20_000_000;

/**
 * What one request may still spend testing its values against the index's patterns; once spent, values are no
 * longer tested (their answers say so: `patternsSkipped`).
 */
export class PatternBudget {
	left: number;
	constructor(steps: number = PATTERN_STEPS_PER_REQUEST) {
		this.left = steps;
	}
	get spent(): boolean {
		return this.left <= 0;
	}
}

/**
 * The observable an input names, normalised, or why it is none: a string is refanged and its kind guessed; an
 * explicit kind is normalised as that kind.
 * @example observableOfInput("evil[.]com") // { kind: "domain", value: "evil.com" }
 */
export function observableOfInput(input: MatchInput): Observable | { error: string } {
	if (typeof input !== "string") return tryNormalise(input.kind, input.value);
	const found = classify(input);
	if (found !== undefined) return found;
	return {
		error:
			input.trim() === ""
				? "an empty value; send one value per element"
				: "not a value this node recognises (an IP or CIDR, domain, URL, e-mail, hash, ASN, …); send it with its `kind`",
	};
}

/**
 * The objects naming `o` (exact) and, with `related`, those naming a related value (CIDR containment both ways,
 * parent and sub-domains, other hashes of one file), and with `patterns`, the indicators whose pattern `o`
 * satisfies (LIKE, MATCHES, ranges…: relation `pattern`, `via` the value itself), spending from that budget:
 * exact first, each id once (its closest relation), at most `limit` per relation.
 */
export function candidatesOf(
	index: ObservableIndex,
	o: Observable,
	options: { related: boolean; limit: number; patterns?: PatternBudget },
): Candidate[] {
	const found: Candidate[] = options.related
		? index.related(o, { limit: options.limit })
		: index.exact(o).map((id) => ({ id, relation: "exact" as const, via: o }));
	if (options.patterns !== undefined && !options.patterns.spent) {
		const matched = index.patterns.match(o, options.patterns.left);
		options.patterns.left -= matched.steps;
		for (const id of matched.ids.slice(0, options.limit)) found.push({ id, relation: "pattern", via: o });
	}
	const byId = new Map<string, Candidate>();
	for (const candidate of found) {
		const known = byId.get(candidate.id);
		if (known === undefined || RELATION_ORDER[candidate.relation] < RELATION_ORDER[known.relation])
			byId.set(candidate.id, { id: candidate.id, relation: candidate.relation, via: candidate.via });
	}
	return [...byId.values()].sort((a, b) => RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation]);
}

/**
 * The values released copies name, computed once per copy: a candidate counts only when the copy the viewer
 * receives names its `via` (a pseudonymised or redacted copy does not, so it never confirms the value), or for a
 * `pattern` candidate, when the copy's own pattern matches `via` again.
 */
export class ReleasedValues {
	readonly #keys = new WeakMap<StixObject, Set<string>>();
	readonly #patterns = new WeakMap<StixObject, CompiledPattern | null>();

	/** True when `object` (a released copy) still shows the candidate: names its value, or its pattern matches it. */
	shows(object: StixObject, candidate: Pick<Candidate, "relation" | "via">): boolean {
		return candidate.relation === "pattern"
			? copyPatternCovers(object, candidate.via, this.#patterns)
			: this.names(object, candidate.via);
	}

	/** True when `object` (a released copy) names `via`. */
	names(object: StixObject, via: Observable): boolean {
		let keys = this.#keys.get(object);
		if (keys === undefined) {
			keys = new Set(observablesOf(object).map(observableKey));
			this.#keys.set(object, keys);
		}
		return keys.has(observableKey(via));
	}
}

/** A candidate the gate released, with the copy released. */
export interface ReleasedCandidate extends Candidate {
	object: StixObject;
}

/** The candidates whose released copy shows them (names their value, or matches it by its pattern), in order, as released. */
export function releasedCandidates(
	candidates: readonly Candidate[],
	released: ReadonlyMap<string, StixObject>,
	values: ReleasedValues,
): ReleasedCandidate[] {
	const out: ReleasedCandidate[] = [];
	for (const candidate of candidates) {
		const object = released.get(candidate.id);
		if (object !== undefined && values.shows(object, candidate)) out.push({ ...candidate, object });
	}
	return out;
}

/** Released objects per source (the copy's `created_by_ref`; `null` when it states none), most first. */
export function countBySource(objects: readonly StixObject[]): { source: string | null; count: number }[] {
	const counts = new Map<string | null, number>();
	for (const object of objects) {
		const source = object.created_by_ref ?? null;
		counts.set(source, (counts.get(source) ?? 0) + 1);
	}
	return [...counts]
		.map(([source, count]) => ({ source, count }))
		.sort((a, b) => b.count - a.count || String(a.source).localeCompare(String(b.source)));
}
