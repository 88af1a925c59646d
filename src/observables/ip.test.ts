// parseCidr() and cidrContains(): IP values of both versions as bytes, and containment.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrContains, parseCidr } from "./ip.ts";

describe("parseCidr", () => {
	it("parses an IPv4 address as a /32", () => {
		assert.deepEqual(parseCidr("198.51.100.7"), {
			version: 4,
			bytes: Uint8Array.of(198, 51, 100, 7),
			prefix: 32,
		});
	});
	it("clears host bits of a block", () => {
		assert.deepEqual(parseCidr("10.1.2.3/8"), { version: 4, bytes: Uint8Array.of(10, 0, 0, 0), prefix: 8 });
		assert.deepEqual(
			parseCidr("2001:db8:ffff::/33")?.bytes.slice(0, 6),
			Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0x80, 0),
		);
	});
	it("reads IPv4-mapped IPv6 as IPv4", () => {
		assert.deepEqual(parseCidr("::ffff:198.51.100.7"), parseCidr("198.51.100.7"));
	});
	it("is undefined for what normalise refuses", () => {
		for (const bad of [
			"010.1.1.1",
			"1.2.3",
			"1.2.3.4/33",
			"fe80::1%eth0",
			"evil.example",
			"",
			"1".repeat(200),
		])
			assert.equal(parseCidr(bad), undefined, bad);
	});
});

describe("cidrContains", () => {
	const CASES: [string, string, boolean][] = [
		["10.0.0.0/8", "10.1.2.3", true],
		["10.0.0.0/8", "10.255.255.255", true],
		["10.0.0.0/8", "11.0.0.0", false],
		["10.0.0.0/8", "10.0.0.0/8", true],
		["10.0.0.0/8", "10.128.0.0/9", true],
		["10.128.0.0/9", "10.0.0.0/8", false],
		["10.0.0.0/9", "10.128.0.1", false],
		["0.0.0.0/0", "203.0.113.1", true],
		["198.51.100.7", "198.51.100.7", true],
		["198.51.100.7", "198.51.100.8", false],
		["2001:db8::/32", "2001:db8:1::1", true],
		["2001:db8::/32", "2001:db9::1", false],
		["2001:db8::/31", "2001:db9::1", true],
		["::/0", "2001:db8::1", true],
		["::/0", "198.51.100.7", false],
		["0.0.0.0/0", "2001:db8::1", false],
		["not an ip", "10.0.0.1", false],
	];
	for (const [outer, inner, expected] of CASES) {
		it(`${outer} ${expected ? "contains" : "does not contain"} ${inner}`, () =>
			assert.equal(cidrContains(outer, inner), expected));
	}
});
