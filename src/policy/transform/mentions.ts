// Finding a transformed value where it is mentioned in other text, to replace it or to refuse to release.
import type { Substitution } from "./treat-object.ts";

const WORD = /[A-Za-z0-9_]/;

/** True when `text` holds `value` at `at` as a whole token: `198.51.100.7` is not in `198.51.100.70`. */
function isTokenAt(text: string, value: string, at: number): boolean {
	const before = text[at - 1];
	const after = text[at + value.length];
	return (before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after));
}

/** Indexes where `value` occurs as a token, skipping places where its own replacement starts (`198.51.100.0/24`). */
function occurrences(text: string, s: Substitution): number[] {
	const found: number[] = [];
	for (let at = text.indexOf(s.from); at !== -1; at = text.indexOf(s.from, at + 1)) {
		if (!isTokenAt(text, s.from, at)) continue;
		if (s.to.startsWith(s.from) && text.startsWith(s.to, at)) continue;
		found.push(at);
	}
	return found;
}

/**
 * Replaces every whole-token mention of a substituted value by its replacement. Longer values go
 * first, so `alice@example.com` is replaced before a shorter `example.com` could split it.
 */
export function replaceMentions(text: string, substitutions: readonly Substitution[]): string {
	let out = text;
	for (const s of substitutions) {
		if (s.from === "" || !out.includes(s.from)) continue;
		const at = occurrences(out, s);
		for (let i = at.length - 1; i >= 0; i--) {
			const index = at[i] ?? 0;
			out = out.slice(0, index) + s.to + out.slice(index + s.from.length);
		}
	}
	return out;
}

/** Orders substitutions for `replaceMentions`: longest original first, one entry per original. */
export function orderForReplacement(substitutions: readonly Substitution[]): Substitution[] {
	const byValue = new Map<string, Substitution>();
	for (const s of substitutions) if (!byValue.has(s.from)) byValue.set(s.from, s);
	return [...byValue.values()].sort((a, b) => b.from.length - a.from.length);
}

/** The first transformed value or old id still present anywhere in `object` (values and keys), if any. */
export function findLeak(
	object: unknown,
	substitutions: readonly Substitution[],
	oldIds: ReadonlySet<string>,
): string | undefined {
	const texts: string[] = [];
	const walk = (node: unknown): void => {
		if (typeof node === "string") texts.push(node);
		else if (Array.isArray(node)) for (const item of node) walk(item);
		else if (typeof node === "object" && node !== null) {
			for (const [name, value] of Object.entries(node)) {
				texts.push(name);
				walk(value);
			}
		}
	};
	walk(object);
	for (const text of texts) {
		for (const id of oldIds) if (text.includes(id)) return "an id derived from a transformed value";
		for (const s of substitutions) {
			if (text.includes(s.from) && occurrences(text, s).length > 0)
				return `a transformed ${s.objectType} ${s.property}`;
		}
	}
	return undefined;
}
