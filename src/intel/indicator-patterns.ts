// The indicators whose STIX patterns the value tables cannot answer (LIKE, MATCHES, ranges, !=, other properties),
// kept beside the observable index in a PatternSet, and a value turned into the SCO those patterns are tested on.
import { type Observable, type ObservableKind, patternOf, stixTargetOf } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import {
	Budget,
	BudgetExceeded,
	type CompiledPattern,
	compilePattern,
	matchesObservation,
	singleObservation,
} from "../stix/pattern/evaluate/index.ts";
import { listComparisons, parsePattern } from "../stix/pattern/index.ts";
import {
	needsPatternSet,
	PATTERN_SET_STEPS_PER_MATCH,
	PATTERN_SET_STEPS_PER_PATTERN,
	PatternSet,
	type PatternSetMatch,
} from "./pattern-set.ts";

/**
 * Most indicators are `=` on values (`[ipv4-addr:value = '198.51.100.7']`, a file's hashes joined by AND): told
 * apart without the parser, so a rebuild parses no plain indicator a second time (observablesOf parsed it once).
 * Read one comparison at a time (sticky): each `type:property` must be a value property (PLAIN_VALUE_PROPERTIES),
 * each literal quote- and escape-free, joined by AND or OR inside one bracket; anything else goes to the parser.
 */
const PLAIN_COMPARISON =
	/([a-z0-9-]{1,64}):([a-z_]{1,64})(?:\.'[A-Za-z0-9-]{1,16}'|\.[A-Za-z0-9-]{1,16})? = '[^'\\]*'/y;
const PLAIN_JOIN = /(?: AND | OR )/y;
const PLAIN_LIMIT = 4096;
const PLAIN_VALUE_PROPERTIES: ReadonlySet<string> = new Set([
	"ipv4-addr:value",
	"ipv6-addr:value",
	"domain-name:value",
	"url:value",
	"email-addr:value",
	"file:hashes",
	"file:name",
	"mutex:name",
	"windows-registry-key:key",
]);

/**
 * The indicators of an index whose pattern `needsPatternSet`, kept current by the index's `put` and `remove` (so
 * a rebuild and every followed commit reach it). Plain-value indicators are never held: they cost nothing here.
 * A revoked indicator stays, as it stays in the value tables: its hits come back flagged `revoked`.
 */
export class IndicatorPatterns {
	readonly #set = new PatternSet();

