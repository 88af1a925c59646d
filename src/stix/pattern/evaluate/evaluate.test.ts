// The evaluator against the examples of STIX 2.1 §9 (patterns as the spec writes them) over hand-made observations.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluatePattern } from "./index.ts";

type Obj = Record<string, unknown>;

function observed(id: string, refs: string[], first: string, last = first, count = 1): Obj {
	return {
		type: "observed-data",
		id: `observed-data--${id}`,
		first_observed: first,
		last_observed: last,
		number_observed: count,
		object_refs: refs,
	};
}

const IP_A = { type: "ipv4-addr", id: "ipv4-addr--a", value: "198.51.100.1" };
const IP_B = { type: "ipv4-addr", id: "ipv4-addr--b", value: "203.0.113.33" };
const IP6 = { type: "ipv6-addr", id: "ipv6-addr--a", value: "2001:db8:dead:beef::1" };
const DOMAIN = {
	type: "domain-name",
	id: "domain-name--a",
	value: "example.com",
	resolves_to_refs: ["ipv4-addr--a"],
};
const TRAFFIC = {
	type: "network-traffic",
	id: "network-traffic--a",
	src_ref: "ipv4-addr--a",
	dst_ref: "ipv4-addr--b",
	dst_port: 443,
	protocols: ["ipv4", "tcp", "ssl"],
	extensions: { "http-request-ext": { request_method: "get", request_header: { Host: "example.com" } } },
};
const FILE = {
	type: "file",
	id: "file--a",
	name: "foo.dll",
	size: 25537,
	hashes: {
		"SHA-256": "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f",
		MD5: "3773a88f65a5e780c8dff9cdc3a056f3",
	},
	magic_number_hex: "4d5a",
	ctime: "2016-01-20T14:11:25.55Z",
	extensions: {
		"windows-pebinary-ext": {
			pe_type: "dll",
			sections: [
				{ name: ".text", entropy: 6.1 },
				{ name: ".data", entropy: 7.9 },
			],
		},
	},
};
const FILE_2 = { type: "file", id: "file--b", name: "pdf.exe", size: 5 };
const USER = { type: "user-account", id: "user-account--a", account_login: "fred", is_disabled: true };

const OBJECTS: Obj[] = [
	IP_A,
	IP_B,
	IP6,
	DOMAIN,
	TRAFFIC,
	FILE,
	FILE_2,
	USER,
	observed("1", ["ipv4-addr--a"], "2020-01-01T00:00:00Z"),
	observed("2", ["network-traffic--a", "ipv4-addr--b"], "2020-01-01T00:01:00Z"),
	observed("3", ["domain-name--a"], "2020-01-01T00:02:00Z", "2020-01-01T00:03:00Z", 3),
	observed("4", ["file--a", "file--b"], "2020-01-01T00:10:00Z"),
	observed("5", ["ipv6-addr--a", "user-account--a"], "2020-01-02T00:00:00Z"),
];

