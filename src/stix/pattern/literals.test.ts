// The constant checks on their own: IP/CIDR parsing, timestamps and their order, hex and base64.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkBase64, checkHex, checkTimestamp, compareTimestamps, parseCidr } from "./literals.ts";

describe("parseCidr", () => {
	const valid: [string, 4 | 6][] = [
		["0.0.0.0/0", 4],
		["198.51.100.1", 4],
		["198.51.100.0/24", 4],
		["255.255.255.255/32", 4],
		["::", 6],
		["::1/128", 6],
		["2001:db8::/32", 6],
		["2001:0db8:dead:beef:0000:0000:0000:0000/64", 6],
		["fe80::1:2:3:4", 6],
		["::ffff:198.51.100.1", 6],
		["1:2:3:4:5:6:7::", 6],
	];
	for (const [text, family] of valid) {
		it(`accepts ${text}`, () => assert.deepEqual(parseCidr(text), { family }));
	}
	const invalid = [
		"",
		"1.2.3",
		"1.2.3.4.5",
		"01.2.3.4",
		"256.1.1.1",
		"1.2.3.4/",
		"1.2.3.4/33",
		"1.2.3.4/-1",
		"::/129",
		"1:2:3:4:5:6:7:8:9",
		"1::2::3",
		"12345::",
		"g::1",
		"1.2.3.4/24/1",
	];
	for (const text of invalid) {
		it(`rejects ${JSON.stringify(text)}`, () => assert.ok("message" in parseCidr(text)));
	}
});

describe("timestamps", () => {
	it("accepts leap days, leap seconds and any fraction length", () => {
		for (const t of ["2024-02-29T00:00:00Z", "2000-02-29T23:59:60Z", "2016-12-31T23:59:59.123456789Z"]) {
			assert.equal(checkTimestamp(t), null, t);
		}
	});

	it("rejects impossible dates and other time zones", () => {
		for (const t of [
			"1900-02-29T00:00:00Z",
			"2021-04-31T00:00:00Z",
			"2021-00-10T00:00:00Z",
			"2021-01-01T00:60:00Z",
			"2021-01-01T00:00:00",
			"2021-01-01T00:00:00z",
			"2021-01-01T00:00:00ZZ",
		]) {
			assert.notEqual(checkTimestamp(t), null, t);
		}
	});

	it("orders instants whatever the fraction's length", () => {
		assert.equal(compareTimestamps("2020-01-01T00:00:00Z", "2020-01-01T00:00:00.000Z"), 0);
		assert.equal(compareTimestamps("2020-01-01T00:00:00.5Z", "2020-01-01T00:00:00.49999Z"), 1);
		assert.equal(compareTimestamps("2020-01-01T00:00:00Z", "2020-01-01T00:00:00.001Z"), -1);
		assert.equal(compareTimestamps("2019-12-31T23:59:59.999Z", "2020-01-01T00:00:00Z"), -1);
	});
});

describe("hex and base64", () => {
	it("checks hex digits and even length", () => {
		assert.equal(checkHex(""), null);
		assert.equal(checkHex("00ffAB"), null);
		assert.deepEqual(checkHex("0g"), { index: 1, message: "'g' is not a hex digit" });
		assert.deepEqual(checkHex("abc"), {
			index: 3,
			message: "hex constant has 3 digits; it needs an even number",
		});
	});

	it("checks padded base64, ignoring line breaks", () => {
		for (const ok of ["AAAA", "AA==", "AAA=", "dGhp\r\ncyBp"]) assert.equal(checkBase64(ok), null, ok);
		for (const bad of ["", "A", "AAAAA", "A===", "AA=A", "AA AA", "AA-_"])
			assert.notEqual(checkBase64(bad), null, bad);
	});
});
