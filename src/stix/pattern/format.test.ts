// Canonical formatting, parse → format → parse round trips (examples and fast-check), and comparison rewriting.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type {
	Comparison,
	ComparisonExpression,
	ObservationExpression,
	PatternAst,
	PrimitiveConstant,
	Qualifier,
} from "./ast.ts";
import { formatPattern, listComparisons, mapComparisons, parsePattern } from "./index.ts";

/** The tree without source offsets, for comparing trees parsed from different texts. */
export function stripOffsets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripOffsets);
	if (value === null || typeof value !== "object") return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => key !== "offset" && key !== "stopOffset")
			.map(([key, v]) => [key, stripOffsets(v)]),
	);
}

function parse(text: string): PatternAst {
	const r = parsePattern(text);
	if (!r.ok) assert.fail(`${text}\n${r.errors.map((e) => `${e.message}\n${e.excerpt}`).join("\n")}`);
	return r.pattern;
}

function assertRoundTrip(ast: PatternAst): void {
	const text = formatPattern(ast);
	const again = parse(text);
	assert.deepEqual(stripOffsets(again), stripOffsets(ast), text);
	assert.equal(formatPattern(again), text);
}

const CANONICAL: [string, string][] = [
	["  [ file:hashes . 'SHA-256'=='ab' ]", "[file:hashes.'SHA-256' = 'ab']"],
	[
		"[file:size<>1 AND file:size>=+2 AND file:size<=-3]",
		"[file:size != 1 AND file:size >= 2 AND file:size <= -3]",
	],
	["[file:'name' = 'it\\'s \\\\ ok']", "[file:name = 'it\\'s \\\\ ok']"],
	[
		"[x-a:'b.c'.'d' = 1 AND x-a:'AND' = 2 AND x-a:'true' = 3]",
		"[x-a:'b.c'.d = 1 AND x-a:'AND' = 2 AND x-a:'true' = 3]",
	],
	[
		"[file:size = 1.50 OR file:size = .5 OR file:size = 007.0]",
		"[file:size = 1.5 OR file:size = 0.5 OR file:size = 7.0]",
	],
	["[file:magic_number_hex = h'FFd8']", "[file:magic_number_hex = h'ffd8']"],
	["[artifact:payload_bin = b'dGhp\ncyBp']", "[artifact:payload_bin = b'dGhpcyBp']"],
	["[mutex:name = 'a'] WITHIN 300.0 SECONDS", "[mutex:name = 'a'] WITHIN 300 SECONDS"],
	["[mutex:name='a']/*c*/REPEATS 5 TIMES", "[mutex:name = 'a'] REPEATS 5 TIMES"],
	["[NOT EXISTS mutex:name]", "[NOT EXISTS mutex:name]"],
	["[mutex:name NOT IN ('a','b')]", "[mutex:name NOT IN ('a', 'b')]"],
	["(([mutex:name = 'a']))", "(([mutex:name = 'a']))"],
];

describe("formatPattern", () => {
	for (const [input, expected] of CANONICAL) {
		it(`formats ${JSON.stringify(input)}`, () => {
			assert.equal(formatPattern(parse(input)), expected);
			assertRoundTrip(parse(input));
		});
	}

	it("adds parentheses where a hand-built tree needs them", () => {
		const leaf = (name: string): Comparison => ({
			kind: "comparison",
			offset: -1,
			path: { offset: -1, objectType: "mutex", steps: [{ kind: "property", offset: -1, name: "name" }] },
			operator: "=",
			negated: false,
			value: { type: "string", offset: -1, value: name },
		});
		const or: ComparisonExpression = {
			kind: "comparison-operation",
			offset: -1,
			operator: "OR",
			operands: [leaf("a"), leaf("b")],
		};
		const and: ComparisonExpression = {
			kind: "comparison-operation",
			offset: -1,
			operator: "AND",
			operands: [or, leaf("c")],
		};
		const text = formatPattern({ kind: "observation", offset: -1, comparison: and, qualifiers: [] });
		assert.equal(text, "[(mutex:name = 'a' OR mutex:name = 'b') AND mutex:name = 'c']");
	});

	it("writes floats without exponents", () => {
		const text = "[x-a:b = 0.0000001 OR x-a:b = 100000000000000000000000.0 OR x-a:b = -0.000000000123]";
		assert.equal(formatPattern(parse(text)), text);
	});
});

