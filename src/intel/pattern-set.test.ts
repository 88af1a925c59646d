// PatternSet: indicators whose patterns are not plain values, matched against one SCO at a time.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePattern } from "../stix/pattern/index.ts";
import { needsPatternSet, PATTERN_SET_STEPS_PER_PATTERN, PatternSet } from "./pattern-set.ts";

const domain = (value: string) => ({ type: "domain-name", id: `domain-name--${value}`, value });
const ip = (value: string) => ({ type: "ipv4-addr", id: `ipv4-addr--${value}`, value });

describe("PatternSet", () => {
	it("matches LIKE, MATCHES, ranges, != and other properties against one SCO", () => {
		const set = new PatternSet();
		assert.deepEqual(set.add("like", "[domain-name:value LIKE '%.evil.example']"), { ok: true });
		assert.deepEqual(set.add("regex", "[domain-name:value MATCHES '^x[0-9]+\\\\.']"), { ok: true });
		assert.deepEqual(set.add("range", "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"), { ok: true });
		assert.deepEqual(set.add("not", "[ipv4-addr:value != '10.0.0.1']"), { ok: true });
		assert.deepEqual(set.add("either", "[domain-name:value = 'a.b'] OR [ipv4-addr:value = '192.0.2.1']"), {
			ok: true,
		});
		assert.deepEqual(set.matchValue(domain("x42.evil.example")).sort(), ["like", "regex"]);
		assert.deepEqual(set.matchValue(domain("good.example")), []);
		assert.deepEqual(set.matchValue(ip("10.0.0.1")), ["range"]);
		assert.deepEqual(set.matchValue(ip("10.2.3.4")).sort(), ["not", "range"]);
		assert.deepEqual(set.matchValue(ip("192.0.2.1")).sort(), ["either", "not"]);
		assert.equal(set.size, 5);
	});

	it("needs two observations for AND and FOLLOWEDBY, n for REPEATS n; lets WITHIN pass (no time to check)", () => {
		const set = new PatternSet();
		set.add("and", "[domain-name:value = 'a.b'] AND [domain-name:value LIKE '%']");
		set.add("repeats", "[domain-name:value LIKE 'a%'] REPEATS 2 TIMES");
		set.add("within", "[domain-name:value LIKE 'a%'] WITHIN 5 SECONDS");
		assert.deepEqual(set.matchValue(domain("a.b")), ["within"]);
	});

	it("removes and replaces by id", () => {
		const set = new PatternSet();
		set.add("i", "[domain-name:value LIKE '%.a']");
		set.add("i", "[ipv4-addr:value ISSUBSET '10.0.0.0/8']");
		assert.deepEqual(set.matchValue(domain("x.a")), []);
		assert.deepEqual(set.matchValue(ip("10.1.1.1")), ["i"]);
		set.remove("i");
		assert.deepEqual(set.matchValue(ip("10.1.1.1")), []);
		assert.equal(set.size, 0);
	});

	it("refuses a pattern that does not parse, or a regex only backtracking can run, with its errors", () => {
		const set = new PatternSet();
		const broken = set.add("x", "[domain-name:value = ");
		assert.ok(!broken.ok && broken.errors.length === 1);
		const ast = parsePattern("[domain-name:value MATCHES 'a']");
		assert.ok(ast.ok);
		const comparison = ast.pattern.kind === "observation" ? ast.pattern.comparison : undefined;
		assert.ok(comparison?.kind === "comparison" && comparison.value?.type === "string");
		comparison.value.value = "(a)\\1";
		const backref = set.add("y", ast.pattern);
		assert.ok(!backref.ok);
		assert.match(backref.errors[0]?.message ?? "", /backreference/);
	});

	it("bounds the work on a huge value: the pattern counts as too costly, not as a hang", () => {
		const set = new PatternSet();
		set.add("slow", "[domain-name:value MATCHES '[a-z]{1,1000}q']");
		const found = set.match(domain("a".repeat(PATTERN_SET_STEPS_PER_PATTERN)));
		assert.deepEqual(found, { ids: [], tooCostly: ["slow"] });
	});
});

describe("needsPatternSet", () => {
	const needs = (text: string) => {
		const parsed = parsePattern(text);
		assert.ok(parsed.ok);
		return needsPatternSet(parsed.pattern);
	};
	it("is false for = and IN on observable values, true for anything else", () => {
		assert.equal(needs("[ipv4-addr:value = '10.0.0.1']"), false);
		assert.equal(needs("[file:hashes.'SHA-256' = 'aa' OR file:name IN ('a', 'b')]"), false);
		assert.equal(needs("[ipv4-addr:value ISSUBSET '10.0.0.0/8']"), true);
		assert.equal(needs("[domain-name:value LIKE '%.a']"), true);
		assert.equal(needs("[ipv4-addr:value NOT = '10.0.0.1']"), true);
		assert.equal(needs("[file:size = 10]"), true);
		assert.equal(needs("[network-traffic:dst_ref.value = '10.0.0.1']"), true);
	});
});

describe("PatternSet's literal prefilter", () => {
	it("finds exactly what testing every pattern finds", async () => {
		const { default: fc } = await import("fast-check");
		const { Budget, compilePattern, matchesObject } = await import("../stix/pattern/evaluate/index.ts");
		const word = fc.stringMatching(/^[ab.]{0,5}$/);
		const pattern = fc.oneof(
			word.map((w) => `[domain-name:value LIKE '%${w}%']`),
			fc.tuple(word, word).map(([a, b]) => `[domain-name:value LIKE '${a}_${b}%']`),
			word.map((w) => `[domain-name:value MATCHES '^a*${w.replaceAll(".", "\\\\.")}b']`),
			fc.tuple(word, word).map(([a, b]) => `[domain-name:value = '${a}' OR domain-name:value LIKE '%${b}']`),
			fc
				.tuple(word, word)
				.map(([a, b]) => `[domain-name:value LIKE '${a}%' AND domain-name:value MATCHES '${b}|x']`),
			word.map((w) => `[domain-name:value IN ('${w}', 'abab')] OR [domain-name:value NOT LIKE '${w}']`),
			word.map((w) => `[domain-name:value LIKE '%${w}'] AND [domain-name:value LIKE '%']`),
			fc
				.tuple(fc.nat(3), fc.nat(3), fc.constantFrom(0, 7, 8, 15, 16, 24, 31, 32))
				.map(([a, b, p]) => `[ipv4-addr:value ISSUBSET '1${a}.${b}.0.0/${p}']`),
		);
		fc.assert(
			fc.property(
				fc.array(pattern, { minLength: 1, maxLength: 12 }),
				fc.array(word, { maxLength: 6 }),
				(patterns, values) => {
					const set = new PatternSet();
					const compiled = patterns.map((text, i) => {
						assert.deepEqual(set.add(`p${i}`, text), { ok: true }, text);
						const parsed = parsePattern(text);
						assert.ok(parsed.ok);
						const c = compilePattern(parsed.pattern);
						assert.ok(c.ok);
						return c.pattern;
					});
					for (const value of values) {
						const sco = domain(value);
						const expected = compiled.flatMap((c, i) =>
							matchesObject(c, sco, new Budget(1e6)) ? [`p${i}`] : [],
						);
						assert.deepEqual(
							set.matchValue(sco).sort(),
							expected.sort(),
							`${value}: ${patterns.join(" | ")}`,
						);
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});
