import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatIpv6, generaliseIp, parseIp } from "./network.ts";
import { pseudonymise } from "./pseudonym.ts";
import { scrubText, scrubUrl } from "./scrub.ts";

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(9);

describe("pseudonymise", () => {
	it("keeps each kind valid for its type", () => {
		assert.match(
			pseudonymise(key, "email", "alice@example.com"),
			/^pseudonym-[0-9a-f]{16}@pseudonym\.invalid$/,
		);
		assert.match(pseudonymise(key, "text", "alice"), /^pseud-[0-9a-f]{16}$/);
		assert.match(pseudonymise(key, "domain", "victim.example"), /^pseudonym-[0-9a-f]{16}\.invalid$/);
		assert.match(
			pseudonymise(key, "url", "https://x.example/?u=bob"),
			/^https:\/\/pseudonym\.invalid\/[0-9a-f]{16}$/,
		);
		assert.match(pseudonymise(key, "mac", "00:11:22:33:44:55"), /^02(:[0-9a-f]{2}){5}$/);
	});

	it("maps IPv4 into 240.0.0.0/4 and IPv6 into 3fff::/20, keeping a block's prefix", () => {
		const v4 = parseIp(pseudonymise(key, "ipv4", "198.51.100.7"));
		assert.equal(v4?.family, 4);
		assert.ok((v4?.parts[0] ?? 0) >= 240);
		assert.equal(v4?.prefix, undefined);
		const block = parseIp(pseudonymise(key, "ipv4", "198.51.100.0/24"));
		assert.equal(block?.prefix, 24);
		assert.equal(block?.parts[3], 0);
		const v6 = parseIp(pseudonymise(key, "ipv6", "2001:db8::1"));
		assert.equal(v6?.family, 6);
		assert.equal(v6?.parts[0], 0x3fff);
		assert.ok((v6?.parts[1] ?? 0xffff) < 0x1000);
	});

	it("is stable for one key and value, different under another key, and ignores IPv6 spelling", () => {
		assert.equal(pseudonymise(key, "ipv4", "198.51.100.7"), pseudonymise(key, "ipv4", "198.51.100.7"));
		assert.notEqual(
			pseudonymise(key, "ipv4", "198.51.100.7"),
			pseudonymise(otherKey, "ipv4", "198.51.100.7"),
		);
		assert.notEqual(
			pseudonymise(key, "email", "a@example.com"),
			pseudonymise(otherKey, "email", "a@example.com"),
		);
		assert.notEqual(pseudonymise(key, "text", "alice"), pseudonymise(key, "text", "alicf"));
		assert.equal(pseudonymise(key, "ipv6", "2001:DB8:0::1"), pseudonymise(key, "ipv6", "2001:db8::1"));
	});

	it("refuses a short key", () => {
		assert.throws(() => pseudonymise(new Uint8Array(8), "text", "x"), RangeError);
	});
});

describe("generaliseIp", () => {
	it("gives the /24 or /48 network, and keeps coarser blocks", () => {
		assert.equal(generaliseIp("198.51.100.7"), "198.51.100.0/24");
		assert.equal(generaliseIp("198.51.100.7/32"), "198.51.100.0/24");
		assert.equal(generaliseIp("10.0.0.0/8"), "10.0.0.0/8");
		assert.equal(generaliseIp("2001:db8:1:2::7"), "2001:db8:1::/48");
		assert.equal(generaliseIp("2001:db8:abcd:12ff::1"), "2001:db8:abcd::/48");
		assert.equal(generaliseIp("not an ip"), undefined);
		assert.equal(generaliseIp("300.1.1.1"), undefined);
	});

	it("formats IPv6 as RFC 5952", () => {
		assert.equal(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]), "2001:db8::1:0:0:1");
		assert.equal(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0]), "::");
		assert.equal(formatIpv6([1, 0, 2, 0, 3, 0, 4, 0]), "1:0:2:0:3:0:4:0");
		assert.deepEqual(parseIp("::ffff:198.51.100.7")?.parts, [0, 0, 0, 0, 0, 0xffff, 0xc633, 0x6407]);
	});
});

describe("scrubText", () => {
	it("redacts e-mail addresses, IPs, URL query strings and credentials, and home folders", () => {
		assert.equal(
			scrubText(
				"mail bob@example.org from 198.51.100.7 or 2001:db8::1 via https://u:p@evil.example/a?id=bob#x",
			),
			"mail [redacted] from [redacted] or [redacted] via https://[redacted]@evil.example/a?[redacted]",
		);
		assert.equal(
			scrubText("C:\\Users\\alice\\AppData\\x.exe /home/bob/.ssh"),
			"C:\\Users\\[redacted]\\AppData\\x.exe /home/[redacted]/.ssh",
		);
	});

	it("leaves what only looks like an address", () => {
		const text = "at 12:30:45 call std::string, version 1.2.3.4.5, 999.1.1.1";
		assert.equal(scrubText(text), text);
	});

	it("scrubs a URL value with a marker valid in RFC 3986", () => {
		assert.equal(
			scrubUrl("https://u:p@example.com/a?victim=bob#x"),
			"https://redacted@example.com/a?redacted",
		);
		assert.equal(scrubUrl("https://example.com/a"), "https://example.com/a");
	});
});
