// Properties against reference models: LIKE against a brute-force matcher, the Pike VM against V8's RegExp on the
// subset both share, ISSUBSET against integer arithmetic, and the boolean algebra of OR and AND.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Budget, compileRegex, evaluatePattern, like, runRegex } from "./index.ts";

/** LIKE by its definition: `%` any run, `_` one character, everything else itself. */
function likeReference(value: string[], pattern: string[]): boolean {
	if (pattern.length === 0) return value.length === 0;
	const [p, ...rest] = pattern;
	if (p === "%") return value.some((_, i) => likeReference(value.slice(i), rest)) || likeReference([], rest);
	if (value.length === 0) return false;
	return (p === "_" || p === value[0]) && likeReference(value.slice(1), rest);
}

/** A regex over {a, b} from the constructs V8 and PCRE read alike. */
const regex: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
	node: fc.oneof(
		{ depthSize: "small", withCrossShrink: true },
		fc.constantFrom("a", "b", ".", "[ab]", "[^a]", "\\w", "\\s", "\\b", "^", "x", "é", "😀"),
		fc.tuple(tie("node"), tie("node")).map(([x, y]) => `${x}${y}`),
		fc.tuple(tie("node"), tie("node")).map(([x, y]) => `(?:${x}|${y})`),
		fc
			.tuple(tie("node"), fc.constantFrom("*", "+", "?", "{2}", "{1,3}", "{0,}", "*?"))
			.map(([x, q]) => `(?:${x})${q}`),
	),
})).node;

describe("LIKE", () => {
	it("agrees with a brute-force matcher", () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom("a", "b", "😀"), { maxLength: 8 }),
				fc.array(fc.constantFrom("a", "b", "%", "_", "😀"), { maxLength: 6 }),
				(value, pattern) => {
					const expected = likeReference(value, pattern);
					assert.equal(like(value.join(""), pattern.join(""), new Budget(1e6)), expected);
				},
			),
			{ numRuns: 2000 },
		);
	});

	it("takes value × pattern steps at most, where backtracking would take exponential time", () => {
		const budget = new Budget(1e9);
		assert.equal(like("a".repeat(20_000), `${"%a".repeat(20)}b`, budget), false);
		assert.ok(budget.used <= 20_000 * 42, `used ${budget.used}`);
	});
});

describe("MATCHES on the Pike VM", () => {
	it("agrees with RegExp (flags s and u) on the shared subset", () => {
		fc.assert(
			fc.property(
				regex,
				fc.array(fc.constantFrom("a", "b", " ", "x", "é", "😀"), { maxLength: 10 }),
				(source, chars) => {
					const text = chars.join("");
					const expected = new RegExp(source, "su").test(text);
					assert.equal(
						runRegex(compileRegex(source), text, new Budget(1e7)),
						expected,
						`/${source}/ on ${JSON.stringify(text)}`,
					);
				},
			),
			{ numRuns: 3000 },
		);
	});

	it("reads PCRE's own forms: \\A, \\z, \\Z, $ before a final newline, (?i), \\x{…}", () => {
		const cases: [string, string, boolean][] = [
			["\\Aab", "ab", true],
			["\\Aab", "cab", false],
			["ab\\z", "ab\n", false],
			["ab\\Z", "ab\n", true],
			["ab$", "ab\n", true],
			["ab$", "ab\nc", false],
			["(?i)EVIL\\.com", "www.evil.COM", true],
			["a(?i)B", "ab", true],
			["(?i:A)b", "aB", false],
			["\\x{1F600}", "😀", true],
			["[\\d-z]", "-", true],
			["a{,3}", "a{,3}", true],
		];
		for (const [source, text, expected] of cases) {
			assert.equal(
				runRegex(compileRegex(source), text, new Budget(1e6)),
				expected,
				`/${source}/ on ${JSON.stringify(text)}`,
			);
		}
	});

	it("refuses what only backtracking can do, saying so", () => {
		for (const source of ["(a)\\1", "a(?=b)", "(?<!a)b", "(?>a|ab)c", "a++a", "\\p{L}"]) {
			assert.throws(() => compileRegex(source), /not supported|cannot be run/, source);
		}
		assert.throws(() => compileRegex("(?:(?:a{1000}){1000})"), /more than 20,000 instructions/);
	});

	it("runs a catastrophic regex in linear time: (a+)+b over 100,000 a's", () => {
		const budget = new Budget(1e9);
		assert.equal(runRegex(compileRegex("(a+)+b"), "a".repeat(100_000), budget), false);
		assert.ok(budget.used < 100_001 * 8, `used ${budget.used}`);
	});
});

