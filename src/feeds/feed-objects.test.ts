// valueIndicator: the indicators a pull hands ingest as `built` (not validated again, D55) are valid STIX for a value
// of every kind, with and without what a list may add (first-seen, comment, confidence, markings).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalise, OBSERVABLE_KINDS, type ObservableKind } from "../observables/index.ts";
import { validateObject } from "../stix/validate/index.ts";
import { defineFeed } from "./define-feed.ts";
import { valueIndicator } from "./feed-objects.ts";

/** One raw value per kind, some needing normalisation or quoting in a pattern (quotes, backslashes). */
const RAW: Readonly<Record<ObservableKind, string>> = {
	ipv4: "198.51.100.7",
	ipv6: "2001:DB8::1",
	domain: "Evil.Example.COM",
	url: "https://evil.example/a?q='x'&b=\\c",
	email: "alice@evil.example",
	md5: "d41d8cd98f00b204e9800998ecf8427e",
	sha1: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	sha512: "a".repeat(128),
	ssdeep: "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C",
	tlsh: `T1${"AB".repeat(35)}`,
	filename: "in'voice\\.exe",
	asn: "AS64496",
	mutex: "Global\\evil'mutex",
	"registry-key": "HKLM\\Software\\Run",
	"user-agent": "Mozilla/5.0 (X11; 'Linux' x86_64)",
	ja3: "E7D705A3286E19EA42F587B344EE6865",
	ja4: "t13d1516h2_8daaf6152771_02713d6af862",
	wallet: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
};

const NOW = "2026-03-01T00:00:00.000Z";
const TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const ORG = "identity--11111111-1111-4111-8111-111111111111";

describe("valueIndicator", () => {
	const plain = defineFeed(
		{ name: "plain", url: "https://feeds.example/list.txt", format: "text" },
		{ organizationId: ORG, createdBy: "test", now: new Date(NOW) },
	);
	const dressed = defineFeed(
		{
			name: "dressed",
			url: "https://feeds.example/list.csv",
			format: "text",
			confidence: 70,
			markings: [TLP_GREEN],
		},
		{ organizationId: ORG, createdBy: "test", now: new Date(NOW) },
	);
	for (const kind of OBSERVABLE_KINDS) {
		it(`makes a valid indicator of a ${kind} value`, () => {
			const observable = normalise(kind, RAW[kind]);
			for (const [feed, value] of [
				[plain, { observable }],
				[dressed, { observable, firstSeen: "2026-02-01T10:00:00Z", comment: "seen in 'phishing' \\ C2" }],
			] as const) {
				const errors = validateObject(valueIndicator(feed, value, NOW, NOW)).filter(
					(issue) => issue.severity === "error",
				);
				assert.deepEqual(errors, [], `${kind} ${observable.value}`);
			}
		});
	}
});
