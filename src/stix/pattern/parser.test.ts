// Syntax: valid patterns across the whole grammar, syntax errors with their offsets and messages, and bombs.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPattern, listComparisons, parsePattern } from "./index.ts";

/** Patterns from §9 of the spec and beyond, covering every production of STIXPattern.g4. */
const VALID = [
	"[ipv4-addr:value = '198.51.100.1/32']",
	"[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
	"[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
	"[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']\nAND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
	"([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
	"[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
	"[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
	"[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
	"[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
	"[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
	"[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
	"[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
	"[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
	"[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
	"([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']",
	"[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
	"[file:size != 4112]",
	"[file:size <> 4112]",
	"[file:size == 4112]",
	"[file:size < 1024 AND file:size <= 25145 AND file:size > 256 AND file:size >= 33312]",
	"[process:pid IN (1, 2, 3)]",
	"[software:name IN ('proccy', 'proximus', 'badproc')]",
	"[software:name IN ()]",
	"[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']",
	"[directory:path MATCHES '^C:\\\\\\\\Windows\\\\w+$']",
	"[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
	"[EXISTS windows-registry-key:values]",
	"[NOT EXISTS windows-registry-key:values AND windows-registry-key:key = 'k']",
	"[file:name NOT = 'a' AND file:size NOT > 5 AND file:name NOT IN ('b') AND file:name NOT LIKE 'c%' AND file:name NOT MATCHES 'd']",
	"[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8' AND ipv4-addr:value NOT ISSUPERSET '10.0.0.1']",
	"[user-account:is_disabled = true AND user-account:is_privileged = false]",
	"[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
	"[artifact:payload_bin = b'ABI=' OR artifact:payload_bin = b'AB==' OR artifact:payload_bin = b'ABCD']",
	"[artifact:payload_bin = b'dGhpcyBp\ncyBhIHRlc3Q=']",
	"[artifact:payload_bin = h'' OR artifact:payload_bin = h'DEADbeef']",
	"[file:mtime = t'2014-01-13T07:03:17.123456Z' OR file:mtime > t'2016-12-31T23:59:60Z' OR file:mtime < t'2024-02-29T00:00:00Z']",
	"[file:size = -1 OR file:size = +1 OR file:size = 0]",
	"[file:extensions.'windows-pebinary-ext'.sections[*].entropy < -0.5 OR file:extensions.'windows-pebinary-ext'.sections[0].entropy > +.5]",
	"[network-traffic:protocols[0] = 'tcp' AND network-traffic:protocols[-1] = 'http']",
	"[file:'name' = 'quoted first component']",
	"[file:hashes.'SHA-256' = 'a' OR file:hashes.\"x\" = 'b']".replace('"x"', "'SHA-512'"),
	"[windows-registry-key:key = 'it\\'s' AND windows-registry-key:key = 'back\\\\slash']",
	"[file:name = 'ünïcødé ✓ 𝄞']",
	"[(file:name = 'a' OR file:name = 'b') AND (file:size = 1 OR (file:size = 2 AND file:mime_type = 'x'))]",
	"(([mutex:name = 'a'] OR [mutex:name = 'b']) FOLLOWEDBY [mutex:name = 'c']) REPEATS 2 TIMES",
	"[mutex:name = 'a'] FOLLOWEDBY [mutex:name = 'b'] FOLLOWEDBY [mutex:name = 'c']",
	"[mutex:name = 'a'] WITHIN 1.5 SECONDS",
	"[mutex:name = 'a'] REPEATS 3 TIMES WITHIN 10 SECONDS START t'2020-01-01T00:00:00Z' STOP t'2020-01-02T00:00:00Z'",
	"([mutex:name = 'a'] WITHIN 5 SECONDS) WITHIN 10 SECONDS",
	"  [mutex:name\t=\r\n'a']\u00a0\u3000 /* a comment */ AND // to the end of the line\n [mutex:name = 'b']  ",
	"[file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32' AND file:x_custom_property = 1]",
	"[file:extensions.'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e'.rank = 5]",
	"[file:extensions.'x-custom-ext'.anything = 1 AND file:extensions.'my-ext'.anything = 2]",
	"[network-traffic:extensions.'http-request-ext'.request_header.'Accept-Encoding' = 'gzip']",
	"[email-message:additional_header_fields.'Reply-To' = 'a@example.com']",
	"[user-account:extensions.'unix-account-ext'.groups[*] = 'wheel']",
];

