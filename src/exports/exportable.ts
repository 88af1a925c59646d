// Which values of a released object a sensor can be given: an indicator's pattern read as a set of values, or the
// values of an observable; and whether the object is still in force (not revoked, not expired).
import { type FoundObservable, type ObservableKind, observablesOf } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import {
	type ComparisonExpression,
	formatObjectPath,
	type ObservationExpression,
	parsePattern,
} from "../stix/pattern/index.ts";

/** The values an object names for sensors, or the one reason none can be given. */
export type Exportable = { values: FoundObservable[] } | { skipped: string };

/** Whether an object still asks sensors to look: `revoked` and `expired` objects are removals. */
export type Lifecycle = "active" | "revoked" | "expired";

/** One comparison, the most common indicator (`[ipv4-addr:value = '198.51.100.7']`): read without the parser. */
const SINGLE_COMPARISON = /^\[[a-z0-9-]{1,64}:[A-Za-z0-9_.'-]{1,64} = '[^'\\]*'\]$/;
/** Plain equalities joined by OR only, or one file's hashes joined by AND only: also read without the parser. */
const PLAIN_OR =
	/^\[[a-z0-9-]{1,64}:[A-Za-z0-9_.'-]{1,64} = '[^'\\]*'(?: OR [a-z0-9-]{1,64}:[A-Za-z0-9_.'-]{1,64} = '[^'\\]*'){1,7}\]$/;
const PLAIN_HASHES =
	/^\[([a-z0-9-]{1,64}):hashes\.[A-Za-z0-9_.'-]{1,64} = '[^'\\]*'(?: AND \1:hashes\.[A-Za-z0-9_.'-]{1,64} = '[^'\\]*'){1,7}\]$/;

/**
 * The values of `object` a sensor can match on its own, in normal form. An indicator's STIX pattern must read as
 * "any of these values": comparisons with `=`, `IN` (or `ISSUBSET` on an IP block) joined by OR, or by AND only
 * between hashes of one file; anything else (LIKE, MATCHES, !=, NOT, ordering, AND across values, FOLLOWEDBY,
 * qualifiers) would make a sensor alert on more than the pattern says, so the indicator is left out, with the
 * operator named. An observable (SCO) gives its values.
 */
export function exportableValues(object: StixObject, kinds?: ReadonlySet<ObservableKind>): Exportable {
	if (object.type === "indicator") {
		const problem = patternProblem(object);
		if (problem !== undefined) return { skipped: problem };
	}
	const found = observablesOf(object);
	const values = kinds === undefined ? found : found.filter((value) => kinds.has(value.kind));
	if (values.length > 0) return { values };
	if (found.length > 0) return { skipped: `no value of the kinds asked for (${kindsOf(found)})` };
	return {
		skipped: object.type === "indicator" ? "its pattern names no value" : `a ${object.type} names no value`,
	};
}

/** `revoked` (STIX revocation), `expired` (`valid_until` at or before `now`), else `active`. */
export function lifecycleOf(object: StixObject, now: Date): Lifecycle {
	if (object.revoked === true) return "revoked";
	const until = object.valid_until;
	if (typeof until === "string" && Date.parse(until) <= now.getTime()) return "expired";
	return "active";
}

function kindsOf(found: readonly FoundObservable[]): string {
	return [...new Set(found.map((value) => value.kind))].join(", ");
}

function patternProblem(indicator: StixObject): string | undefined {
	const type = indicator.pattern_type;
	if (type !== undefined && type !== "stix")
		return `pattern_type ${String(type)} (only STIX patterns are read)`;
	const pattern = indicator.pattern;
	if (typeof pattern !== "string") return "no pattern";
	if (SINGLE_COMPARISON.test(pattern) || PLAIN_OR.test(pattern) || PLAIN_HASHES.test(pattern))
		return undefined;
	const parsed = parsePattern(pattern);
	if (!parsed.ok) return "its pattern does not parse";
	return observationProblem(parsed.pattern);
}

function observationProblem(node: ObservationExpression): string | undefined {
	if (node.kind !== "observation-operation") {
		const [qualifier] = node.qualifiers;
		if (qualifier !== undefined) return `unsupported pattern qualifier ${QUALIFIER_NAMES[qualifier.kind]}`;
		return node.kind === "observation"
			? comparisonProblem(node.comparison)
			: observationProblem(node.expression);
	}
	if (node.operator !== "OR") return `unsupported pattern operator ${node.operator} between observations`;
	for (const operand of node.operands) {
		const problem = observationProblem(operand);
		if (problem !== undefined) return problem;
	}
	return undefined;
}

const QUALIFIER_NAMES = { within: "WITHIN", repeats: "REPEATS", "start-stop": "START/STOP" } as const;

function comparisonProblem(node: ComparisonExpression): string | undefined {
	switch (node.kind) {
		case "comparison":
			if (node.negated) return `unsupported pattern operator NOT ${node.operator}`;
			if (node.operator !== "=" && node.operator !== "IN" && node.operator !== "ISSUBSET")
				return `unsupported pattern operator ${node.operator}`;
			return undefined;
		case "comparison-group":
			return comparisonProblem(node.expression);
		case "comparison-operation": {
			if (node.operator === "AND" && !node.operands.every(isHashComparison))
				return "unsupported pattern operator AND between values (a sensor tests one value at a time)";
			for (const operand of node.operands) {
				const problem = comparisonProblem(operand);
				if (problem !== undefined) return problem;
			}
			return undefined;
		}
	}
}

/** `file:hashes.MD5 = '…'`: several hashes of one file name the same file, so any one of them may stand for it. */
function isHashComparison(node: ComparisonExpression): boolean {
	if (node.kind === "comparison-group") return isHashComparison(node.expression);
	if (node.kind !== "comparison") return false;
	return formatObjectPath(node.path).includes(":hashes.");
}
