// observablesOf(): values in SCOs and in indicator patterns; comparisons that are not values give nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import { type FoundObservable, observablesOf } from "./observables-of.ts";

const indicator = (pattern: string, patternType?: string): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	pattern,
	...(patternType === undefined ? {} : { pattern_type: patternType }),
});

const found = (
	kind: FoundObservable["kind"],
	value: string,
	path: string,
	source: FoundObservable["source"],
) => ({
	kind,
	value,
	path,
	source,
});

const SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("observablesOf an indicator", () => {
	const CASES: [string, string, FoundObservable[]][] = [
		[
			"= on a value",
			"[ipv4-addr:value = '198.51.100.7']",
			[found("ipv4", "198.51.100.7", "ipv4-addr:value", "pattern")],
		],
		[
			"IN names every member, normalised and deduplicated",
			"[file:hashes.MD5 IN ('D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e', '0cc175b9c0f1b6a831c399e269772661')]",
			[
				found("md5", "d41d8cd98f00b204e9800998ecf8427e", "file:hashes.MD5", "pattern"),
				found("md5", "0cc175b9c0f1b6a831c399e269772661", "file:hashes.MD5", "pattern"),
			],
		],
		[
			"ISSUBSET names the block, host bits cleared",
			"[ipv4-addr:value ISSUBSET '10.1.2.3/8']",
			[found("ipv4", "10.0.0.0/8", "ipv4-addr:value", "pattern")],
		],
		[
			"every comparison of every observation",
			`[domain-name:value = 'Evil.Example.' OR file:hashes.'SHA-256' = '${SHA256.toUpperCase()}'] FOLLOWEDBY [autonomous-system:number = 64496] WITHIN 600 SECONDS`,
			[
				found("domain", "evil.example", "domain-name:value", "pattern"),
				found("sha256", SHA256, "file:hashes.'SHA-256'", "pattern"),
				found("asn", "64496", "autonomous-system:number", "pattern"),
			],
		],
		[
			"hash keys as STIX 2.0 tools wrote them",
			`[file:hashes.'SHA256' = '${SHA256}' OR file:hashes.sha256 = '${SHA256}']`,
			[
				found("sha256", SHA256, "file:hashes.SHA256", "pattern"),
				found("sha256", SHA256, "file:hashes.sha256", "pattern"),
			],
		],
		[
			"a referenced value's kind told by its shape",
			"[network-traffic:dst_ref.value = 'c2.evil.example' AND network-traffic:src_ref.value ISSUBSET '2001:db8::/32'] OR [email-message:from_ref.value = 'a@evil.example']",
			[
				found("domain", "c2.evil.example", "network-traffic:dst_ref.value", "pattern"),
				found("ipv6", "2001:db8::/32", "network-traffic:src_ref.value", "pattern"),
				found("email", "a@evil.example", "email-message:from_ref.value", "pattern"),
			],
		],
		[
			"a defanged value in a pattern is refanged",
			"[url:value = 'hxxp://evil[.]example/x']",
			[found("url", "http://evil.example/x", "url:value", "pattern")],
		],
		[
			"registry key, mutex, file name, user agent",
			"[windows-registry-key:key = 'HKLM\\\\Software\\\\Run' OR mutex:name = 'Global\\\\m' OR file:name = 'a.exe' OR network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'curl/8.0']",
			[
				found("registry-key", "HKEY_LOCAL_MACHINE\\Software\\Run", "windows-registry-key:key", "pattern"),
				found("mutex", "Global\\m", "mutex:name", "pattern"),
				found("filename", "a.exe", "file:name", "pattern"),
				found(
					"user-agent",
					"curl/8.0",
					"network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'",
					"pattern",
				),
			],
		],
		["no pattern_type (STIX 2.0) is a STIX pattern", "[url:value = 'http://evil.example/']", []],
	];
	for (const [name, pattern, expected] of CASES.slice(0, -1)) {
		it(name, () => assert.deepEqual(observablesOf(indicator(pattern, "stix")), expected));
	}
	it("reads an indicator without pattern_type (STIX 2.0) as STIX", () => {
		assert.deepEqual(observablesOf(indicator("[url:value = 'http://evil.example/']")), [
			found("url", "http://evil.example/", "url:value", "pattern"),
		]);
	});

	const NOT_VALUES = [
		"[ipv4-addr:value != '198.51.100.7']",
		"[ipv4-addr:value NOT = '198.51.100.7']",
		"[domain-name:value LIKE '%.evil.example']",
		"[domain-name:value MATCHES '^evil\\\\.']",
		"[ipv4-addr:value ISSUPERSET '198.51.100.7']",
		"[file:size > 1000]",
		"[domain-name:value NOT IN ('a.example', 'b.example')]",
		"[file:hashes.'SHA-3-256' = 'abc']",
		"[x-custom:value = 'evil.example']",
		"[hostname:value = 'evil.example']",
		"[ipv4-addr:value = '010.1.1.1']",
		"[ipv4-addr:value = ",
	];
	for (const pattern of NOT_VALUES) {
		it(`finds nothing in ${pattern}`, () => assert.deepEqual(observablesOf(indicator(pattern, "stix")), []));
	}
	it("reads a plain comparison the same with or without the parser (hash spellings, quotes, defangs)", () => {
		for (const pattern of [
			"[file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855']",
			"[file:hashes.sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
			"[artifact:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']",
			"[ipv4-addr:value = '198.51.100[.]7']",
			"[ipv6-addr:value = '::ffff:198.51.100.7']",
			"[file:name = 'it\\'s.exe']",
			"[domain-name:value = 'not a domain']",
			"[autonomous-system:number = '64496']",
			"[hostname:value = 'evil.example']",
			"[cryptocurrency-wallet:value = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']",
		]) {
			const grouped = `[(${pattern.slice(1, -1)})]`;
			assert.deepEqual(
				observablesOf(indicator(pattern, "stix")),
				observablesOf(indicator(grouped, "stix")),
				pattern,
			);
		}
	});

	it("reads plain comparisons joined by AND or OR the same with or without the parser", () => {
		const md5 = "d41d8cd98f00b204e9800998ecf8427e";
		const sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
		for (const pattern of [
			`[file:hashes.'SHA-256' = '${sha256}' AND file:hashes.MD5 = '${md5}']`,
			`[file:hashes.MD5 = '${md5}' AND file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' AND file:name = 'a.exe']`,
			"[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'evil.example' OR url:value = 'http://evil.example/a']",
			`[file:hashes.MD5 = '${md5}' AND ipv4-addr:value = '198.51.100.7']`,
			"[ipv4-addr:value = '198.51.100.7' AND ipv4-addr:value = '198.51.100.8' OR domain-name:value = 'a.example']",
			"[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '198.51.100.7']",
			"[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = 'x']",
			"[ipv4-addr:value = '198.51.100.7' OR autonomous-system:number = '64496']",
		]) {
			const grouped = `[(${pattern.slice(1, -1)})]`;
			assert.deepEqual(
				observablesOf(indicator(pattern, "stix")),
				observablesOf(indicator(grouped, "stix")),
				pattern,
			);
		}
		const both = observablesOf(
			indicator(`[file:hashes.'SHA-256' = '${sha256}' AND file:hashes.MD5 = '${md5}']`, "stix"),
		);
		assert.deepEqual(
			both.map((o) => o.kind),
			["sha256", "md5"],
		);
	});

	it("finds nothing in a pattern of another language", () => {
		assert.deepEqual(observablesOf(indicator("alert tcp any any -> 198.51.100.7 any", "snort")), []);
		assert.deepEqual(observablesOf({ type: "indicator", id: "indicator--x", pattern_type: "stix" }), []);
	});
});

