// WatchMatcher: which entries an object names — CIDR containment both ways, ASNs, domains with sub-domains (also as
// a URL's host or an e-mail's domain), exact values — and nothing else.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import type { WatchEntry } from "../../store/index.ts";
import { WatchMatcher } from "./matcher.ts";

const entry = (id: string, kind: string, value: string): WatchEntry => ({
	id,
	organizationId: "identity--00000000-0000-4000-8000-0000000000a1",
	kind,
	value,
	label: "",
	createdAt: "2026-01-01T00:00:00.000Z",
	createdBy: "test",
});

const ENTRIES = [
	entry("office", "ipv4", "198.51.100.0/24"),
	entry("host", "ipv4", "192.0.2.10"),
	entry("v6", "ipv6", "2001:db8:abcd::/48"),
	entry("asn", "asn", "64496"),
	entry("domain", "domain", "example.org"),
	entry("hash", "sha256", "a".repeat(64)),
];

const indicator = (pattern: string): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--00000000-0000-4000-8000-000000000001",
	created: "2026-01-01T00:00:00.000Z",
	modified: "2026-01-01T00:00:00.000Z",
	pattern,
	pattern_type: "stix",
	valid_from: "2026-01-01T00:00:00Z",
});

const sco = (type: string, property: string, value: string | number): StixObject => ({
	type,
	spec_version: "2.1",
	id: `${type}--00000000-0000-4000-8000-000000000002`,
	[property]: value,
});

const matched = (object: StixObject): string[] =>
	new WatchMatcher(ENTRIES)
		.matches(object)
		.map((m) => `${m.entry.id}=${m.value}`)
		.sort();

describe("WatchMatcher", () => {
	it("an address inside a watched block, and the watched host itself", () => {
		assert.deepEqual(matched(indicator("[ipv4-addr:value = '198.51.100.77']")), ["office=198.51.100.77"]);
		assert.deepEqual(matched(sco("ipv4-addr", "value", "192.0.2.10")), ["host=192.0.2.10"]);
	});

	it("a block around a watched block or host (the object names a wider range)", () => {
		assert.deepEqual(matched(indicator("[ipv4-addr:value ISSUBSET '198.51.0.0/16']")), [
			"office=198.51.0.0/16",
		]);
		assert.deepEqual(matched(indicator("[ipv4-addr:value = '192.0.2.0/24']")), ["host=192.0.2.0/24"]);
		assert.deepEqual(matched(indicator("[ipv6-addr:value = '2001:db8::/32']")), ["v6=2001:db8::/32"]);
	});

	it("a block inside a watched block, and a neighbouring block that touches none", () => {
		assert.deepEqual(matched(indicator("[ipv4-addr:value = '198.51.100.128/25']")), [
			"office=198.51.100.128/25",
		]);
		assert.deepEqual(matched(indicator("[ipv4-addr:value = '198.51.101.0/24']")), []);
		assert.deepEqual(matched(indicator("[ipv4-addr:value = '192.0.2.11']")), []);
	});

	it("an ASN, a domain and its sub-domains (not a look-alike), a URL's host, an e-mail's domain, an exact hash", () => {
		assert.deepEqual(matched(sco("autonomous-system", "number", 64496)), ["asn=64496"]);
		assert.deepEqual(matched(sco("domain-name", "value", "mail.eu.example.org")), [
			"domain=mail.eu.example.org",
		]);
		assert.deepEqual(matched(sco("domain-name", "value", "notexample.org")), []);
		assert.deepEqual(matched(indicator("[url:value = 'https://cdn.example.org/x.js']")), [
			"domain=https://cdn.example.org/x.js",
		]);
		assert.deepEqual(matched(sco("email-addr", "value", "ceo@example.org")), ["domain=ceo@example.org"]);
		const hashes = new WatchMatcher(ENTRIES).entriesNaming({ kind: "sha256", value: "a".repeat(64) });
		assert.deepEqual(
			hashes.map((e) => e.id),
			["hash"],
		);
		assert.deepEqual(new WatchMatcher(ENTRIES).entriesNaming({ kind: "sha256", value: "b".repeat(64) }), []);
	});

	it("no entries: nothing, without reading the object", () => {
		assert.deepEqual(new WatchMatcher([]).matches(indicator("[ipv4-addr:value = '198.51.100.1']")), []);
	});
});
