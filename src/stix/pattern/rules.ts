// The §9 rules a grammar cannot express: qualifiers, object types and paths, AND across types, constants, regexes.

import type {
	Comparison,
	ComparisonExpression,
	Constant,
	ObjectPath,
	ObservationExpression,
	PatternAst,
	PrimitiveConstant,
	Qualifier,
} from "./ast.ts";
import type { PatternErrorCode, PatternIssue } from "./errors.ts";
import { compareTimestamps, parseCidr } from "./literals.ts";
import { checkRegex } from "./regex-safety.ts";
import {
	extensionNames,
	extensionOwner,
	extensionProperties,
	isCustomObservableType,
	isScoProperty,
	isScoType,
	RENAMED_IN_21,
} from "./sco-names.ts";

type Report = (code: PatternErrorCode, offset: number, message: string) => void;

/** Every rule violation in a syntactically valid pattern, in source order. */
export function checkRules(ast: PatternAst): PatternIssue[] {
	const issues: PatternIssue[] = [];
	const report: Report = (code, offset, message) => issues.push({ code, offset, message });
	checkObservation(ast, report);
	return issues.sort((a, b) => a.offset - b.offset);
}

function checkObservation(node: ObservationExpression, report: Report): void {
	if (node.kind === "observation-operation") {
		for (const operand of node.operands) checkObservation(operand, report);
		return;
	}
	checkQualifiers(node.qualifiers, report);
	if (node.kind === "observation-group") checkObservation(node.expression, report);
	else objectTypes(node.comparison, report);
}

const QUALIFIER_NAMES: Readonly<Record<Qualifier["kind"], string>> = {
	within: "WITHIN",
	repeats: "REPEATS",
	"start-stop": "START/STOP",
};

/** §9.5.1: positive WITHIN and REPEATS, START before STOP, at most one qualifier of each kind. */
function checkQualifiers(qualifiers: Qualifier[], report: Report): void {
	const seen = new Set<string>();
	for (const q of qualifiers) {
		if (seen.has(q.kind)) {
			report(
				"qualifier",
				q.offset,
				`an observation expression may have only one ${QUALIFIER_NAMES[q.kind]} qualifier (§9.5.1)`,
			);
		}
		seen.add(q.kind);
		if (q.kind === "within" && !(q.seconds > 0 && Number.isFinite(q.seconds))) {
			report("qualifier", q.offset, `WITHIN needs a positive number of seconds, not ${q.seconds}`);
		} else if (q.kind === "repeats" && !(q.times > 0 && Number.isSafeInteger(q.times))) {
			report("qualifier", q.offset, `REPEATS needs a positive integer, not ${q.times}`);
		} else if (q.kind === "start-stop" && compareTimestamps(q.start, q.stop) >= 0) {
			report("qualifier", q.stopOffset, `STOP t'${q.stop}' must be later than START t'${q.start}'`);
		}
	}
}

/**
 * The object types that could satisfy an expression, checking each comparison on the way. §9.5:
 * "All operands of AND in an Observation Expression MUST be satisfiable with the same object", so
 * AND intersects its operands' types and reports when nothing is left; OR unites them.
 */
function objectTypes(node: ComparisonExpression, report: Report): Set<string> {
	if (node.kind === "comparison") {
		checkComparison(node, report);
		return new Set([node.path.objectType]);
	}
	if (node.kind === "comparison-group") return objectTypes(node.expression, report);
	const [first, ...rest] = node.operands.map((operand) => objectTypes(operand, report));
	let types = first ?? new Set<string>();
	rest.forEach((next, i) => {
		if (node.operator === "OR") {
			types = union(types, next);
			return;
		}
		const common = new Set([...types].filter((t) => next.has(t)));
		if (common.size === 0) {
			const operand = node.operands[i + 1] as ComparisonExpression;
			const these = [...next].join("' or '");
			const those = [...types].join("' or '");
			report(
				"mixed-object-types",
				operand.offset,
				`comparisons joined by AND must match one object, but '${these}' here cannot be the same object as '${those}' before it; join different object types with OR (§9.5)`,
			);
			types = union(types, next);
		} else {
			types = common;
		}
	});
	return types;
}

function union(a: Set<string>, b: Set<string>): Set<string> {
	return new Set([...a, ...b]);
}