describe("observablesOf an SCO", () => {
	it("reads every hash and the name of a file, skipping unknown algorithms", () => {
		const file = {
			type: "file",
			id: "file--x",
			name: "invoice.pdf.exe",
			hashes: { MD5: "D41D8CD98F00B204E9800998ECF8427E", "SHA-256": SHA256, IMPHASH: "x", "SHA3-256": "y" },
		};
		assert.deepEqual(observablesOf(file), [
			found("filename", "invoice.pdf.exe", "file:name", "sco"),
			found("md5", "d41d8cd98f00b204e9800998ecf8427e", "file:hashes.MD5", "sco"),
			found("sha256", SHA256, "file:hashes.'SHA-256'", "sco"),
		]);
	});
	it("reads addresses, including one filed under the other version and a defanged one", () => {
		assert.deepEqual(observablesOf({ type: "ipv4-addr", id: "x", value: "198.51.100.0/24" }), [
			found("ipv4", "198.51.100.0/24", "ipv4-addr:value", "sco"),
		]);
		assert.deepEqual(observablesOf({ type: "ipv4-addr", id: "x", value: "2001:db8::1" }), [
			found("ipv6", "2001:db8::1", "ipv4-addr:value", "sco"),
		]);
		assert.deepEqual(
			observablesOf({ type: "domain-name", id: "x", value: "evil[.]example", defanged: true }),
			[found("domain", "evil.example", "domain-name:value", "sco")],
		);
	});
	it("reads the one value of each value-carrying SCO", () => {
		const CASES: [StixObject, FoundObservable][] = [
			[
				{ type: "url", id: "x", value: "HTTP://Evil.example" },
				found("url", "http://evil.example/", "url:value", "sco"),
			],
			[
				{ type: "email-addr", id: "x", value: "A@Evil.example" },
				found("email", "A@evil.example", "email-addr:value", "sco"),
			],
			[
				{ type: "autonomous-system", id: "x", number: 64496 },
				found("asn", "64496", "autonomous-system:number", "sco"),
			],
			[{ type: "mutex", id: "x", name: "m" }, found("mutex", "m", "mutex:name", "sco")],
			[
				{ type: "windows-registry-key", id: "x", key: "hkcu\\Run" },
				found("registry-key", "HKEY_CURRENT_USER\\Run", "windows-registry-key:key", "sco"),
			],
			[
				{ type: "artifact", id: "x", hashes: { "SHA-256": SHA256 } },
				found("sha256", SHA256, "artifact:hashes.'SHA-256'", "sco"),
			],
			[
				{ type: "x-cryptocurrency-wallet", id: "x", value: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa" },
				found("wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "x-cryptocurrency-wallet:value", "sco"),
			],
		];
		for (const [sco, expected] of CASES) assert.deepEqual(observablesOf(sco), [expected]);
	});
	it("reads the User-Agent header and TLS fingerprints of network traffic", () => {
		const traffic = {
			type: "network-traffic",
			id: "x",
			extensions: {
				"http-request-ext": {
					request_method: "get",
					request_value: "/",
					request_header: { "user-agent": "curl/8.0" },
				},
				"x-tls-ext": { ja3: "E7D705A3286E19EA42F587B344EE6865" },
			},
		};
		assert.deepEqual(observablesOf(traffic), [
			found(
				"user-agent",
				"curl/8.0",
				"network-traffic:extensions.'http-request-ext'.request_header.'user-agent'",
				"sco",
			),
			found("ja3", "e7d705a3286e19ea42f587b344ee6865", "network-traffic:extensions.'x-tls-ext'.ja3", "sco"),
		]);
	});
	it("finds nothing in objects that name no value, or whose values do not normalise", () => {
		for (const object of [
			{ type: "malware", id: "malware--x", name: "evil.example" },
			{ type: "domain-name", id: "x", value: "not a domain" },
			{ type: "file", id: "x", hashes: "not a dictionary" },
			{ type: "autonomous-system", id: "x", number: -1 },
			{ type: "mac-addr", id: "x", value: "00:00:5e:00:53:01" },
		])
			assert.deepEqual(observablesOf(object), [], object.type);
	});
});
