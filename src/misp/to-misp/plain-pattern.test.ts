import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPlainPattern } from "./plain-pattern.ts";

describe("readPlainPattern", () => {
	it("reads AND-joined equalities on one object type, quoted names unquoted and escapes resolved", () => {
		assert.deepEqual(readPlainPattern("[file:name = 'it\\'s \\\\ here' AND file:hashes.'SHA-256' = 'ab']"), {
			plain: true,
			comparisons: [
				{ objectType: "file", key: "file:name", value: "it's \\ here" },
				{ objectType: "file", key: "file:hashes.SHA-256", value: "ab" },
			],
		});
	});

	it("reads the same through the parser when the fast path does not apply (spacing, untyped paths, numbers)", () => {
		assert.deepEqual(readPlainPattern("[ file:name='a' ]"), {
			plain: true,
			comparisons: [{ objectType: "file", key: "file:name", value: "a" }],
		});
		assert.deepEqual(
			readPlainPattern(
				"[domain-name:value = 'a.example' AND domain-name:resolves_to_refs[*].value = '192.0.2.1']",
			),
			{
				plain: true,
				comparisons: [
					{ objectType: "domain-name", key: "domain-name:value", value: "a.example" },
					{ objectType: "domain-name", key: "domain-name:resolves_to_refs[*].value", value: "192.0.2.1" },
				],
			},
		);
		assert.deepEqual(readPlainPattern("[autonomous-system:number = 174]"), {
			plain: true,
			comparisons: [{ objectType: "autonomous-system", key: "autonomous-system:number", value: "174" }],
		});
	});

	it("says why a pattern is not plain", () => {
		const reasons = [
			"[url:value = 'a'] OR [url:value = 'b']",
			"[url:value = 'a' OR url:value = 'b']",
			"[url:value LIKE 'a%']",
			"[url:value = 'a'] WITHIN 10 SECONDS",
			"[domain-name:value = 'a' AND ipv4-addr:value = '192.0.2.1']",
			"[ipv4-addr:value = h'c0000201']",
		].map((pattern) => {
			const reading = readPlainPattern(pattern);
			return reading.plain ? "plain" : reading.reason;
		});
		assert.ok(
			reasons.every((reason) => reason !== "plain"),
			reasons.join(" | "),
		);
		assert.match(reasons[0] ?? "", /joins observations with OR/);
		assert.match(reasons[2] ?? "", /LIKE/);
	});
});