function errors(text: string): { offset: number; message: string }[] {
	return checkPattern(text);
}

describe("parsePattern: valid patterns", () => {
	for (const text of VALID) {
		it(`accepts ${JSON.stringify(text).slice(0, 100)}`, () => {
			assert.deepEqual(errors(text), []);
		});
	}

	it("builds n-ary operations with AND binding tighter than OR, and OR tighter than FOLLOWEDBY", () => {
		const r = parsePattern(
			"[a:b = 1] FOLLOWEDBY [x-a:b = 1] OR [x-a:b = 2] AND [x-a:b = 3] OR [x-a:b = 4]".replaceAll(
				"[a:",
				"[x-a:",
			),
		);
		assert.ok(r.ok);
		const top = r.pattern;
		assert.equal(top.kind, "observation-operation");
		assert.ok(
			top.kind === "observation-operation" && top.operator === "FOLLOWEDBY" && top.operands.length === 2,
		);
		const or = top.operands[1];
		assert.ok(or?.kind === "observation-operation" && or.operator === "OR" && or.operands.length === 3);
		assert.ok(or.operands[1]?.kind === "observation-operation" && or.operands[1].operator === "AND");
	});

	it("attaches a qualifier to the nearest observation expression (§9.5.2)", () => {
		const r = parsePattern("[mutex:name = 'b'] FOLLOWEDBY [mutex:name = 'c'] REPEATS 5 TIMES");
		assert.ok(r.ok && r.pattern.kind === "observation-operation");
		const [b, c] = r.pattern.operands;
		assert.deepEqual(b?.kind === "observation" && b.qualifiers, []);
		assert.deepEqual(c?.kind === "observation" && c.qualifiers, [{ kind: "repeats", offset: 57, times: 5 }]);
	});

	it("decodes constants and path steps", () => {
		const r = parsePattern(
			"[x-t:a.'b-c'[*].d[2] IN ('it\\'s', 'x') OR x-t:v = 1 OR x-t:v = -2.5 OR x-t:v = true OR x-t:v = h'AB' OR x-t:v = b'AB==' OR x-t:v = t'2020-01-01T00:00:00Z' OR x-t:v NOT != 'back\\\\slash']",
		);
		assert.ok(r.ok);
		const list = listComparisons(r.pattern);
		assert.deepEqual(
			list[0]?.path.steps.map((s) => (s.kind === "index" ? s.index : s.name)),
			["a", "b-c", "*", "d", 2],
		);
		assert.deepEqual(
			list.map((c) =>
				c.value?.type === "set" ? c.value.values.map((v) => v.value) : [c.value?.type, c.value?.value],
			),
			[
				["it's", "x"],
				["integer", 1],
				["float", -2.5],
				["boolean", true],
				["hex", "ab"],
				["binary", "AB=="],
				["timestamp", "2020-01-01T00:00:00Z"],
				["string", "back\\slash"],
			],
		);
		assert.ok(list[7]?.negated && list[7].operator === "!=");
	});
});