describe("ISSUBSET and ISSUPERSET", () => {
	const ipOf = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
	it("agree with integer arithmetic on IPv4", () => {
		fc.assert(
			fc.property(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
				const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
				const network = ipOf((b & mask) >>> 0);
				const inside = (a & mask) >>> 0 === (b & mask) >>> 0;
				const sco = { type: "ipv4-addr", id: "ipv4-addr--x", value: ipOf(a) };
				const subset = evaluatePattern(`[ipv4-addr:value ISSUBSET '${network}/${prefix}']`, [sco]);
				const superset = evaluatePattern(`[ipv4-addr:value ISSUPERSET '${ipOf(a)}']`, [
					{ ...sco, value: `${network}/${prefix}` },
				]);
				assert.ok(subset.ok && superset.ok);
				assert.equal(subset.matched, inside);
				assert.equal(superset.matched, inside);
			}),
			{ numRuns: 500 },
		);
	});
});

describe("the boolean algebra of patterns", () => {
	const comparison = fc.constantFrom(
		"file:name = 'a.exe'",
		"file:name LIKE '%.dll'",
		"file:size > 100",
		"file:name MATCHES '^b'",
		"ipv4-addr:value ISSUBSET '10.0.0.0/8'",
		"ipv4-addr:value != '10.0.0.1'",
	);
	const sco = fc.oneof(
		fc.record({
			type: fc.constant("file"),
			id: fc.constant("file--x"),
			name: fc.constantFrom("a.exe", "b.dll", "c.dll"),
			size: fc.integer({ min: 0, max: 200 }),
		}),
		fc.record({
			type: fc.constant("ipv4-addr"),
			id: fc.constant("ipv4-addr--x"),
			value: fc.constantFrom("10.0.0.1", "10.9.9.9", "192.0.2.1"),
		}),
	);
	const matched = (pattern: string, objects: unknown[]) => {
		const result = evaluatePattern(pattern, objects);
		assert.ok(result.ok, JSON.stringify(result));
		return result.matched;
	};

	it("[A] OR [B] ≡ [A] or [B]; [A OR B] ≡ [A] or [B] over one object; [A AND B] ⇒ [A] and [B]", () => {
		fc.assert(
			fc.property(comparison, comparison, fc.array(sco, { minLength: 1, maxLength: 4 }), (a, b, objects) => {
				const either = matched(`[${a}]`, objects) || matched(`[${b}]`, objects);
				assert.equal(matched(`[${a}] OR [${b}]`, objects), either);
				const one = objects.slice(0, 1);
				assert.equal(matched(`[${a} OR ${b}]`, one), matched(`[${a}]`, one) || matched(`[${b}]`, one));
				const sameType = a.split(":")[0] === b.split(":")[0];
				if (sameType && matched(`[${a} AND ${b}]`, objects)) {
					assert.ok(matched(`[${a}]`, objects) && matched(`[${b}]`, objects));
				}
			}),
			{ numRuns: 300 },
		);
	});

	it("NOT negates a comparison on an object that has the property", () => {
		fc.assert(
			fc.property(sco, (object) => {
				const [type, path] = object.type === "file" ? ["file", "name"] : ["ipv4-addr", "value"];
				const value = object.type === "file" ? "a.exe" : "10.0.0.1";
				assert.equal(
					matched(`[${type}:${path} NOT = '${value}']`, [object]),
					!matched(`[${type}:${path} = '${value}']`, [object]),
				);
			}),
		);
	});
});
