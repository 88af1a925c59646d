// What text an SCO must contain for a pattern to have a chance: the literals of its comparisons, so a PatternSet
// tests only the patterns whose literal occurs in the SCO, found through an index of trigrams.

import { requiredLiteral } from "../stix/pattern/evaluate/index.ts";
import type { ComparisonExpression, ObservationExpression, PatternAst } from "../stix/pattern/index.ts";

/**
 * Literals one of which every SCO satisfying the pattern on its own (a single observation) contains in some
 * string property: a set to look for, "none" when no single SCO can satisfy it (AND, FOLLOWEDBY, REPEATS above
 * 1), or "any" when nothing is known (a number, a negation, a regex).
 */
export type Requirement = ReadonlySet<string> | "none" | "any";

/** The requirement of a whole pattern under the single-observation reading (stix evaluate's matchesObject). */
export function requirementOf(pattern: PatternAst): Requirement {
	return observationRequirement(pattern);
}

function observationRequirement(node: ObservationExpression): Requirement {
	const qualifiers = node.kind === "observation-operation" ? [] : node.qualifiers;
	if (qualifiers.some((q) => q.kind === "repeats" && q.times > 1)) return "none";
	if (node.kind === "observation") return comparisonRequirement(node.comparison);
	if (node.kind === "observation-group") return observationRequirement(node.expression);
	if (node.operator !== "OR") return "none";
	return union(node.operands.map(observationRequirement));
}

function comparisonRequirement(node: ComparisonExpression): Requirement {
	if (node.kind === "comparison-group") return comparisonRequirement(node.expression);
	if (node.kind === "comparison-operation") {
		const parts = node.operands.map(comparisonRequirement);
		return node.operator === "OR" ? union(parts) : best(parts);
	}
	if (node.negated || node.value === null) return "any";
	// A referenced object's strings, or binary data decoded, are not in the SCO's own strings as written.
	const names = node.path.steps.flatMap((step) => (step.kind === "property" ? [step.name] : []));
	if (names.some((name) => /_(ref|refs|hex|bin)$/.test(name))) return "any";
	const value = node.value;
	if (node.operator === "=" && value.type === "string") return new Set([value.value]);
	if (node.operator === "IN" && value.type === "set" && value.values.every((v) => v.type === "string")) {
		return new Set(value.values.map((v) => String(v.value)));
	}
	if (node.operator === "ISSUBSET" && value.type === "string") return ipv4PrefixLiteral(value.value);
	if (node.operator === "MATCHES" && value.type === "string") {
		const literal = requiredLiteral(value.value);
		return literal === "" ? "any" : new Set([literal]);
	}
	if (node.operator === "LIKE" && value.type === "string") {
		const literal = value.value.split(/[%_]/).reduce((a, b) => (b.length > a.length ? b : a), "");
		return literal === "" ? "any" : new Set([literal]);
	}
	return "any";
}

/**
 * An IPv4 address inside a /p block (p ≥ 8) is written starting with the block's first ⌊p/8⌋ octets, as is a
 * smaller block inside it (octets are written without leading zeros): "10.0." for 10.0.0.0/16.
 */
function ipv4PrefixLiteral(block: string): Requirement {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(block);
	if (match === null) return "any";
	const prefix = match[5] === undefined ? 32 : Number(match[5]);
	const octets = match.slice(1, 1 + Math.floor(prefix / 8));
	if (octets.length === 0) return "any";
	return new Set([octets.length === 4 ? octets.join(".") : `${octets.join(".")}.`]);
}

/** OR: any side may be the one that holds. */
function union(parts: Requirement[]): Requirement {
	if (parts.includes("any")) return "any";
	const sets = parts.filter((p): p is ReadonlySet<string> => p !== "none");
	if (sets.length === 0) return "none";
	return new Set(sets.flatMap((s) => [...s]));
}

/** AND: every side must hold, so any one side's literals will do; the most selective is kept. */
function best(parts: Requirement[]): Requirement {
	if (parts.includes("none")) return "none";
	const sets = parts.filter((p): p is ReadonlySet<string> => p !== "any");
	if (sets.length === 0) return "any";
	const shortest = (s: ReadonlySet<string>) => Math.min(...[...s].map((l) => l.length));
	return sets.reduce((a, b) =>
		shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.size < a.size) ? b : a,
	);
}

/** Most characters of an SCO's strings read to find literals; past this every pattern of its type is tried. */
export const MAX_HAYSTACK = 65_536;

/** Every string in an SCO (its properties and extensions, any depth), joined by NUL: where literals are looked for. */
export function haystackOf(sco: Readonly<Record<string, unknown>>): string | undefined {
	const parts: string[] = [];
	let length = 0;
	const walk = (value: unknown): boolean => {
		if (typeof value === "string") {
			parts.push(value);
			length += value.length + 1;
			return length <= MAX_HAYSTACK;
		}
		if (Array.isArray(value)) return value.every(walk);
		if (typeof value === "object" && value !== null) return Object.values(value).every(walk);
		return true;
	};
	return walk(sco) ? parts.join("\u0000") : undefined;
}

/**
 * Patterns filed under one trigram of each of their literals: a pattern is a candidate for an SCO when one of
 * its trigrams occurs in the SCO's strings. Patterns with a literal under three characters, or no literal, are
 * always candidates.
 */
export class TrigramIndex {
	private readonly buckets = new Map<string, Set<string>>();
	private readonly filed = new Map<string, string[]>();
	private readonly always = new Set<string>();

	add(id: string, requirement: Requirement): void {
		if (requirement === "none") return;
		if (requirement === "any" || [...requirement].some((literal) => literal.length < 3)) {
			this.always.add(id);
			return;
		}
		const trigrams = [...new Set([...requirement].map((literal) => this.rarestTrigram(literal)))];
		for (const trigram of trigrams) {
			let bucket = this.buckets.get(trigram);
			if (bucket === undefined) {
				bucket = new Set();
				this.buckets.set(trigram, bucket);
			}
			bucket.add(id);
		}
		this.filed.set(id, trigrams);
	}

	remove(id: string): void {
		this.always.delete(id);
		for (const trigram of this.filed.get(id) ?? []) {
			const bucket = this.buckets.get(trigram);
			bucket?.delete(id);
			if (bucket?.size === 0) this.buckets.delete(trigram);
		}
		this.filed.delete(id);
	}

	/** The patterns that may match an SCO with these strings (all of them when the strings are unknown). */
	candidates(haystack: string | undefined): Set<string> {
		if (haystack === undefined) return new Set([...this.always, ...this.filed.keys()]);
		const found = new Set(this.always);
		if (this.buckets.size === 0) return found;
		// Only the buckets hit are remembered: most trigrams of a value hit none, and a Set per value costs more
		// than the lookups (matching asks this once per value of a bulk request).
		let seen: Set<Set<string>> | undefined;
		for (let i = 0; i + 3 <= haystack.length; i++) {
			const bucket = this.buckets.get(haystack.slice(i, i + 3));
			if (bucket === undefined) continue;
			seen ??= new Set();
			if (seen.has(bucket)) continue;
			seen.add(bucket);
			for (const id of bucket) found.add(id);
		}
		return found;
	}

	private rarestTrigram(literal: string): string {
		let rarest = literal.slice(0, 3);
		let size = Number.POSITIVE_INFINITY;
		for (let i = 0; i + 3 <= literal.length; i++) {
			const trigram = literal.slice(i, i + 3);
			const n = this.buckets.get(trigram)?.size ?? 0;
			if (n < size) {
				rarest = trigram;
				size = n;
			}
		}
		return rarest;
	}
}
