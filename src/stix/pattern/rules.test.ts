// The §9 rules the grammar cannot express, each with the offset and message of its error.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPattern, parsePattern } from "./index.ts";

const IP = "[ipv4-addr:value = '1.2.3.4']";

/** [pattern, offset, message]. */
const RULE_ERRORS: [string, number, string][] = [
	// §9.5.1 qualifiers
	[`${IP} WITHIN 0 SECONDS`, 37, "WITHIN needs a positive number of seconds, not 0"],
	[`${IP} WITHIN 0.0 SECONDS`, 37, "WITHIN needs a positive number of seconds, not 0"],
	[`${IP} WITHIN -0.5 SECONDS`, 37, "WITHIN needs a positive number of seconds, not -0.5"],
	[`${IP} REPEATS 0 TIMES`, 38, "REPEATS needs a positive integer, not 0"],
	[`${IP} REPEATS -1 TIMES`, 38, "REPEATS needs a positive integer, not -1"],
	[
		`${IP} WITHIN 5 SECONDS WITHIN 6 SECONDS`,
		54,
		"an observation expression may have only one WITHIN qualifier (§9.5.1)",
	],
	[
		`${IP} REPEATS 2 TIMES REPEATS 3 TIMES`,
		54,
		"an observation expression may have only one REPEATS qualifier (§9.5.1)",
	],
	[
		`(${IP}) START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z' START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'`,
		97,
		"an observation expression may have only one START/STOP qualifier (§9.5.1)",
	],
	[
		`${IP} START t'2021-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00Z'`,
		65,
		"STOP t'2020-01-01T00:00:00Z' must be later than START t'2021-01-01T00:00:00Z'",
	],
	[
		`${IP} START t'2021-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00.000Z'`,
		65,
		"STOP t'2021-01-01T00:00:00.000Z' must be later than START t'2021-01-01T00:00:00Z'",
	],
	// §9.5 AND across object types
	[
		"[file:name = 'x' AND ipv4-addr:value = '1.2.3.4']",
		21,
		"comparisons joined by AND must match one object, but 'ipv4-addr' here cannot be the same object as 'file' before it; join different object types with OR (§9.5)",
	],
	[
		"[file:name = 'a' AND ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8']",
		21,
		"comparisons joined by AND must match one object, but 'ipv4-addr' here cannot be the same object as 'file' before it; join different object types with OR (§9.5)",
	],
	[
		"[x-foo:a = 1 AND (x-bar:b = 2 OR x-baz:c = 3)]",
		17,
		"comparisons joined by AND must match one object, but 'x-bar' or 'x-baz' here cannot be the same object as 'x-foo' before it; join different object types with OR (§9.5)",
	],
	// §9.7 object types and paths
	[
		"[fo:bar = 1]",
		1,
		"unknown object type 'fo': not a STIX 2.1 cyber-observable type, nor a custom one (a custom type is 3–250 of a–z, 0–9 and '-', and not an SDO, SRO or meta type)",
	],
	[
		"[indicator:name = 'x']",
		1,
		"unknown object type 'indicator': not a STIX 2.1 cyber-observable type, nor a custom one (a custom type is 3–250 of a–z, 0–9 and '-', and not an SDO, SRO or meta type)",
	],
	["[file:nmae = 'x']", 6, "'nmae' is not a property of file; custom properties start with 'x_'"],
	[
		"[file:created = t'2014-01-13T07:03:17Z']",
		6,
		"'created' is not a property of file (a STIX 2.0 name; STIX 2.1 uses 'ctime')",
	],
	[
		"[process:name = 'x']",
		9,
		"'name' is not a property of process (a STIX 2.0 name; STIX 2.1 uses 'image_ref.name')",
	],
	["[ipv4-addr:name = 'x']", 11, "'name' is not a property of ipv4-addr; custom properties start with 'x_'"],
	[
		"[file:extensions.'tcp-ext'.src_flags_hex = h'00']",
		17,
		"'tcp-ext' is an extension of network-traffic, not of file",
	],
	[
		"[file:extensions.'windows-pebinary-ext'.nope = 1]",
		40,
		"'nope' is not a property of the windows-pebinary-ext extension",
	],
	[
		"[file:extensions.nope = 1]",
		17,
		"'nope' is not an extension name: use one of file's (ntfs-ext, raster-image-ext, pdf-ext, archive-ext, windows-pebinary-ext), an extension-definition--<UUID>, or a custom name ending in -ext",
	],
	[
		"[mutex:extensions.nope = 1]",
		18,
		"'nope' is not an extension name: use one of mutex's (none predefined), an extension-definition--<UUID>, or a custom name ending in -ext",
	],
	["[file:extensions[0] = 1]", 17, "extensions is a dictionary keyed by extension name, not a list"],
	// ISSUBSET / ISSUPERSET
	[
		"[ipv4-addr:value ISSUBSET '10.0.0.0/33']",
		36,
		"ISSUBSET needs an IP address or CIDR block: CIDR prefix '33' must be an integer from 0 to 32",
	],
	[
		"[ipv6-addr:value ISSUPERSET '2001:db8::/129']",
		40,
		"ISSUPERSET needs an IP address or CIDR block: CIDR prefix '129' must be an integer from 0 to 128",
	],
	[
		"[ipv4-addr:value ISSUBSET '10.0.0.256/8']",
		27,
		"ISSUBSET needs an IP address or CIDR block: '10.0.0.256' is not an IPv4 or IPv6 address",
	],
	[
		"[ipv4-addr:value ISSUBSET '10.0.0.0/08']",
		36,
		"ISSUBSET needs an IP address or CIDR block: CIDR prefix '08' must be an integer from 0 to 32",
	],
	[
		"[ipv6-addr:value ISSUBSET '2001:db8:::/64']",
		27,
		"ISSUBSET needs an IP address or CIDR block: '2001:db8:::' is not an IPv4 or IPv6 address",
	],
	[
		"[ipv4-addr:value ISSUBSET 'example.com']",
		27,
		"ISSUBSET needs an IP address or CIDR block: 'example.com' is not an IPv4 or IPv6 address",
	],
	[
		"[ipv4-addr:value ISSUBSET '2001:db8::/64']",
		26,
		"ISSUBSET compares ipv4-addr:value with an IPv6 constant",
	],
	[
		"[file:name ISSUBSET '10.0.0.0/8']",
		1,
		"ISSUBSET applies to the value of an ipv4-addr or ipv6-addr, such as ipv4-addr:value or network-traffic:dst_ref.value",
	],
	// constants
	[
		"[file:size = 99999999999999999999]",
		13,
		"integer is outside the range STIX allows, -(2^53-1) to 2^53-1 (§2.10)",
	],
	[
		"[file:size IN (1, 2.5, 'x')]",
		23,
		"set constants must all be of one type (§9.6.1): a string after an integer",
	],
	// MATCHES
	[
		"[file:name MATCHES '(']",
		19,
		"regular expression is not valid PCRE: group opened at index 0 is not closed",
	],
	[
		"[file:name MATCHES '(?<n>a)\\\\k<m>']",
		19,
		"regular expression is not valid PCRE: reference to a group named 'm' at index 7, which the regex does not define",
	],
	[
		"[file:name MATCHES '(a+)+$']",
		19,
		"nested repetition: '(a+)+' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '(a*)*']",
		19,
		"nested repetition: '(a*)*' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '(a|a)*']",
		19,
		"overlapping alternatives 'a' and 'a': '(a|a)*' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '(\\\\w|\\\\d)+']",
		19,
		"overlapping alternatives '\\w' and '\\d': '(\\w|\\d)+' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '(a|aa)+']",
		19,
		"overlapping alternatives 'a' and 'aa': '(a|aa)+' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '(.*a)+']",
		19,
		"nested repetition: '(.*a)+' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '^(\\\\w+\\\\s?)+$']",
		19,
		"nested repetition: '(\\w+\\s?)+' can take exponential time to match (catastrophic backtracking)",
	],
	[
		"[file:name MATCHES '(?:x(a{1,3}))+']",
		19,
		"nested repetition: '(?:x(a{1,3}))+' can take exponential time to match (catastrophic backtracking)",
	],
	["[file:name MATCHES 'a{5000}']", 19, "repetition count in '{5000}' exceeds the limit of 1000"],
	[
		`[file:name MATCHES '${"a".repeat(1025)}']`,
		19,
		"regular expression is 1025 characters long; the limit is 1024",
	],
];