/** [pattern, offset, message]: each error points at the offending character and says what was expected. */
const SYNTAX_ERRORS: [string, number, string][] = [
	["", 0, "pattern is empty; expected '[' to start an observation expression"],
	[
		"file:name = 'a'",
		0,
		"expected '[' or '(' to start an observation expression, found 'file' (comparisons go inside square brackets: [file:name = 'x'])",
	],
	[
		"[file:name = 'a'",
		16,
		"expected ']' to close the observation expression opened at column 1, found end of pattern",
	],
	[
		"[mutex:name = 'a']\n AND [file:name = 'a'",
		40,
		"expected ']' to close the observation expression opened at line 2, column 6, found end of pattern",
	],
	[
		"[(file:name = 'a']",
		17,
		"expected ')' to close the parenthesised comparison opened at column 2, found ']'",
	],
	[
		"([file:name = 'a']",
		18,
		"expected ')' to close the parenthesised observation expression opened at column 1, found end of pattern",
	],
	["[file:name = 'a'])", 17, "unexpected ')': no '(' is open here"],
	[
		"[file:name = 'a']]",
		17,
		"expected AND, OR, FOLLOWEDBY or a qualifier (WITHIN, REPEATS, START), found ']'",
	],
	[
		"[file:name = 'a'] and [file:name = 'b']",
		18,
		"expected AND, OR, FOLLOWEDBY or a qualifier (WITHIN, REPEATS, START), found 'and' (keywords are upper case: AND)",
	],
	[
		"[file:name = 'a'] AND",
		21,
		"expected '[' or '(' to start an observation expression, found end of pattern",
	],
	[
		"[file:name = 'a'] OR OR [file:name = 'b']",
		21,
		"expected '[' or '(' to start an observation expression, found 'OR'",
	],
	[
		"[]",
		1,
		"an empty observation expression; expected a comparison (an object path such as file:name, EXISTS, or '('), found ']'",
	],
	[
		"[file:name = 'a' OR]",
		19,
		"expected a comparison (an object path such as file:name, EXISTS, or '('), found ']'",
	],
	[
		"[file:name 'a']",
		11,
		"expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after the object path, found string 'a'",
	],
	["[file:name = ]", 13, "expected a constant after '=', found ']'"],
	[
		"[file name = 'a']",
		6,
		"expected ':' after the object type 'file' (object paths look like file:name), found 'name'",
	],
	["[file:name-x = 'a']", 10, "property name 'name-x' contains '-'; quote it: 'name-x'"],
	["[file:hashes.[0] = 'a']", 13, "expected a property name after '.', found '['"],
	["[file:name[x] = 'a']", 11, "expected a list index (an integer or *), found 'x'"],
	[
		"[file:name = 'it's']",
		20,
		"expected ' to close the string opened at column 19 (write an apostrophe inside a string as \\')",
	],
	[
		"[file:name = 'a\\x']",
		15,
		"invalid escape '\\x' in a string: only \\' and \\\\ are allowed (write \\\\ for a backslash)",
	],
	["[file:size = 01]", 13, "integer '01' has a leading zero; write it without one"],
	["[file:size = -]", 13, "unexpected character '-'"],
	["[file:size = 1.]", 14, "expected ']' to close the observation expression opened at column 1, found '.'"],
	[
		"[file:size > true]",
		13,
		"expected a number, string, timestamp, hex or binary constant after '>', found 'true'",
	],
	["[file:name LIKE 5]", 16, "expected a string after LIKE, found '5'"],
	["[file:name MATCHES h'00']", 19, "expected a string after MATCHES, found 'h'00''"],
	["[file:name IN 'a']", 14, "expected '(' to start the set after IN, found string 'a'"],
	[
		"[file:name IN ('a' 'b')]",
		19,
		"expected ',' or ')' to close the set opened at column 15, found string 'b'",
	],
	[
		"[file:name == 'a' <> 'b']",
		18,
		"expected ']' to close the observation expression opened at column 1, found '<>'",
	],
	[
		"[file:name NOT 'a']",
		15,
		"expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after the object path, found string 'a'",
	],
	[
		"[NOT file:name = 'a']",
		5,
		"expected EXISTS after NOT, found 'file' (to negate a comparison, put NOT before its operator: file:name NOT = 'x')",
	],
	["[file:name = 'a'] WITHIN SECONDS", 25, "expected a number of seconds after WITHIN, found 'SECONDS'"],
	["[file:name = 'a'] WITHIN 5", 26, "expected SECONDS after the WITHIN duration, found end of pattern"],
	["[file:name = 'a'] REPEATS 2.5 TIMES", 26, "expected a whole number after REPEATS, found '2.5'"],
	[
		"[file:name = 'a'] START t'2020-01-01T00:00:00Z'",
		47,
		"expected STOP after the START timestamp, found end of pattern",
	],
	[
		"[file:name = 'a'] START '2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'",
		24,
		"expected a timestamp t'…' after START, found string '2020-01-01T00:00:00Z'",
	],
	["[file:name = 'a'] ^", 18, "unexpected character '^'"],
	["[file:name = 'a'] \u0000", 18, "unexpected character U+0000"],
	["[file:name = 'a'] /* open", 25, "expected '*/' to close the comment opened at column 19"],
	["[file:name = h'abc']", 18, "hex constant has 3 digits; it needs an even number"],
	["[file:name = h'zz']", 15, "'z' is not a hex digit"],
	["[file:name = b'abc']", 18, "base64 length 3 is not a multiple of 4 (pad with '=')"],
	["[file:name = b'ab=c']", 18, "base64 '=' padding may only appear at the end"],
	["[file:name = b'a===']", 18, "base64 has at most two '=' of padding"],
	["[file:name = b'ab-_']", 17, "'-' is not a base64 character"],
	["[file:name = b'']", 15, "binary constant is empty; base64 needs at least 4 characters"],
	["[file:name = h'00", 17, "expected ' to close the hex constant opened at column 14"],
	["[file:mtime = t'2020-02-30T00:00:00Z']", 24, "invalid timestamp: day 30 is out of range"],
	["[file:mtime = t'2019-02-29T00:00:00Z']", 24, "invalid timestamp: day 29 is out of range"],
	["[file:mtime = t'2020-13-01T00:00:00Z']", 21, "invalid timestamp: month 13 is out of range"],
	["[file:mtime = t'2020-01-01T24:00:00Z']", 27, "invalid timestamp: hour is out of range"],
	[
		"[file:mtime = t'2020-01-01T00:00:00+01:00']",
		35,
		"invalid timestamp: expected YYYY-MM-DDTHH:MM:SS[.fraction]Z (RFC 3339, UTC); the time zone must be 'Z'",
	],
	[
		"[file:mtime = t'2020-01-01 00:00:00Z']",
		26,
		"invalid timestamp: expected YYYY-MM-DDTHH:MM:SS[.fraction]Z (RFC 3339, UTC)",
	],
	["[file:mtime = t'2020-01-01T00:00:00.Z']", 36, "invalid timestamp: expected digits after '.'"],
	[
		"[file:name = 'a'] LAST 5",
		18,
		"expected AND, OR, FOLLOWEDBY or a qualifier (WITHIN, REPEATS, START), found 'LAST'",
	],
	["[file:AND = 'a']", 6, "expected a property name after ':', found 'AND'"],
];