function checkComparison(c: Comparison, report: Report): void {
	checkPath(c.path, report);
	if (c.value !== null) checkConstant(c.value, report);
	const value = c.value;
	if ((c.operator === "ISSUBSET" || c.operator === "ISSUPERSET") && value?.type === "string") {
		const parsed = parseCidr(value.value);
		if ("message" in parsed) {
			report(
				"constant",
				value.offset + 1 + parsed.index,
				`${c.operator} needs an IP address or CIDR block: ${parsed.message}`,
			);
		} else if (
			c.path.steps.length === 1 &&
			c.path.objectType === (parsed.family === 4 ? "ipv6-addr" : "ipv4-addr")
		) {
			report(
				"constant",
				value.offset,
				`${c.operator} compares ${c.path.objectType}:value with an IPv${parsed.family} constant`,
			);
		}
		const last = c.path.steps[c.path.steps.length - 1];
		if (isScoType(c.path.objectType) && (last?.kind !== "property" || last.name !== "value")) {
			report(
				"property",
				c.path.offset,
				`${c.operator} applies to the value of an ipv4-addr or ipv6-addr, such as ipv4-addr:value or network-traffic:dst_ref.value`,
			);
		}
	}
	if (c.operator === "MATCHES" && value?.type === "string") {
		const problem = checkRegex(value.value);
		if (problem) report("regex", value.offset, problem);
	}
	if (c.operator === "IN" && value?.type === "set") {
		const family = (k: PrimitiveConstant) => (k.type === "integer" || k.type === "float" ? "number" : k.type);
		const first = value.values[0];
		const odd = value.values.find((v) => first !== undefined && family(v) !== family(first));
		if (odd !== undefined && first !== undefined) {
			report(
				"constant",
				odd.offset,
				`set constants must all be of one type (§9.6.1): a ${odd.type} after ${/^[aeiou]/.test(first.type) ? "an" : "a"} ${first.type}`,
			);
		}
	}
}

function checkConstant(value: Constant, report: Report): void {
	if (value.type === "set") {
		for (const v of value.values) checkConstant(v, report);
	} else if (value.type === "integer" && !Number.isSafeInteger(value.value)) {
		report("constant", value.offset, "integer is outside the range STIX allows, -(2^53-1) to 2^53-1 (§2.10)");
	} else if (value.type === "float" && !Number.isFinite(value.value)) {
		report("constant", value.offset, "float is outside the range of an IEEE 754 double (§2.6)");
	}
}

const EXTENSION_DEFINITION =
	/^extension-definition--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOM_EXTENSION = /^([a-z][a-z0-9]*)+(-[a-z0-9]+)*-ext$/;

/**
 * §9.7: the object type is a STIX 2.1 SCO or a custom one (any well-formed type name STIX does not define as
 * something else: a `new-sco` extension's type needs no `x-`), and the first property belongs to it.
 */
function checkPath(path: ObjectPath, report: Report): void {
	const type = path.objectType;
	if (!isScoType(type)) {
		if (!isCustomObservableType(type)) {
			report(
				"object-type",
				path.offset,
				`unknown object type '${type}': not a STIX 2.1 cyber-observable type, nor a custom one (a custom type is 3–250 of a–z, 0–9 and '-', and not an SDO, SRO or meta type)`,
			);
		}
		return;
	}
	const [first, second, third] = path.steps;
	if (first?.kind !== "property") return;
	const name = first.name;
	if (!isScoProperty(type, name) && !name.startsWith("x_")) {
		const renamed = RENAMED_IN_21[type]?.[name];
		const hint = renamed
			? ` (a STIX 2.0 name; STIX 2.1 uses '${renamed}')`
			: "; custom properties start with 'x_'";
		report("property", first.offset, `'${name}' is not a property of ${type}${hint}`);
		return;
	}
	if (name !== "extensions" || second === undefined) return;
	if (second.kind !== "property") {
		report("property", second.offset, "extensions is a dictionary keyed by extension name, not a list");
		return;
	}
	const known = extensionProperties(type, second.name);
	if (known === undefined) {
		const owner = extensionOwner(second.name);
		if (owner !== undefined) {
			report("property", second.offset, `'${second.name}' is an extension of ${owner}, not of ${type}`);
		} else if (
			!EXTENSION_DEFINITION.test(second.name) &&
			!CUSTOM_EXTENSION.test(second.name) &&
			!second.name.startsWith("x-")
		) {
			const own = extensionNames(type).join(", ") || "none predefined";
			report(
				"property",
				second.offset,
				`'${second.name}' is not an extension name: use one of ${type}'s (${own}), an extension-definition--<UUID>, or a custom name ending in -ext`,
			);
		}
		return;
	}
	if (third?.kind === "property" && !known.has(third.name) && !third.name.startsWith("x_")) {
		report("property", third.offset, `'${third.name}' is not a property of the ${second.name} extension`);
	}
}
