import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
	it("sorts keys by UTF-16 code units and drops whitespace (RFC 8785 §3.2.3 example keys)", () => {
		const value = {
			"\u20ac": "Euro Sign",
			"\r": "Carriage Return",
			"\ufb33": "Hebrew",
			"1": "One",
			"\u00c5": "A ring",
			"\ud83d\ude00": "Smiley",
		};
		assert.equal(
			canonicalJson(value),
			'{"\\r":"Carriage Return","1":"One","\u00c5":"A ring","\u20ac":"Euro Sign","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}',
		);
	});

	it("serializes numbers in ECMAScript shortest form (RFC 8785 appendix B)", () => {
		assert.equal(
			canonicalJson([1e21, 1e-7, -0, 333333333.3333333, 4.5, 2e-3]),
			"[1e+21,1e-7,0,333333333.3333333,4.5,0.002]",
		);
	});

	it("escapes strings minimally and nests", () => {
		assert.equal(
			canonicalJson({ b: [null, true, '\u0007"/'], a: {} }),
			'{"a":{},"b":[null,true,"\\u0007\\"/"]}',
		);
	});

	it("rejects values JSON cannot carry", () => {
		assert.throws(() => canonicalJson(Number.NaN), TypeError);
		assert.throws(() => canonicalJson(() => 1), TypeError);
	});
});
