import assert from "node:assert/strict";
import { describe, it } from "node:test";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { canonicalJson } from "./canonical-json.ts";

/** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
const APPENDIX_B: readonly [hex: string, text: string][] = [
	["0000000000000000", "0"],
	["8000000000000000", "0"], // minus zero
	["0000000000000001", "5e-324"], // min positive
	["8000000000000001", "-5e-324"],
	["7fefffffffffffff", "1.7976931348623157e+308"], // max
	["ffefffffffffffff", "-1.7976931348623157e+308"],
	["4340000000000000", "9007199254740992"],
	["c340000000000000", "-9007199254740992"],
	["4430000000000000", "295147905179352830000"],
	["44b52d02c7e14af5", "9.999999999999997e+22"],
	["44b52d02c7e14af6", "1e+23"],
	["44b52d02c7e14af7", "1.0000000000000001e+23"],
	["444b1ae4d6e2ef4e", "999999999999999700000"],
	["444b1ae4d6e2ef4f", "999999999999999900000"],
	["444b1ae4d6e2ef50", "1e+21"],
	["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
	["3eb0c6f7a0b5ed8d", "0.000001"],
	["41b3de4355555553", "333333333.3333332"],
	["41b3de4355555554", "333333333.33333325"],
	["41b3de4355555555", "333333333.3333333"],
	["41b3de4355555556", "333333333.3333334"],
	["41b3de4355555557", "333333333.33333343"],
	["becbf647612f3696", "-0.0000033333333333333333"],
	["43143ff3c1cb0959", "1424953923781206.2"],
];

/**
 * RFC 8785 §3.2.2 and §3.2.3 examples, and the JCS reference test data (input → output) its authors
 * publish beside it, as JSON text so the parsing step (56.0, 333333333.33333329, escapes) is included.
 */
const EXAMPLES: readonly [name: string, input: string, output: string][] = [
	[
		"RFC 8785 §3.2.2 (values)",
		String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
		"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`,
		String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
	],
	[
		"RFC 8785 §3.2.3 (sorting by UTF-16 code units)",
		String.raw`{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
		"1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
		"\u00f6": "Latin Small Letter O With Diaeresis"}`,
		'{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
	],
	["arrays", `[56, {"d": true, "10": null, "1": [ ]}]`, `[56,{"1":[],"10":null,"d":true}]`],
	[
		"french (no locale collation)",
		`{"peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ignore locale"}`,
		`{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ignore locale"}`,
	],
	[
		"structures",
		String.raw`{"1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ {"e": "yes","E": "no" } ], "A": { }}`,
		String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}`,
	],
	[
		"unicode (not normalized)",
		String.raw`{"Unnormalized Unicode":"A\u030a"}`,
		'{"Unnormalized Unicode":"A\u030a"}',
	],
	[
		"weird",
		String.raw`{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\u000a": "Newline", "1": "One", "\u0080": "Control\u007f",
		"\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh",
		"</script>": "Browser Challenge"}`,
		'{"\\n":"Newline","\\r":"Carriage Return","1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
	],
];

describe("canonicalJson (RFC 8785)", () => {
	it("serializes every number of Appendix B as the RFC does", () => {
		for (const [hex, text] of APPENDIX_B) {
			assert.equal(canonicalJson(Buffer.from(hex, "hex").readDoubleBE(0)), text, hex);
		}
	});

	it("refuses NaN and the infinities (Appendix B's error cases)", () => {
		for (const hex of ["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"]) {
			assert.throws(() => canonicalJson(Buffer.from(hex, "hex").readDoubleBE(0)), TypeError, hex);
		}
	});

	it("serializes the boundary numbers in ECMAScript shortest form", () => {
		assert.equal(
			canonicalJson([1e21, 1e20, -0, 5e-324, 1.7976931348623157e308, 0.000001, 1e-7, 4.5, 2e-3]),
			"[1e+21,100000000000000000000,0,5e-324,1.7976931348623157e+308,0.000001,1e-7,4.5,0.002]",
		);
	});

	for (const [name, input, output] of EXAMPLES) {
		it(`matches the example "${name}"`, () => {
			assert.equal(canonicalJson(JSON.parse(input)), output);
		});
	}

	it("refuses lone surrogates in values and keys (§3.2.2.2: they MUST stop a compliant JCS)", () => {
		assert.throws(() => canonicalJson("\ud800"), TypeError);
		assert.throws(() => canonicalJson({ a: ["x\udfffy"] }), TypeError);
		assert.throws(() => canonicalJson({ "\udead": 1 }), TypeError);
		assert.equal(canonicalJson("\ud83d\ude00"), '"\ud83d\ude00"');
	});

	it("drops undefined members, writes undefined array items as null, and refuses non-JSON values", () => {
		assert.equal(canonicalJson({ b: undefined, a: [undefined, 1] }), '{"a":[null,1]}');
		assert.throws(() => canonicalJson(() => 1), TypeError);
		assert.throws(() => canonicalJson(undefined), TypeError);
		assert.throws(() => canonicalJson(10n), TypeError);
	});

	it("agrees with canonicalize, the RFC authors' implementation, on arbitrary JSON values", () => {
		// Differential check against the reference library (a dev dependency; docs/deps.md says why the
		// runtime keeps this function): same text, or both refuse (lone surrogates).
		const outcome = (serialize: (value: unknown) => string | undefined, value: unknown) => {
			try {
				return serialize(value);
			} catch {
				return "refused";
			}
		};
		fc.assert(
			fc.property(fc.jsonValue({ depthSize: "medium" }), (value) => {
				assert.equal(outcome(canonicalJson, value), outcome(canonicalize, value));
			}),
			{ numRuns: 2_000 },
		);
	});
});
