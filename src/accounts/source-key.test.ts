// Failed sign-ins are counted per IPv4 address and per IPv6 /64: a host cannot buy guesses with fresh addresses.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sourceKeyOf } from "./source-key.ts";

describe("sourceKeyOf", () => {
	it("an IPv6 address counts as its /64, however it is written", () => {
		for (const address of [
			"2001:db8:1:2::1",
			"2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
			"2001:DB8:1:2:a:b:c:d",
			"2001:db8:1:2::1.2.3.4",
			"2001:db8:1:2::1%eth0",
		])
			assert.equal(sourceKeyOf(address), "2001:db8:1:2::/64", address);
		assert.equal(sourceKeyOf("::1"), "0:0:0:0::/64");
		assert.equal(sourceKeyOf("2001:db8::"), "2001:db8:0:0::/64");
		assert.notEqual(sourceKeyOf("2001:db8:1:3::1"), sourceKeyOf("2001:db8:1:2::1"));
	});

	it("an IPv4 address counts as itself, mapped into IPv6 or not", () => {
		assert.equal(sourceKeyOf("203.0.113.7"), "203.0.113.7");
		assert.equal(sourceKeyOf("::ffff:203.0.113.7"), "203.0.113.7");
		assert.equal(sourceKeyOf("::FFFF:203.0.113.7"), "203.0.113.7");
		assert.notEqual(sourceKeyOf("203.0.113.8"), sourceKeyOf("203.0.113.7"));
	});

	it("anything else is kept whole", () => {
		assert.equal(sourceKeyOf("unknown"), "unknown");
		assert.equal(sourceKeyOf("not:an:address"), "not:an:address");
	});
});
