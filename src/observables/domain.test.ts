// registrableDomain() and parentDomains(): public-suffix-aware, private suffixes counted.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parentDomains, registrableDomain } from "./domain.ts";

describe("registrableDomain", () => {
	const CASES: [string, string | undefined][] = [
		["a.b.evil.co.uk", "evil.co.uk"],
		["evil.example.com", "example.com"],
		["x.evil.duckdns.org", "evil.duckdns.org"],
		["abc-.blogspot.com", "abc-.blogspot.com"],
		["co.uk", undefined],
		["com", undefined],
	];
	for (const [domain, expected] of CASES) it(domain, () => assert.equal(registrableDomain(domain), expected));
});

describe("parentDomains", () => {
	const CASES: [string, string[]][] = [
		["a.b.evil.co.uk", ["b.evil.co.uk", "evil.co.uk"]],
		["www.evil.example.com", ["evil.example.com", "example.com"]],
		["x.y.evil.duckdns.org", ["y.evil.duckdns.org", "evil.duckdns.org"]],
		["evil.co.uk", []],
		["co.uk", []],
	];
	for (const [domain, expected] of CASES) it(domain, () => assert.deepEqual(parentDomains(domain), expected));
});
