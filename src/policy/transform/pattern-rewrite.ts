// Rewriting the constants of a STIX pattern that mention transformed values, so an indicator cannot reveal them.

import type { Comparison, PrimitiveConstant } from "../../stix/pattern/index.ts";
import { formatPattern, mapComparisons, parsePattern } from "../../stix/pattern/index.ts";
import type { AppliedTreatment } from "../model.ts";
import { defaultFields, isValueReplacing } from "./defaults.ts";
import { parseIp } from "./network.ts";
import { isReferenceProperty } from "./paths.ts";
import type { Substitution } from "./treat-object.ts";
import { treatValue } from "./values.ts";

/** Substitutions indexed for pattern lookup: by `type\0property\0value`, and `*\0property\0value` for paths through references. */
export type SubstitutionIndex = Map<string, Substitution>;

export function indexSubstitutions(substitutions: Iterable<Substitution>): SubstitutionIndex {
	const index: SubstitutionIndex = new Map();
	for (const s of substitutions) {
		index.set(`${s.objectType}\u0000${s.property}\u0000${s.from}`, s);
		index.set(`*\u0000${s.property}\u0000${s.from}`, s);
	}
	return index;
}

export type PatternOutcome =
	| { kind: "unchanged" }
	| { kind: "rewritten"; pattern: string; rules: AppliedTreatment[] }
	| { kind: "withheld"; reason: string };

/**
 * Rewrites the string constants of a STIX pattern that (a) equal a value transformed elsewhere in
 * the release (same type and property, or the same property reached through a reference such as
 * `network-traffic:dst_ref.value`), or (b) fall under a treatment for an SCO type given to this
 * indicator. A generalised address under `=` becomes `ISSUBSET` of its network. A constant that
 * would have to be dropped withholds the indicator (removing a comparison changes what it detects);
 * so does a rewritten pattern that no longer parses.
 * @example
 * rewritePattern("[ipv4-addr:value = '198.51.100.7']", [{ treatment: "generalise", objectType: "ipv4-addr", because: "…" }], new Map(), key)
 * // { kind: "rewritten", pattern: "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", … }
 */
export function rewritePattern(
	text: string,
	treatments: readonly AppliedTreatment[],
	substitutions: SubstitutionIndex,
	key: Uint8Array,
): PatternOutcome {
	const parsed = parsePattern(text);
	if (!parsed.ok)
		return { kind: "withheld", reason: "pattern does not parse, so values in it cannot be rewritten" };
	const used = new Set<AppliedTreatment>();
	let withhold: string | undefined;
	const rewritten = mapComparisons(parsed.pattern, (comparison) => {
		const value = comparison.value;
		if (value === null) return comparison;
		let network = false;
		const treat = (constant: PrimitiveConstant): PrimitiveConstant => {
			if (constant.type !== "string") return constant;
			const next = replacement(comparison, constant.value, treatments, substitutions, key, used);
			if (next === undefined) return constant;
			if (next.value === undefined) {
				withhold = `pattern compares ${comparison.path.objectType} with a value that may not leave`;
				return constant;
			}
			network ||= next.network;
			return { ...constant, value: next.value };
		};
		const nextValue =
			value.type === "set"
				? { ...value, values: value.values.map(treat) }
				: value.type === "string"
					? treat(value)
					: value;
		if (nextValue === value || JSON.stringify(nextValue) === JSON.stringify(value)) return comparison;
		if (network && value.type === "string" && (comparison.operator === "=" || comparison.operator === "!=")) {
			return {
				...comparison,
				value: nextValue,
				operator: "ISSUBSET",
				negated: comparison.negated !== (comparison.operator === "!="),
			};
		}
		return { ...comparison, value: nextValue };
	});
	if (withhold !== undefined) return { kind: "withheld", reason: withhold };
	if (rewritten === parsed.pattern) return { kind: "unchanged" };
	const pattern = formatPattern(rewritten);
	if (pattern === formatPattern(parsed.pattern)) return { kind: "unchanged" };
	const check = parsePattern(pattern);
	if (!check.ok)
		return {
			kind: "withheld",
			reason: `rewritten pattern does not parse: ${check.errors[0]?.message ?? ""}`,
		};
	return { kind: "rewritten", pattern, rules: [...used] };
}

/** The replacement for one string constant: undefined to keep it, `{ value: undefined }` to withhold. */
function replacement(
	comparison: Comparison,
	constant: string,
	treatments: readonly AppliedTreatment[],
	substitutions: SubstitutionIndex,
	key: Uint8Array,
	used: Set<AppliedTreatment>,
): { value: string | undefined; network: boolean } | undefined {
	const { objectType, steps } = comparison.path;
	const names = steps.flatMap((s) => (s.kind === "property" ? [s.name] : []));
	const first = names[0] ?? "";
	const viaReference = isReferenceProperty(first) && names.length > 1;
	const property = viaReference ? names.slice(1).join(".") : names.join(".");
	const known = substitutions.get(`${viaReference ? "*" : objectType}\u0000${property}\u0000${constant}`);
	if (known !== undefined) return { value: known.to, network: known.network };
	for (const t of treatments) {
		if (t.objectType === "indicator" || t.treatment === "omit-provider") continue;
		const treatment = t.treatment;
		const fields = t.fields ?? defaultFields(treatment, t.objectType) ?? [];
		if (!fields.includes(property)) continue;
		if (viaReference ? !hasShapeOf(t.objectType, constant) : objectType !== t.objectType) continue;
		used.add(t);
		const next = treatValue(treatment, { objectType: t.objectType, property }, constant, key);
		return {
			value: typeof next === "string" ? next : undefined,
			network: isValueReplacing(treatment) && treatment !== "pseudonymise",
		};
	}
	return undefined;
}

/** Whether a constant reached through a reference looks like a value of `type` (the path does not say). */
function hasShapeOf(type: string, constant: string): boolean {
	switch (type) {
		case "ipv4-addr":
			return parseIp(constant)?.family === 4;
		case "ipv6-addr":
			return parseIp(constant)?.family === 6;
		case "email-addr":
			return constant.includes("@");
		case "mac-addr":
			return /^[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}$/i.test(constant);
		default:
			return false;
	}
}