	/** Holds `object`'s pattern when it is an indicator whose pattern needs a PatternSet; otherwise forgets the id. */
	put(object: StixObject): void {
		const pattern = patternNeedingSet(object);
		if (pattern === undefined) this.#set.remove(object.id);
		else if (!this.#set.add(object.id, pattern).ok) this.#set.remove(object.id);
	}

	remove(id: string): void {
		this.#set.remove(id);
	}

	/**
	 * The held indicators whose pattern `o` satisfies (as the one SCO it stands for), spending at most `maxSteps`
	 * (never more than PATTERN_SET_STEPS_PER_MATCH); `steps` says how many were spent.
	 */
	match(o: Observable, maxSteps: number = PATTERN_SET_STEPS_PER_MATCH): PatternSetMatch & { steps: number } {
		if (this.#set.size === 0) return { ids: [], tooCostly: [], steps: 0 };
		return this.#set.matchWithin(scoOfValue(o), maxSteps);
	}

	get size(): number {
		return this.#set.size;
	}
}

/** The pattern of an indicator whose pattern needs a PatternSet (a STIX pattern that parses), else undefined. */
function patternNeedingSet(object: StixObject): string | undefined {
	if (object.type !== "indicator" || typeof object.pattern !== "string") return undefined;
	if (object.pattern_type !== undefined && object.pattern_type !== "stix") return undefined;
	if (isPlain(object.pattern)) return undefined;
	const parsed = parsePattern(object.pattern);
	return parsed.ok && needsPatternSet(parsed.pattern) ? object.pattern : undefined;
}

function isPlain(pattern: string): boolean {
	if (pattern.length > PLAIN_LIMIT || pattern[0] !== "[" || pattern[pattern.length - 1] !== "]") return false;
	let at = 1;
	for (;;) {
		PLAIN_COMPARISON.lastIndex = at;
		const comparison = PLAIN_COMPARISON.exec(pattern);
		if (comparison === null || !PLAIN_VALUE_PROPERTIES.has(`${comparison[1]}:${comparison[2]}`)) return false;
		at = PLAIN_COMPARISON.lastIndex;
		if (at === pattern.length - 1) return true;
		PLAIN_JOIN.lastIndex = at;
		if (!PLAIN_JOIN.test(pattern)) return false;
		at = PLAIN_JOIN.lastIndex;
	}
}

/** Where each kind's value sits in its STIX object (`file` → `hashes`, `SHA-256`), read once per kind. */
const stepsOfKind = new Map<ObservableKind, { type: string; steps: string[] }>();

/**
 * The SCO a value stands for when patterns are tested on it: the object of the type its kind maps to
 * (`stixTargetOf`), holding the value at its property (`hashes.'SHA-256'`, `extensions.'x-tls-ext'.ja3` for kinds
 * without an SCO of their own), as `scoOf` makes it but without hashing a deterministic id, which no pattern
 * reads and which would cost more than the match of a plain value.
 * @example scoOfValue({ kind: "ja3", value: "e7d7…" }) // { type: "network-traffic", id: "network-traffic--0", extensions: { "x-tls-ext": { ja3: "e7d7…" } } }
 */
export function scoOfValue(o: Observable): StixObject {
	let target = stepsOfKind.get(o.kind);
	if (target === undefined) {
		target = propertyStepsOf(o.kind);
		stepsOfKind.set(o.kind, target);
	}
	const { type, steps } = target;
	let holder: Record<string, unknown> = {
		[steps.at(-1) ?? "value"]: o.kind === "asn" ? Number(o.value) : o.value,
	};
	for (let i = steps.length - 2; i >= 0; i--) holder = { [steps[i] as string]: holder };
	// A short stand-in id: no pattern reads it, and the literal prefilter reads every string of the object.
	return { type, id: `${type}--0`, ...holder };
}

function propertyStepsOf(kind: ObservableKind): { type: string; steps: string[] } {
	const { type } = stixTargetOf(kind);
	const parsed = parsePattern(patternOf({ kind, value: kind === "asn" ? "0" : "" }));
	const [comparison] = parsed.ok ? listComparisons(parsed.pattern) : [];
	const steps = (comparison?.path.steps ?? []).flatMap((step) =>
		step.kind === "property" ? [step.name] : [],
	);
	return { type, steps: steps.length > 0 ? steps : ["value"] };
}

/**
 * Whether a released copy of an indicator, as released, still has a pattern that `o` satisfies: a copy whose
 * pattern the gate transformed (pseudonymised, redacted) must match again on its own, or it confirms nothing (D48).
 * Compiled once per copy (`cache`), within one pattern's step budget.
 */
export function copyPatternCovers(
	copy: StixObject,
	o: Observable,
	cache: WeakMap<StixObject, CompiledPattern | null>,
): boolean {
	let compiled = cache.get(copy);
	if (compiled === undefined) {
		compiled = compiledOf(copy);
		cache.set(copy, compiled);
	}
	if (compiled === null) return false;
	try {
		return matchesObservation(
			compiled,
			singleObservation(scoOfValue(o)),
			new Budget(PATTERN_SET_STEPS_PER_PATTERN),
		);
	} catch (error) {
		if (error instanceof BudgetExceeded) return false;
		throw error;
	}
}

function compiledOf(copy: StixObject): CompiledPattern | null {
	if (copy.type !== "indicator" || typeof copy.pattern !== "string") return null;
	if (copy.pattern_type !== undefined && copy.pattern_type !== "stix") return null;
	const parsed = parsePattern(copy.pattern);
	if (!parsed.ok) return null;
	const compiled = compilePattern(parsed.pattern);
	return compiled.ok ? compiled.pattern : null;
}