/** [pattern, matches?] — §9.6.1's operators, §9.5's operators and qualifiers, §9.7's paths. */
const TABLE: [string, boolean][] = [
	// = and != on strings, numbers, booleans, timestamps, binary and hex
	["[ipv4-addr:value = '198.51.100.1']", true],
	["[ipv4-addr:value = '198.51.100.2']", false],
	["[ipv4-addr:value != '198.51.100.1']", true], // 203.0.113.33 is not
	["[file:size = 25537]", true],
	["[file:size = 25537.0]", true],
	["[file:size != 5 AND file:name = 'pdf.exe']", false],
	["[user-account:is_disabled = true]", true],
	["[user-account:is_disabled = false]", false],
	["[file:ctime = t'2016-01-20T14:11:25.550Z']", true],
	["[file:ctime > t'2016-01-20T14:11:25.549Z']", true],
	["[file:magic_number_hex = h'4d5a']", true],
	["[file:magic_number_hex = b'TVo=']", true],
	["[file:name = b'Zm9vLmRsbA==']", true], // a string whose characters are all below U+0100 compares as bytes
	["[file:size = '25537']", false], // a string is not a number
	// ordering
	["[file:size > 25536]", true],
	["[file:size >= 25538]", false],
	["[file:size < 10]", true],
	["[file:size NOT < 10 AND file:name = 'pdf.exe']", false],
	["[file:name > 'foo']", true], // 'foo.dll' and 'pdf.exe'
	["[file:name <= 'a']", false],
	// IN
	["[file:name IN ('a.exe', 'pdf.exe')]", true],
	["[file:size IN (1, 2, 3)]", false],
	["[file:name NOT IN ('foo.dll', 'pdf.exe')]", false],
	// LIKE, MATCHES
	["[file:name LIKE '%.dll']", true],
	["[file:name LIKE 'foo._ll']", true],
	["[file:name LIKE 'foo']", false],
	["[file:name NOT LIKE '%.dll' AND file:name = 'foo.dll']", false],
	["[file:name MATCHES '^[a-z]+\\\\.exe$']", true],
	["[file:name MATCHES 'DLL']", false],
	["[file:name MATCHES '(?i:DLL)']", true],
	["[file:magic_number_hex MATCHES '^MZ']", true], // binary data as one character per byte
	// ISSUBSET, ISSUPERSET
	["[ipv4-addr:value ISSUBSET '198.51.100.0/24']", true],
	["[ipv4-addr:value ISSUBSET '198.51.101.0/24']", false],
	["[ipv6-addr:value ISSUBSET '2001:db8::/32']", true],
	["[ipv4-addr:value NOT ISSUBSET '198.51.100.0/24' AND ipv4-addr:value = '203.0.113.33']", true],
	["[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24']", true],
	["[ipv4-addr:value ISSUPERSET '198.51.100.1']", true],
	// EXISTS
	["[EXISTS file:extensions.'windows-pebinary-ext']", true],
	["[NOT EXISTS file:extensions.'windows-pebinary-ext' AND file:name = 'pdf.exe']", true],
	["[NOT EXISTS file:extensions.'windows-pebinary-ext' AND file:name = 'foo.dll']", false],
	// paths: dictionaries, lists, references, extensions
	["[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']", true],
	["[file:hashes.MD5 = '3773a88f65a5e780c8dff9cdc3a056f3']", true],
	["[network-traffic:protocols[*] = 'tcp']", true],
	["[network-traffic:protocols[1] = 'tcp']", true],
	["[network-traffic:protocols[0] = 'tcp']", false],
	["[network-traffic:protocols[9] = 'tcp']", false],
	["[network-traffic:src_ref.value = '198.51.100.1']", true],
	["[domain-name:resolves_to_refs[*].value = '198.51.100.1']", true],
	["[domain-name:resolves_to_refs[0].value = '203.0.113.33']", false],
	["[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.5]", true],
	["[network-traffic:extensions.'http-request-ext'.request_header.Host = 'example.com']", true],
	// AND inside [ ] is one object; OR may be two
	["[file:name = 'foo.dll' AND file:size = 5]", false],
	["[file:name = 'foo.dll' OR file:size = 5]", true],
	["[file:name = 'pdf.exe' AND (file:size = 5 OR file:size = 6)]", true],
	["[ipv4-addr:value = '1.1.1.1' OR file:name = 'pdf.exe']", true],
	// observation operators
	["[ipv4-addr:value = '198.51.100.1'] AND [file:name = 'foo.dll']", true],
	["[ipv4-addr:value = '198.51.100.1'] AND [ipv4-addr:value = '198.51.100.1']", false], // two observations needed
	["[ipv4-addr:value = '10.0.0.1'] OR [file:name = 'foo.dll']", true],
	["[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [file:name = 'foo.dll']", true],
	["[file:name = 'foo.dll'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.1']", false],
	// qualifiers
	[
		"([ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [network-traffic:dst_port = 443]) WITHIN 60 SECONDS",
		true,
	],
	[
		"([ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [network-traffic:dst_port = 443]) WITHIN 59.5 SECONDS",
		false,
	],
	["([ipv4-addr:value = '198.51.100.1'] AND [file:name = 'foo.dll']) WITHIN 600 SECONDS", true],
	["([ipv4-addr:value = '198.51.100.1'] AND [file:name = 'foo.dll']) WITHIN 599 SECONDS", false],
	["[domain-name:value = 'example.com'] REPEATS 3 TIMES", true], // number_observed 3
	["[domain-name:value = 'example.com'] REPEATS 4 TIMES", false],
	["[ipv4-addr:value = '198.51.100.1'] REPEATS 2 TIMES", false],
	["[domain-name:value = 'example.com'] START t'2020-01-01T00:02:30Z' STOP t'2020-01-01T00:04:00Z'", true],
	["[domain-name:value = 'example.com'] START t'2020-01-01T00:03:01Z' STOP t'2020-01-01T00:04:00Z'", false],
	["[ipv4-addr:value = '198.51.100.1'] START t'2019-12-31T00:00:00Z' STOP t'2020-01-01T00:00:00Z'", false], // STOP excluded
	["[ipv4-addr:value = '198.51.100.1'] START t'2020-01-01T00:00:00Z' STOP t'2020-01-01T00:00:01Z'", true],
];

