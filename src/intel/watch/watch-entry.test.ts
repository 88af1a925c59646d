// watchValueOf: entries normalised and bounded, each refusal naming the fix.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../../errors/index.ts";
import { watchValueOf } from "./watch-entry.ts";

function refusal(input: Parameters<typeof watchValueOf>[0]): string {
	try {
		watchValueOf(input);
	} catch (error) {
		assert.ok(isAppError(error));
		assert.equal(error.code, "E_WATCH_ENTRY_INVALID");
		return error.message;
	}
	assert.fail(`accepted ${JSON.stringify(input).slice(0, 100)}`);
}

describe("watchValueOf", () => {
	it("normalises and guesses the kind from the value's shape", () => {
		assert.deepEqual(watchValueOf({ value: " 198.51.100.0/24 ", label: "office" }), {
			kind: "ipv4",
			value: "198.51.100.0/24",
			label: "office",
		});
		assert.equal(watchValueOf({ value: "Mail.Example.ORG." }).value, "mail.example.org");
		assert.equal(watchValueOf({ kind: "asn", value: "AS64496" }).value, "64496");
		assert.equal(watchValueOf({ value: "2001:DB8::/32" }).value, "2001:db8::/32");
	});

	it("refuses a 100 KB domain before any work, naming the limit", () => {
		const message = refusal({ kind: "domain", value: `${"a".repeat(100 * 1024)}.example` });
		assert.match(message, /at most 2048 characters; this one has 102408/);
	});

	it("refuses malformed addresses and blocks, naming the kind", () => {
		assert.match(refusal({ kind: "ipv4", value: "10.0.0.0/33" }), /not a valid ipv4/);
		assert.match(refusal({ kind: "ipv4", value: "300.1.2.3" }), /not a valid ipv4/);
		assert.match(refusal({ value: "10.0.0.0/33" }), /not a valid ipv4/, "a block's shape is read as a block");
		assert.match(refusal({ value: "2001:db8::/129" }), /not a valid ipv6/);
		assert.match(refusal({ value: "not a value at all" }), /cannot tell what kind/);
		assert.match(refusal({ kind: "colour", value: "red" }), /unknown kind 'colour'/);
	});

	it("refuses blocks wider than an IPv4 /8 or IPv6 /32, and public suffixes", () => {
		assert.match(refusal({ value: "0.0.0.0/0" }), /wider than an IPv4 \/8/);
		assert.match(refusal({ value: "2001::/16" }), /wider than an IPv6 \/32/);
		assert.match(refusal({ kind: "domain", value: "co.uk" }), /public suffix/);
		assert.match(refusal({ value: "" }), /empty/);
		assert.match(refusal({ value: "192.0.2.1", label: "x".repeat(201) }), /label is at most 200/);
	});
});
