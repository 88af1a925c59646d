// Bad input (issue 12): patterns that would explode and observations that would multiply are refused or bounded,
// each with a message that says what limit was met.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PatternAst } from "../ast.ts";
import { mapComparisons, parsePattern } from "../index.ts";
import { evaluatePattern, startEvaluation } from "./index.ts";

function manyObservations(count: number, spacingSeconds: number): unknown[] {
	const objects: unknown[] = [{ type: "ipv4-addr", id: "ipv4-addr--x", value: "10.0.0.1" }];
	for (let i = 0; i < count; i++) {
		const at = new Date(Date.UTC(2020, 0, 1) + i * spacingSeconds * 1000).toISOString();
		objects.push({
			type: "observed-data",
			id: `observed-data--${i}`,
			first_observed: at,
			last_observed: at,
			number_observed: 1,
			object_refs: ["ipv4-addr--x"],
		});
	}
	return objects;
}

/** A pattern the parser's rules refuse, built as an AST, as a stored pattern from elsewhere might be. */
function withRegex(source: string): PatternAst {
	const parsed = parsePattern("[file:name MATCHES 'placeholder']");
	assert.ok(parsed.ok);
	return mapComparisons(parsed.pattern, (c) =>
		c.value?.type === "string" ? { ...c, value: { ...c.value, value: source } } : c,
	);
}

describe("evaluation bounds", () => {
	it("refuses 10⁵ ORs before any work: 64 KiB of pattern text at most, and 10,000 comparisons", () => {
		const pattern = `[${Array.from({ length: 100_000 }, (_, i) => `file:size = ${i}`).join(" OR ")}]`;
		const result = evaluatePattern(pattern, []);
		assert.ok(!result.ok);
		assert.equal(result.errors[0]?.code, "too-long");
		assert.match(result.errors[0]?.message ?? "", /the limit is 65,536/);
	});

	it("refuses nesting deeper than 100 levels", () => {
		const result = evaluatePattern(`${"(".repeat(5000)}[file:size = 1]${")".repeat(5000)}`, []);
		assert.ok(!result.ok);
		assert.equal(result.errors[0]?.code, "too-deep");
	});

	it("runs a catastrophic regex over a long value in linear time, where backtracking would never finish", () => {
		const file = { type: "file", id: "file--x", name: "x".repeat(50_000) };
		const result = evaluatePattern(withRegex("(x+x+)+y"), [file]);
		assert.ok(result.ok && !result.matched);
		assert.ok(result.steps < 50_001 * 12, `steps ${result.steps}`);
	});

	it("binds REPEATS over thousands of observations without enumerating every combination", () => {
		const result = evaluatePattern(
			"[ipv4-addr:value = '10.0.0.1'] REPEATS 5 TIMES",
			manyObservations(3000, 60),
		);
		assert.ok(result.ok);
		assert.equal(result.matched, true);
		assert.equal(result.truncated, true); // C(3000, 5) combinations exist; 1,000 partial matches were kept
		assert.equal(result.bindings.length, 100);
		assert.equal(result.bindings[0]?.length, 5);
	});

	it("finds REPEATS … WITHIN among many observations: runs in time order come first", () => {
		const objects = manyObservations(2000, 60);
		const result = evaluatePattern(
			"[ipv4-addr:value = '10.0.0.1'] REPEATS 3 TIMES WITHIN 120 SECONDS",
			objects,
		);
		assert.ok(result.ok && result.matched);
		const none = evaluatePattern(
			"[ipv4-addr:value = '10.0.0.1'] REPEATS 3 TIMES WITHIN 119 SECONDS",
			objects,
		);
		assert.ok(none.ok && !none.matched);
		assert.equal(none.truncated, true); // not every combination was tried, and the answer says so
	});

	it("keeps 1,000 partial matches per operator and says the answer may be incomplete", () => {
		const result = evaluatePattern(
			"([ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']) WITHIN 1 SECONDS",
			manyObservations(5000, 60),
		);
		assert.ok(result.ok && !result.matched);
		assert.equal(result.truncated, true);
	});

	it("stops AND/FOLLOWEDBY combinatorics at the step budget with a message naming the limit", () => {
		const objects = manyObservations(5000, 60).map((o, i) =>
			i > 2500 ? { ...(o as object), object_refs: ["ipv4-addr--late"] } : o,
		);
		objects.push({ type: "ipv4-addr", id: "ipv4-addr--late", value: "10.0.0.2" });
		const result = evaluatePattern(
			"[ipv4-addr:value = '10.0.0.2'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']",
			objects,
			{ maxSteps: 200_000 },
		);
		assert.ok(!result.ok);
		assert.match(
			result.tooCostly?.message ?? "",
			/evaluation stopped after 200,000 steps \(combining observations/,
		);
		assert.equal(result.tooCostly?.limit, 200_000);
	});

	it("does its work in slices a caller can yield between", () => {
		const started = startEvaluation("[ipv4-addr:value LIKE '10.%']", manyObservations(5000, 1));
		assert.ok("evaluation" in started);
		let slices = 0;
		let outcome = started.evaluation.advance(1000);
		while (outcome === undefined) {
			slices++;
			outcome = started.evaluation.advance(1000);
		}
		assert.ok(slices >= 10, `only ${slices} slices`);
		assert.ok(outcome.ok && outcome.matched);
	});

	it("refuses an observed-data list over the budget rather than working on", () => {
		const result = evaluatePattern("[ipv4-addr:value MATCHES '^10']", manyObservations(20_000, 1), {
			maxSteps: 10_000,
		});
		assert.ok(!result.ok && result.tooCostly !== undefined);
	});
});