describe("evaluatePattern: §9 examples", () => {
	for (const [pattern, expected] of TABLE) {
		it(`${expected ? "matches" : "does not match"}: ${pattern}`, () => {
			const result = evaluatePattern(pattern, OBJECTS);
			assert.ok(result.ok, JSON.stringify(result));
			assert.equal(result.matched, expected);
			assert.deepEqual(result.issues, []);
		});
	}
});

describe("evaluatePattern: bindings", () => {
	it("names the observation bound to each [ ] and the SCOs that satisfied it", () => {
		const result = evaluatePattern(
			"[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [file:name = 'foo.dll']",
			OBJECTS,
		);
		assert.ok(result.ok);
		assert.deepEqual(result.bindings, [
			[
				{ leafOffset: 0, index: 8, id: "observed-data--1", objects: ["ipv4-addr--a"], copy: 0 },
				{ leafOffset: 46, index: 11, id: "observed-data--4", objects: ["file--a"], copy: 0 },
			],
		]);
	});

	it("counts number_observed as separate observations for REPEATS", () => {
		const result = evaluatePattern("[domain-name:value = 'example.com'] REPEATS 3 TIMES", OBJECTS);
		assert.ok(result.ok);
		assert.deepEqual(
			result.bindings[0]?.map((b) => [b.id, b.copy]),
			[
				["observed-data--3", 0],
				["observed-data--3", 1],
				["observed-data--3", 2],
			],
		);
	});

	it("evaluates bare SCOs as observations without time, and says so when a time constraint let them pass", () => {
		const bare = [IP_A, FILE_2];
		const plain = evaluatePattern("[file:name = 'pdf.exe']", bare);
		assert.ok(plain.ok && plain.matched && !plain.timeUnchecked);
		const timed = evaluatePattern(
			"[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [file:name = 'pdf.exe']",
			bare,
		);
		assert.ok(timed.ok && timed.matched && timed.timeUnchecked);
	});

	it("evaluates a STIX 2.0 observed-data with its objects dictionary, references by key", () => {
		const od20 = {
			type: "observed-data",
			id: "observed-data--20",
			first_observed: "2017-01-01T00:00:00Z",
			last_observed: "2017-01-01T00:00:00Z",
			number_observed: 1,
			objects: {
				"0": { type: "ipv4-addr", value: "10.0.0.1" },
				"1": { type: "network-traffic", src_ref: "0", protocols: ["tcp"] },
			},
		};
		const result = evaluatePattern("[network-traffic:src_ref.value = '10.0.0.1']", [od20]);
		assert.ok(result.ok && result.matched);
		assert.deepEqual(result.bindings[0]?.[0]?.objects, ["1"]);
	});

	it("reports input problems with their paths and skips those observations", () => {
		const bad = [
			{ ...observed("x", ["ipv4-addr--zz"], "2020-13-01T00:00:00Z") },
			observed("y", ["ipv4-addr--zz"], "2020-01-01T00:00:00Z"),
			{ type: "malware", id: "malware--1" },
			7,
		];
		const result = evaluatePattern("[ipv4-addr:value = '1.2.3.4']", bad);
		assert.ok(result.ok && !result.matched);
		assert.deepEqual(
			result.issues.map((i) => i.path),
			[[0, "first_observed"], [1, "object_refs", 0], [2, "type"], [3]],
		);
	});

	it("accepts a parsed pattern as well as its text", () => {
		const result = evaluatePattern("[file:name = 'foo.dll']", [FILE]);
		assert.ok(result.ok && result.matched);
	});
});
