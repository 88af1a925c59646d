// PCRE constructs the linear-time engine runs (D58): inline flags, (?x), comments, \Q…\E, POSIX classes, and
// atomic/possessive forms where they provably equal their greedy form; what it cannot run it refuses, with why.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Budget } from "../budget.ts";
import { compileRegex, runRegex } from "./pike-vm.ts";
import { RegexSyntaxError } from "./syntax.ts";

const search = (source: string, text: string): boolean =>
	runRegex(compileRegex(source), text, new Budget(1e6));

describe("PCRE syntax the linear-time engine runs", () => {
	const cases: [string, string, boolean][] = [
		["(?i)EVIL", "very evil.com", true],
		["(?x) e v i l  # a comment\n \\.com", "evil.com", true],
		["(?x)[ ]x", " x", true],
		["(?#a comment)evil", "evil", true],
		["\\Qa.b\\E", "a.b", true],
		["\\Qa.b\\E", "axb", false],
		["[[:digit:]]+x", "12x", true],
		["[[:^digit:]]", "12", false],
		["[a-z]++\\.exe", "abc.exe", true],
		["a++$", "aaa", true],
		["x\\d++", "x12", true],
		["(?>abc)d", "abcd", true],
		["(?>abc)+", "abcabc", true],
	];
	for (const [source, text, expected] of cases) {
		it(`${JSON.stringify(source)} on ${JSON.stringify(text)} → ${expected}`, () => {
			assert.equal(search(source, text), expected);
		});
	}
});

describe("what the linear-time engine refuses, with the reason", () => {
	const refused: [string, RegExp][] = [
		["(?<n>a)\\k<n>", /backreference '\\k'.*needs backtracking/],
		["(?P<n>a)(?P=n)", /backreference or recursion.*needs backtracking/],
		["(a)\\1", /backreference '\\1'/],
		["(?<=a)b", /lookaround/],
		[
			"[a-z]++[a-z]",
			/possessive quantifier at index 5 cannot be run .* greedy quantifier if that is what is meant/,
		],
		["(?>ab|a)b", /atomic group or possessive quantifier at index 0/],
		["(?>a|ab)*c", /atomic group or possessive quantifier at index 0/],
		["(?m)^a", /flag 'm'/],
	];
	for (const [source, reason] of refused) {
		it(`refuses ${JSON.stringify(source)}`, () => {
			assert.throws(
				() => compileRegex(source),
				(error: unknown) => {
					assert.ok(error instanceof RegexSyntaxError);
					assert.match(error.message, reason);
					return true;
				},
			);
		});
	}
});

describe("possessive quantifiers run as greedy ones only where they match the same texts", () => {
	// A backtracking reference for X*+ : JavaScript has no possessive quantifier, but (?=(X*))\1 is atomic.
	const sets = ["a", "b", "[ab]", "[bc]", "c", "\\d", "."];
	const quantifiers = ["*", "+", "?", "{1,2}", "{2}"];
	const followers = ["", "a", "b", "c", "[ab]", "b+", "$", "\\d"];
	it("agrees with an atomic reference on every text wherever it runs them (fast-check)", () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...sets),
				fc.constantFrom(...quantifiers),
				fc.constantFrom(...followers),
				fc.string({ unit: fc.constantFrom("a", "b", "c", "1", "\n"), maxLength: 8 }),
				(set, quantifier, follower, text) => {
					let compiled: ReturnType<typeof compileRegex>;
					try {
						compiled = compileRegex(`${set}${quantifier}+${follower}`);
					} catch (error) {
						if (error instanceof RegexSyntaxError) return; // refused: no answer to check
						throw error;
					}
					// PCRE's $ also matches before a final newline; JavaScript's (no m flag) only at the end.
					const after = follower === "$" ? "(?=\\n?$)" : follower;
					const reference = new RegExp(`(?=(${set}${quantifier}))\\1${after}`, "s");
					assert.equal(
						runRegex(compiled, text, new Budget(1e6)),
						reference.test(text),
						`on ${JSON.stringify(text)}`,
					);
				},
			),
			{ numRuns: 3000 },
		);
	});
});
