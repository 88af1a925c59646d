// LIKE (§9.6.1): `%` any run of characters, `_` exactly one; the whole value must match. No escape character.

import type { Budget } from "./budget.ts";

/**
 * Whether `value` matches the LIKE `pattern`, comparing code points. The classic wildcard walk: on a
 * mismatch it resumes after the last `%`, so the work is at most value × pattern steps (charged to `budget`),
 * never exponential.
 * @example like("evil.example.com", "%.example.com", budget) // true
 */
export function like(value: string, pattern: string, budget: Budget): boolean {
	// Code points, so that `_` takes a whole astral character; plain strings when neither has a surrogate.
	const surrogate = /[\uD800-\uDFFF]/;
	const astral = surrogate.test(value) || surrogate.test(pattern);
	const text: ArrayLike<string> = astral ? Array.from(value) : value;
	const glob: ArrayLike<string> = astral ? Array.from(pattern) : pattern;
	let t = 0;
	let g = 0;
	let starGlob = -1;
	let starText = 0;
	let steps = 0;
	while (t < text.length) {
		if (++steps === 4096) {
			budget.charge(steps, `LIKE '${pattern.slice(0, 40)}'`);
			steps = 0;
		}
		const p = glob[g];
		if (p === "%") {
			starGlob = g++;
			starText = t;
		} else if (p !== undefined && (p === "_" || p === text[t])) {
			g++;
			t++;
		} else if (starGlob !== -1) {
			g = starGlob + 1;
			t = ++starText;
		} else {
			return false;
		}
	}
	budget.charge(steps + 1, `LIKE '${pattern.slice(0, 40)}'`);
	while (glob[g] === "%") g++;
	return g === glob.length;
}
