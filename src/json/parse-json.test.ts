// Tests parseJson against the malformed-JSON rows of reliability-tests.md and real ATT&CK data.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedData } from "../../test/support/shared-data.ts";
import { AppError } from "../errors/index.ts";
import { jsonLimits } from "./limits.ts";
import { parseJson } from "./parse-json.ts";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function rejects(
	input: Uint8Array | string,
	code: string,
	message?: RegExp,
	limits = jsonLimits(),
): AppError {
	try {
		parseJson(input, limits);
	} catch (error) {
		assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
		assert.equal(error.code, code, error.message);
		if (message !== undefined) assert.match(error.message, message);
		return error;
	}
	assert.fail(`expected ${code}`);
}

describe("parseJson", () => {
	it("parses valid JSON from bytes and from strings", () => {
		assert.deepEqual(parseJson(utf8('{"a":[1,{"b":"c"}],"d":null}')), { a: [1, { b: "c" }], d: null });
		assert.deepEqual(parseJson('{"ü":"\\u00fc"}'), { ü: "ü" });
		assert.equal(parseJson("42"), 42);
	});

	it("strips a UTF-8 byte order mark", () => {
		assert.deepEqual(parseJson(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')])), { a: 1 });
		assert.deepEqual(parseJson('\ufeff{"a":1}'), { a: 1 });
	});

	it("rejects truncated input with the byte offset", () => {
		rejects('{"type":"bundle","objects":[{"id":"x"', "E_JSON_SYNTAX", /truncated JSON.*unclosed.*byte 37/);
		rejects('{"a":"abc', "E_JSON_SYNTAX", /inside a string/);
		rejects("", "E_JSON_SYNTAX", /end of input/);
	});

	it("rejects NaN, Infinity and trailing commas with a path", () => {
		rejects('{"a":[1,NaN]}', "E_JSON_SYNTAX", /NaN.*at \$\.a\[1\] \(byte 8\)/);
		rejects('{"a":Infinity}', "E_JSON_SYNTAX", /Infinity/);
		rejects('{"a":[1,2,]}', "E_JSON_SYNTAX", /trailing comma before '\]'/);
		rejects('{"a":1,}', "E_JSON_SYNTAX", /trailing comma before '\}'/);
		rejects('{"a":1} {}', "E_JSON_SYNTAX", /after the end/);
	});

	it("rejects invalid UTF-8 and lone surrogates", () => {
		const bytes = utf8('{"name":"ab"}');
		bytes[10] = 0xc3; // a lead byte followed by an ASCII byte
		rejects(bytes, "E_JSON_UTF8", /byte 10/);
		rejects(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]), "E_JSON_UTF8", /byte 1/); // encoded surrogate
		rejects('{"a":"\ud800"}', "E_JSON_UTF8", /character 6/);
	});

	it("rejects duplicate keys, naming the key and the path, nested too", () => {
		rejects('{"id":"a","id":"b"}', "E_JSON_DUPLICATE_KEY", /"id" at \$\.id \(byte 10\)/);
		const error = rejects(
			'{"objects":[{"id":"x"},{"id":"y","external_references":[{"url":"u","url":"v"}]}]}',
			"E_JSON_DUPLICATE_KEY",
			/"url" at \$\.objects\[1\]\.external_references\[0\]\.url/,
		);
		assert.equal(error.details?.key, "url");
		rejects('{"a":1,"\\u0061":2}', "E_JSON_DUPLICATE_KEY", /"a"/);
	});

	it("rejects __proto__ and constructor.prototype, leaving Object.prototype untouched", () => {
		rejects('{"__proto__":{"polluted":true}}', "E_JSON_FORBIDDEN_KEY", /"__proto__" at \$\.__proto__/);
		rejects('{"a":[{"\\u005f_proto__":{"polluted":true}}]}', "E_JSON_FORBIDDEN_KEY", /\$\.a\[0\]\.__proto__/);
		rejects(
			'{"constructor":{"prototype":{"polluted":true}}}',
			"E_JSON_FORBIDDEN_KEY",
			/constructor\.prototype/,
		);
		assert.deepEqual(parseJson('{"constructor":"a name","prototype":1}'), {
			constructor: "a name",
			prototype: 1,
		});
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
		assert.equal(Object.hasOwn(Object.prototype, "polluted"), false);
	});

	it("rejects nesting from 10^2 to 10^6 levels with a clear error, never a RangeError", () => {
		for (const levels of [100, 1_000, 10_000, 100_000, 1_000_000]) {
			const error = rejects(
				"[".repeat(levels) + "]".repeat(levels),
				"E_JSON_DEPTH",
				/limit of 64 levels at \$\[0\]/,
			);
			assert.equal(error.details?.offset, 64);
			rejects(`{"a":${'{"b":'.repeat(levels)}1${"}".repeat(levels + 1)}`, "E_JSON_DEPTH", /\$\.a\.b\.b/);
		}
		assert.deepEqual(parseJson("[".repeat(64) + "]".repeat(64)) !== undefined, true);
	});

	it("rejects oversized strings and documents, naming the limit", () => {
		const limits = jsonLimits({ maxStringBytes: 10, maxBytes: 100 });
		rejects('{"a":"0123456789"}', "E_JSON_STRING_TOO_LARGE", undefined, jsonLimits({ maxStringBytes: 9 }));
		assert.deepEqual(parseJson('{"a":"0123456789"}', limits), { a: "0123456789" });
		rejects(
			'{"objects":[{"name":"01234567890"}]}',
			"E_JSON_STRING_TOO_LARGE",
			/maxStringBytes\) at \$\.objects\[0\]\.name/,
			limits,
		);
		rejects(`[${'"a",'.repeat(30)}1]`, "E_JSON_TOO_LARGE", /maxBytes/, limits);
	});

	it("parses ATT&CK Enterprise (37 MB) to the same value as JSON.parse", () => {
		const bytes = readFileSync(sharedData("stix20", "attack", "enterprise-attack-assembled.json"));
		const ours = parseJson(bytes) as { objects: { id: string }[] };
		const native = JSON.parse(bytes.toString("utf8")) as { objects: { id: string }[] };
		assert.equal(ours.objects.length, 24_771);
		assert.deepEqual(ours, native);
	});
});

describe("lone surrogates", () => {
	it("refuses a lone UTF-16 surrogate escape in a value or a key, naming its path", () => {
		assert.throws(
			() => parseJson('{"type":"note","content":"a\\ud800b"}'),
			(error: unknown) =>
				error instanceof AppError && error.code === "E_JSON_UTF8" && /\$\.content/.test(error.message),
		);
		assert.throws(() => parseJson('{"x\\udfff":1}'), /lone UTF-16 surrogate/);
	});

	it("accepts a well-formed surrogate pair", () => {
		assert.deepEqual(parseJson('{"s":"\\ud83d\\ude00"}'), { s: "😀" });
	});
});