describe("mapComparisons and listComparisons", () => {
	const source =
		"([ipv4-addr:value = '198.51.100.1' OR file:name IN ('a.exe', 'b.exe')] AND [EXISTS mutex:name]) WITHIN 60 SECONDS";

	it("lists every comparison with its object type, path, operator and constant", () => {
		const listed = listComparisons(parse(source)).map((c) => [
			c.path.objectType,
			c.path.steps.length,
			c.operator,
			c.value?.type ?? null,
		]);
		assert.deepEqual(listed, [
			["ipv4-addr", 1, "=", "string"],
			["file", 1, "IN", "set"],
			["mutex", 1, "EXISTS", null],
		]);
	});

	it("rewrites values into a new tree and leaves the input untouched", () => {
		const ast = parse(source);
		const before = formatPattern(ast);
		const rewritten = mapComparisons(ast, (c) => {
			if (c.value?.type === "string" && c.path.objectType === "ipv4-addr") {
				return { ...c, value: { ...c.value, value: "203.0.113.9" } };
			}
			if (c.value?.type === "set") {
				const values = c.value.values.map(
					(v): PrimitiveConstant => (v.type === "string" ? { ...v, value: v.value.toUpperCase() } : v),
				);
				return { ...c, value: { ...c.value, values } };
			}
			return c;
		});
		assert.equal(formatPattern(ast), before);
		assert.equal(
			formatPattern(rewritten),
			"([ipv4-addr:value = '203.0.113.9' OR file:name IN ('A.EXE', 'B.EXE')] AND [EXISTS mutex:name]) WITHIN 60 SECONDS",
		);
	});
});

// Trees in the form the parser produces: an operation's operands are never operations of the same
// or a looser operator (those need a group), and every AND inside [...] is over one object type.
const PROPERTIES: Record<string, string[][]> = {
	file: [
		["name"],
		["size"],
		["hashes", "SHA-256"],
		["extensions", "windows-pebinary-ext", "sections", "*", "entropy"],
	],
	mutex: [["name"]],
	"x-custom": [["x"], ["a-b", "0"]],
};
const SAFE_REGEXES = ["^a", "(a|b)*c", "\\d{1,3}", "[^']+"];

const primitive: fc.Arbitrary<PrimitiveConstant> = fc.oneof(
	fc.string({ unit: "binary" }).map((value) => ({ type: "string" as const, offset: -1, value })),
	fc.maxSafeInteger().map((value) => ({ type: "integer" as const, offset: -1, value })),
	fc
		.double({ noNaN: true, noDefaultInfinity: true })
		.filter((v) => !Object.is(v, -0))
		.map((value) => ({ type: "float" as const, offset: -1, value })),
	fc.boolean().map((value) => ({ type: "boolean" as const, offset: -1, value })),
	fc
		.uint8Array({ maxLength: 8 })
		.map((b) => ({ type: "hex" as const, offset: -1, value: Buffer.from(b).toString("hex") })),
	fc
		.uint8Array({ minLength: 1, maxLength: 8 })
		.map((b) => ({ type: "binary" as const, offset: -1, value: Buffer.from(b).toString("base64") })),
	timestamp().map((value) => ({ type: "timestamp" as const, offset: -1, value })),
);

function timestamp(): fc.Arbitrary<string> {
	return fc
		.date({
			min: new Date("0001-01-01T00:00:00Z"),
			max: new Date("9999-12-31T23:59:59Z"),
			noInvalidDate: true,
		})
		.map((d) => d.toISOString());
}