/** Safe shapes the regex check must not reject. */
const SAFE_REGEXES = [
	"^[a-z0-9.-]+$",
	"([a-z0-9]+\\\\.)+[a-z]+",
	"(\\\\d{1,3}\\\\.){3}\\\\d{1,3}",
	"(a|b)*c",
	"^(?:foo|bar)+$",
	"(ab)+",
	"^https?://[^/]+/.*\\\\.exe$",
	"(?<name>[A-Z]{2,})-\\\\k<name>",
	"(a{2})*",
	"(?=.*\\\\d)(?=.*[a-z]).{8,}",
	// PCRE, not JavaScript (§9.6.1): inline flags, (?x) with comments, (?#…), possessive, atomic, named references
	"(?i)evil\\\\.com$",
	"(?x) ^ evil \\\\. com $  # the domain\n",
	"(?#a comment)evil",
	"[a-z]++\\\\.exe",
	"(?>ab|a)c",
	"(?<n>a)\\\\k<n>",
	"(?P<n>a)(?P=n)",
	"\\\\Qa.b\\\\E",
	"[[:alpha:]]+",
];

describe("rules", () => {
	for (const [text, offset, message] of RULE_ERRORS) {
		it(`rejects ${JSON.stringify(text).slice(0, 110)}`, () => {
			assert.deepEqual(checkPattern(text), [{ offset, message }]);
		});
	}

	for (const regex of SAFE_REGEXES) {
		it(`accepts the regex ${regex}`, () => {
			assert.deepEqual(checkPattern(`[file:name MATCHES '${regex}']`), []);
		});
	}

	it("allows different object types joined by OR, and AND when one type satisfies every operand", () => {
		assert.deepEqual(
			checkPattern("[(file:name = 'a' OR ipv4-addr:value = '1.2.3.4') AND file:size = 3]"),
			[],
		);
		assert.deepEqual(
			checkPattern(
				"[(type-a:x = 'W' AND type-a:y = 'X') OR (type-b:m = 'Y' AND type-b:n = 'Z')]".replaceAll(
					"type-",
					"x-type-",
				),
			),
			[],
		);
	});

	it("accepts custom observable types without the x- prefix STIX 2.0 required (a new-sco extension's, §7.3)", () => {
		assert.deepEqual(checkPattern("[my-sensor-reading:value = 'x']"), []);
		assert.deepEqual(checkPattern("[acme-device:serial = 'x' AND acme-device:vendor = 'y']"), []);
	});

	it("allows one qualifier of each kind at every level", () => {
		assert.deepEqual(
			checkPattern(`(${IP} WITHIN 5 SECONDS REPEATS 2 TIMES) WITHIN 10 SECONDS REPEATS 3 TIMES`),
			[],
		);
	});

	it("returns every rule violation, in source order, with codes", () => {
		const r = parsePattern("[fo:a = 1 OR file:nope = 2] WITHIN 0 SECONDS AND [file:name MATCHES '(a+)+']");
		assert.ok(!r.ok);
		assert.deepEqual(
			r.errors.map((e) => [e.code, e.offset]),
			[
				["object-type", 1],
				["property", 18],
				["qualifier", 35],
				["regex", 68],
			],
		);
	});
});
