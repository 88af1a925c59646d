// The built-in lists: what they flag (and what they must not), every entry readable, hashes that are the empty input's.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { classify, type Observable, parseCidr } from "../../observables/index.ts";
import { BUILT_IN_WARNINGLISTS, compileWarninglists } from "./index.ts";

const matcher = compileWarninglists(BUILT_IN_WARNINGLISTS);

/** The lists a value (a raw one classified as analysts paste it) is on, and the entry of each. */
function hitsOf(raw: string | Observable): string[] {
	const o = typeof raw === "string" ? classify(raw) : raw;
	assert.ok(o !== undefined, `${raw} classifies`);
	return matcher.hits(o).map((hit) => `${hit.list} <${hit.entry}>`);
}

const onList = (raw: string | Observable, list: string, entry: string): void =>
	assert.ok(
		hitsOf(raw).includes(`Entente: ${list} <${entry}>`),
		`${JSON.stringify(raw)} is on ${list} by ${entry}: ${hitsOf(raw)}`,
	);

describe("built-in warninglists", () => {
	it("flag private, shared, special, documentation and multicast addresses, v4 and v6", () => {
		onList("10.1.2.3", "private-use networks (RFC 1918, RFC 4193)", "10.0.0.0/8");
		onList("172.31.255.255", "private-use networks (RFC 1918, RFC 4193)", "172.16.0.0/12");
		onList("192.168.0.0/24", "private-use networks (RFC 1918, RFC 4193)", "192.168.0.0/16");
		onList("fd12:3456::1", "private-use networks (RFC 1918, RFC 4193)", "fc00::/7");
		onList("100.64.0.1", "shared address space for carrier-grade NAT (RFC 6598)", "100.64.0.0/10");
		onList("127.0.0.1", "loopback, link-local and unspecified addresses", "127.0.0.0/8");
		onList("::1", "loopback, link-local and unspecified addresses", "::1/128");
		onList("fe80::1", "loopback, link-local and unspecified addresses", "fe80::/10");
		onList("198.51.100.7", "documentation and benchmarking addresses", "198.51.100.0/24");
		onList("2001:db8::7", "documentation and benchmarking addresses", "2001:db8::/32");
		onList("239.255.255.250", "multicast addresses", "224.0.0.0/4");
		onList("ff02::1", "multicast addresses", "ff00::/8");
		onList("255.255.255.255", "reserved and protocol-assigned addresses (RFC 6890)", "240.0.0.0/4");
	});

	it("flag the public resolvers' documented addresses, and nothing beside them", () => {
		const resolvers = "public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS)";
		for (const address of ["8.8.8.8", "1.1.1.1", "9.9.9.9", "208.67.222.222", "2620:fe::fe"])
			onList(address, resolvers, address);
		onList("2001:4860:4860:0:0:0:0:8888", resolvers, "2001:4860:4860::8888");
		for (const clean of [
			"8.8.8.9",
			"1.1.1.4",
			"2001:4860:4860::8887",
			"11.0.0.1",
			"100.128.0.1",
			"172.32.0.1",
		])
			assert.deepEqual(hitsOf(clean), [], clean);
		onList("https://dns.google/dns-query", "public DNS resolver host names", "dns.google");
		onList("family.cloudflare-dns.com", "public DNS resolver host names", "cloudflare-dns.com");
	});

	it("flag the empty file's hashes, which are those of zero bytes", () => {
		for (const algorithm of ["md5", "sha1", "sha256", "sha512"]) {
			const digest = createHash(algorithm).update("").digest("hex");
			onList(digest.toUpperCase(), "hashes of the empty file", digest);
		}
		onList(
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			"hashes of the empty file",
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		);
		assert.deepEqual(hitsOf("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856"), []);
		// A hash list applies to hashes: the same text as a file name is not flagged.
		const asName: Observable = { kind: "filename", value: "d41d8cd98f00b204e9800998ecf8427e" };
		assert.deepEqual(matcher.hits(asName), []);
	});

	it("flag documentation and local domain names with their sub-domains, in domains, URLs and e-mail addresses", () => {
		const special = "special-use domain names (RFC 2606, RFC 6761)";
		onList("www.example.com", special, "example.com");
		onList("https://login.example.org/path", special, "example.org");
		onList("admin@example.net", special, "example.net");
		onList({ kind: "domain", value: "printer.local" }, special, "local");
		onList({ kind: "domain", value: "db.test" }, special, "test");
		assert.deepEqual(hitsOf("example.co.uk"), []);
		assert.deepEqual(hitsOf("notexample.com"), []);
		assert.deepEqual(hitsOf("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion"), []);
	});

	it("holds only entries their type reads, under names that start 'Entente: ', each with a source", () => {
		for (const list of BUILT_IN_WARNINGLISTS) {
			assert.match(list.name, /^Entente: /);
			assert.match(list.source, /^built-in: \S/);
			if (list.type === "cidr")
				for (const entry of list.entries) assert.ok(parseCidr(entry) !== undefined, `${list.name}: ${entry}`);
		}
		assert.equal(new Set(BUILT_IN_WARNINGLISTS.map((list) => list.name)).size, BUILT_IN_WARNINGLISTS.length);
	});
});
