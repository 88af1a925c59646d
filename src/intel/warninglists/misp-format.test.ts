// Reading MISP's format: every problem named with its field (and entry index), bounds refused with the limit, and
// what will never match said as a warning.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../../errors/index.ts";
import { readMispWarninglist, WARNINGLIST_LIMITS } from "./index.ts";

const valid = {
	name: "List of RFC 1918 CIDR blocks",
	version: 5,
	description: "private networks",
	type: "cidr",
	matching_attributes: ["ip-src", "ip-dst"],
	list: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
};

/** The refusal `value` gets: its code and message. */
function refusal(value: unknown): { code: string; message: string } {
	try {
		readMispWarninglist(value, "lists/x/list.json");
	} catch (error) {
		assert.ok(isAppError(error), String(error));
		return { code: error.code, message: error.message };
	}
	assert.fail("expected a refusal");
}

describe("readMispWarninglist", () => {
	it("reads a list as MISP writes it, keeping where it came from", () => {
		const { list, warnings } = readMispWarninglist(valid, "lists/rfc1918/list.json");
		assert.deepEqual(list, {
			name: valid.name,
			version: 5,
			description: valid.description,
			type: "cidr",
			matchingAttributes: ["ip-src", "ip-dst"],
			entries: valid.list,
			source: "lists/rfc1918/list.json",
		});
		assert.deepEqual(warnings, []);
	});

	it("names the file and every field at fault at once", () => {
		const { code, message } = refusal({ name: "", version: "5", type: "ipset", list: "10.0.0.0/8" });
		assert.equal(code, "E_WARNINGLIST_INVALID");
		assert.match(message, /^lists\/x\/list\.json is not a MISP warninglist/);
		for (const field of [
			"name:",
			"description:",
			"version:",
			"type: expected one of cidr, hostname",
			"list:",
		])
			assert.ok(message.includes(field), `${field} in ${message}`);
		assert.match(refusal([valid]).message, /expected a JSON object/);
		assert.match(refusal({ ...valid, matching_attributes: "ip-src" }).message, /matching_attributes:/);
	});

	it("names bad entries by index, at most five of them, and counts the rest", () => {
		const list = ["10.0.0.0/8", "10.0.0.0/33", ...Array.from({ length: 9 }, (_, i) => `host${i}.example`)];
		const { message } = refusal({ ...valid, list });
		assert.match(message, /list\[1\]: "10\.0\.0\.0\/33" is not an IP address or CIDR block/);
		assert.match(message, /list\[5\]: "host3\.example"/);
		assert.doesNotMatch(message, /list\[6\]/);
		assert.match(message, /and 5 more entries like these/);
		assert.match(
			refusal({ ...valid, list: ["10.0.0.0/8", 7] }).message,
			/list\[1\]: expected a string, got 7/,
		);
		assert.match(
			refusal({ ...valid, type: "hostname", list: ["a b.example"] }).message,
			/is not a host name/,
		);
	});

	it("refuses binary junk: control characters in a name or an entry", () => {
		assert.match(
			refusal({ ...valid, type: "string", list: ["ok", "\u0000\u0001MZ"] }).message,
			/list\[1\]: contains control characters/,
		);
		assert.match(refusal({ ...valid, name: "bad\u0007name" }).message, /name: contains control characters/);
	});

	it("refuses more entries than a list of its type may hold, saying the limit", () => {
		const substrings = Array.from({ length: WARNINGLIST_LIMITS.substringEntries + 1 }, (_, i) => `s${i}`);
		const { code, message } = refusal({ ...valid, type: "substring", list: substrings });
		assert.equal(code, "E_WARNINGLIST_TOO_LARGE");
		assert.match(message, /list has 10,001 entries; a substring list holds at most 10,000/);
		const long = "x".repeat(WARNINGLIST_LIMITS.entryChars + 1);
		assert.match(
			refusal({ ...valid, type: "string", list: [long] }).message,
			/8,193 characters; at most 8192/,
		);
	});

	it("keeps built-in names for the built-in lists", () => {
		assert.match(
			refusal({ ...valid, name: "Entente: mine" }).message,
			/belong to the built-in lists; rename the list/,
		);
	});

	it("warns of what will never match: unknown attributes, unknown fields, duplicates, an empty list", () => {
		const { warnings } = readMispWarninglist(
			{
				...valid,
				type: "hostname",
				matching_attributes: ["domain", "sha224"],
				list: ["Bit.ly", "bit.ly."],
				extra: 1,
			},
			"x.json",
		);
		assert.deepEqual(warnings, [
			"matching_attributes sha224: no kind of value Entente knows; ignored",
			"field extra: not part of MISP's format; ignored",
			"list: 1 duplicate entries (kept once)",
		]);
		assert.deepEqual(readMispWarninglist({ ...valid, list: [] }, "x.json").warnings, [
			"list: no entries; the list will never match",
		]);
	});

	it("reads regex entries' delimiters and flags, and refuses what the linear-time engine cannot run", () => {
		const regex = (entry: string) => refusal({ ...valid, type: "regex", list: [entry] }).message;
		assert.match(regex("abuse@.*"), /written between delimiters/);
		assert.match(regex("/^abuse@/x"), /flag 'x' is not supported/);
		assert.match(regex("/^abuse@"), /closing delimiter \/ is missing/);
		assert.match(regex("/(a)\\1/"), /list\[0\]: .*backreference .* not supported by the linear-time engine/);
		assert.match(regex("/(?<=a)b/"), /lookaround/);
		const { list } = readMispWarninglist(
			{ ...valid, type: "regex", list: ["#^abuse@#i", "{^noc@}"] },
			"x.json",
		);
		assert.deepEqual(list.entries, ["#^abuse@#i", "{^noc@}"]);
	});
});