function comparison(type: string): fc.Arbitrary<Comparison> {
	const path = fc.constantFrom(...(PROPERTIES[type] ?? [])).map((steps) => ({
		offset: -1,
		objectType: type,
		steps: steps.map((s) =>
			/^(\d+|\*)$/.test(s)
				? { kind: "index" as const, offset: -1, index: s === "*" ? ("*" as const) : Number(s) }
				: { kind: "property" as const, offset: -1, name: s },
		),
	}));
	const str = (v: string) => ({ type: "string" as const, offset: -1, value: v });
	const operatorAndValue = fc.oneof(
		fc.tuple(fc.constantFrom("=" as const, "!=" as const), primitive),
		fc.tuple(
			fc.constantFrom(">" as const, "<=" as const),
			primitive.filter((p) => p.type !== "boolean"),
		),
		fc.tuple(fc.constant("LIKE" as const), fc.string().map(str)),
		fc.tuple(fc.constant("MATCHES" as const), fc.constantFrom(...SAFE_REGEXES).map(str)),
		fc.tuple(
			fc.constant("IN" as const),
			fc
				.array(fc.string(), { maxLength: 3 })
				.map((values) => ({ type: "set" as const, offset: -1, values: values.map(str) })),
		),
		fc.tuple(fc.constant("EXISTS" as const), fc.constant(null)),
	);
	return fc
		.record({ path, ov: operatorAndValue, negated: fc.boolean() })
		.map(({ path, ov: [operator, value], negated }) => ({
			kind: "comparison" as const,
			offset: -1,
			path,
			operator,
			negated,
			value,
		}));
}

function comparisons(type: string): fc.Arbitrary<ComparisonExpression> {
	const { expr } = fc.letrec<{
		expr: ComparisonExpression;
		tight: ComparisonExpression;
		and: ComparisonExpression;
	}>((tie) => ({
		tight: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			comparison(type),
			tie("expr").map((expression) => ({ kind: "comparison-group" as const, offset: -1, expression })),
		),
		and: fc.array(tie("tight"), { minLength: 2, maxLength: 3 }).map((operands) => ({
			kind: "comparison-operation" as const,
			offset: -1,
			operator: "AND" as const,
			operands,
		})),
		expr: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			tie("tight"),
			tie("and"),
			fc.array(fc.oneof(tie("tight"), tie("and")), { minLength: 2, maxLength: 3 }).map((operands) => ({
				kind: "comparison-operation" as const,
				offset: -1,
				operator: "OR" as const,
				operands,
			})),
		),
	}));
	return expr;
}

const qualifiers: fc.Arbitrary<Qualifier[]> = fc
	.record({
		within: fc.option(
			fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
		),
		repeats: fc.option(fc.integer({ min: 1, max: 1000 })),
		window: fc.option(fc.tuple(timestamp(), timestamp()).filter(([a, b]) => a !== b)),
	})
	.map(({ within, repeats, window }) => {
		const list: Qualifier[] = [];
		if (repeats !== null) list.push({ kind: "repeats", offset: -1, times: repeats });
		if (within !== null) list.push({ kind: "within", offset: -1, seconds: within });
		if (window !== null) {
			const [start, stop] = window[0] < window[1] ? window : [window[1], window[0]];
			list.push({ kind: "start-stop", offset: -1, start, stop, stopOffset: -1 });
		}
		return list;
	});

const observation: fc.Arbitrary<ObservationExpression> = fc.letrec<{
	expr: ObservationExpression;
	leaf: ObservationExpression;
}>((tie) => {
	const op = (operator: "AND" | "OR" | "FOLLOWEDBY", operand: fc.Arbitrary<ObservationExpression>) =>
		fc
			.array(operand, { minLength: 2, maxLength: 3 })
			.map((operands) => ({ kind: "observation-operation" as const, offset: -1, operator, operands }));
	return {
		leaf: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			fc
				.record({ comparison: fc.constantFrom(...Object.keys(PROPERTIES)).chain(comparisons), qualifiers })
				.map((o) => ({ kind: "observation" as const, offset: -1, ...o })),
			fc
				.record({ expression: tie("expr"), qualifiers })
				.map((o) => ({ kind: "observation-group" as const, offset: -1, ...o })),
		),
		expr: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			tie("leaf"),
			op("AND", tie("leaf")),
			op("OR", fc.oneof(tie("leaf"), op("AND", tie("leaf")))),
			op("FOLLOWEDBY", tie("leaf")),
		),
	};
}).expr;

describe("round trip", () => {
	it("parse(formatPattern(ast)) gives back the same tree, for generated trees", () => {
		fc.assert(
			fc.property(observation, (ast) => assertRoundTrip(ast)),
			{ numRuns: 300 },
		);
	});
});