describe("parsePattern: syntax errors", () => {
	for (const [text, offset, message] of SYNTAX_ERRORS) {
		it(`rejects ${JSON.stringify(text)}`, () => {
			assert.deepEqual(errors(text), [{ offset, message }]);
		});
	}

	it("locates errors by line and column and draws a caret under the offending character", () => {
		const r = parsePattern("[mutex:name = 'a']\n\tAND [file:name = 'a' OR]");
		assert.ok(!r.ok);
		const [e] = r.errors;
		assert.deepEqual(
			{ code: e?.code, line: e?.line, column: e?.column, excerpt: e?.excerpt },
			{
				code: "syntax",
				line: 2,
				column: 25,
				excerpt: "\tAND [file:name = 'a' OR]\n\t                       ^",
			},
		);
	});

	it("windows the excerpt of a long line around the offending character", () => {
		const text = `[${Array.from({ length: 50 }, () => "mutex:name = 'a'").join(" OR ")} OR ]`;
		const r = parsePattern(text);
		assert.ok(!r.ok);
		const [line = "", caret = ""] = r.errors[0]?.excerpt.split("\n") ?? [];
		assert.ok(line.startsWith("…") && line.length <= 82, line);
		assert.equal(line[caret.indexOf("^")], "]");
	});
});

describe("parsePattern: bounded against pattern bombs", () => {
	it("rejects a pattern longer than 64 KiB, naming the limit", () => {
		const text = `[mutex:name = '${"a".repeat(70_000)}']`;
		assert.deepEqual(errors(text), [
			{ offset: 65_536, message: "pattern is 70,017 characters long; the limit is 65,536" },
		]);
	});

	it("rejects 10^5 '(' with a clean depth error, not a RangeError", () => {
		const text = `${"(".repeat(100_000)}[mutex:name = 'a']${")".repeat(100_000)}`;
		const message = "brackets and parentheses nest deeper than the limit of 100 levels";
		assert.deepEqual(parsePattern(text, { maxLength: Number.POSITIVE_INFINITY }).ok, false);
		assert.deepEqual(checkPattern(text.slice(0, 60_000)), [{ offset: 100, message }]);
		const inside = `[${"(".repeat(100_000)}mutex:name = 'a'${")".repeat(100_000)}]`;
		const r = parsePattern(inside, {
			maxLength: Number.POSITIVE_INFINITY,
			maxDepth: Number.POSITIVE_INFINITY,
		});
		assert.ok(!r.ok);
		assert.deepEqual([r.errors[0]?.code, r.errors[0]?.offset], ["too-deep", 1000]);
	});

	it("handles 10^5 ORs without stack overflow: an error by default, a flat tree when limits are lifted", () => {
		const text = `[${Array.from({ length: 100_000 }, (_, i) => `ipv4-addr:value = '10.0.${(i >> 8) & 255}.${i & 255}'`).join(" OR ")}]`;
		assert.equal(parsePattern(text).ok, false);
		const counted = parsePattern(text, { maxLength: Number.POSITIVE_INFINITY });
		assert.ok(!counted.ok);
		assert.deepEqual(
			[counted.errors[0]?.code, counted.errors[0]?.message],
			["too-many-comparisons", "pattern has more than 10,000 comparisons, the limit"],
		);
		const lifted = parsePattern(text, {
			maxLength: Number.POSITIVE_INFINITY,
			maxComparisons: Number.POSITIVE_INFINITY,
		});
		assert.ok(lifted.ok && lifted.pattern.kind === "observation");
		const or = lifted.pattern.comparison;
		assert.ok(or.kind === "comparison-operation" && or.operands.length === 100_000);
	});

	it("handles 10^5 observation expressions joined by FOLLOWEDBY without stack overflow", () => {
		const text = Array.from({ length: 100_000 }, () => "[mutex:name = 'a']").join(" FOLLOWEDBY ");
		const r = parsePattern(text, {
			maxLength: Number.POSITIVE_INFINITY,
			maxComparisons: Number.POSITIVE_INFINITY,
		});
		assert.ok(r.ok && r.pattern.kind === "observation-operation" && r.pattern.operands.length === 100_000);
	});

	it("counts comparisons across observation expressions", () => {
		const text = Array.from({ length: 6 }, () => "[mutex:name = 'a' OR mutex:name = 'b']").join(" OR ");
		assert.deepEqual(errors(text).length, 0);
		const r = parsePattern(text, { maxComparisons: 11 });
		assert.ok(!r.ok && r.errors[0]?.code === "too-many-comparisons");
		assert.equal(r.errors[0]?.offset, text.lastIndexOf("mutex:name = 'b'"));
	});
});
