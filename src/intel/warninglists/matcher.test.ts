// The matcher's semantics, as MISP's warninglists define them: CIDR containment, hostname lists matching a host and
// its sub-domains, exact strings, substrings, and matching_attributes; the CIDR index against a brute-force model.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type Observable, parseCidr, parsedContains } from "../../observables/index.ts";
import type { WarninglistType } from "../../store/index.ts";
import { compileWarninglists, compileWarninglistsYielding, type Warninglist } from "./index.ts";

function list(
	name: string,
	type: WarninglistType,
	entries: string[],
	matchingAttributes: string[] = [],
): Warninglist {
	return {
		name,
		type,
		entries,
		matchingAttributes,
		version: 1,
		description: `${name} list`,
		source: "test",
		builtIn: false,
	};
}

const names = (hits: readonly { list: string; entry: string }[]): string[] =>
	hits.map((hit) => `${hit.list}:${hit.entry}`);

describe("warninglist matcher", () => {
	it("hostname lists match the host and its sub-domains, never a look-alike, in domains and URL hosts", () => {
		const matcher = compileWarninglists([
			list("short", "hostname", ["bit.ly", ".t.co", "Goo.GL."], ["domain", "url"]),
		]);
		const check = (o: Observable): string[] => names(matcher.hits(o));
		assert.deepEqual(check({ kind: "domain", value: "bit.ly" }), ["short:bit.ly"]);
		assert.deepEqual(check({ kind: "domain", value: "a.b.bit.ly" }), ["short:bit.ly"]);
		assert.deepEqual(check({ kind: "domain", value: "x.t.co" }), ["short:t.co"]);
		assert.deepEqual(check({ kind: "domain", value: "goo.gl" }), ["short:goo.gl"]);
		assert.deepEqual(check({ kind: "url", value: "https://user@x.bit.ly:8443/a?b#c" }), ["short:bit.ly"]);
		assert.deepEqual(check({ kind: "domain", value: "notbit.ly" }), []);
		assert.deepEqual(check({ kind: "domain", value: "bit.ly.evil.example" }), []);
		// An entry written in Unicode matches the value's normal form (punycode).
		const idn = compileWarninglists([list("idn", "hostname", ["Bücher.example"])]);
		assert.deepEqual(names(idn.hits({ kind: "domain", value: "shop.xn--bcher-kva.example" })), [
			"idn:xn--bcher-kva.example",
		]);
		// Not an e-mail attribute: a hostname list naming only domain and url leaves e-mail addresses alone.
		assert.deepEqual(check({ kind: "email", value: "a@bit.ly" }), []);
	});

	it("string lists match the whole value without case; substring lists any part of it", () => {
		const matcher = compileWarninglists([
			list("tlds", "string", ["COM", "ORG"], ["domain"]),
			list("vendors", "substring", ["any.run", "virustotal.com"], ["domain", "url"]),
		]);
		assert.deepEqual(names(matcher.hits({ kind: "domain", value: "com" })), ["tlds:com"]);
		assert.deepEqual(names(matcher.hits({ kind: "domain", value: "example.com" })), []);
		assert.deepEqual(names(matcher.hits({ kind: "url", value: "https://app.any.run/tasks/1" })), [
			"vendors:any.run",
		]);
		assert.deepEqual(names(matcher.hits({ kind: "domain", value: "www.virustotal.com" })), [
			"vendors:virustotal.com",
		]);
		assert.deepEqual(names(matcher.hits({ kind: "filename", value: "any.run.exe" })), []);
	});

	it("applies a list to the kinds its matching_attributes name, to every kind when it names none", () => {
		const matcher = compileWarninglists([
			list("md5 only", "string", ["d41d8cd98f00b204e9800998ecf8427e"], ["md5", "filename|md5"]),
			list("anything", "string", ["d41d8cd98f00b204e9800998ecf8427e"]),
			list("nothing we know", "string", ["d41d8cd98f00b204e9800998ecf8427e"], ["sha224"]),
		]);
		assert.deepEqual(names(matcher.hits({ kind: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" })), [
			"md5 only:d41d8cd98f00b204e9800998ecf8427e",
			"anything:d41d8cd98f00b204e9800998ecf8427e",
		]);
		assert.deepEqual(names(matcher.hits({ kind: "mutex", value: "d41d8cd98f00b204e9800998ecf8427e" })), [
			"anything:d41d8cd98f00b204e9800998ecf8427e",
		]);
	});

	it("regex lists search the value with the linear-time engine, flags read, catastrophic shapes harmless", () => {
		const matcher = compileWarninglists([
			list("contacts", "regex", ["/^(security|noc|soc|abuse)\\@.*\\..*$/i"], ["email-src"]),
			list("evil", "regex", ["/^(a+)+$/"]),
		]);
		assert.deepEqual(names(matcher.hits({ kind: "email", value: "Abuse@example.com" })), [
			"contacts:/^(security|noc|soc|abuse)\\@.*\\..*$/i",
		]);
		assert.deepEqual(names(matcher.hits({ kind: "email", value: "john@example.com" })), []);
		// The shape that takes a backtracking engine forever, on 8 KiB: answered at once, and correctly.
		assert.deepEqual(names(matcher.hits({ kind: "mutex", value: `${"a".repeat(8191)}b` })), []);
		assert.deepEqual(names(matcher.hits({ kind: "mutex", value: "a".repeat(8192) })), ["evil:/^(a+)+$/"]);
	});

	it("CIDR lists flag an address or a block inside an entry, once per list, with the widest entry", () => {
		const matcher = compileWarninglists([
			list("a", "cidr", ["10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32"]),
			list("b", "cidr", ["10.1.2.3", "10.1.2.0/24"]),
		]);
		const check = (kind: "ipv4" | "ipv6", value: string) => names(matcher.hits({ kind, value }));
		assert.deepEqual(check("ipv4", "10.1.2.3"), ["a:10.0.0.0/8", "b:10.1.2.0/24"]);
		assert.deepEqual(check("ipv4", "10.1.2.0/25"), ["a:10.0.0.0/8", "b:10.1.2.0/24"]);
		assert.deepEqual(check("ipv4", "10.1.0.0/16"), ["a:10.0.0.0/8"]);
		assert.deepEqual(check("ipv4", "10.0.0.0/7"), []);
		assert.deepEqual(check("ipv4", "11.0.0.0"), []);
		assert.deepEqual(check("ipv6", "2001:db8:ffff::1"), ["a:2001:db8::/32"]);
		assert.deepEqual(check("ipv6", "2001:db9::"), []);
		// A CIDR list never matches what is not an address, whatever its attributes say.
		assert.deepEqual(names(matcher.hits({ kind: "domain", value: "10.1.2.3" })), []);
	});

	it("compiles a large list giving the event loop turns, to the same matcher", async () => {
		const entries = Array.from(
			{ length: 100_000 },
			(_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
		);
		const hosts = Array.from({ length: 50_000 }, (_, i) => `host${i}.example`);
		const large = [list("ips", "cidr", entries), list("hosts", "hostname", hosts)];
		let turns = 0;
		const timer = setInterval(() => turns++, 0);
		const matcher = await compileWarninglistsYielding(large).finally(() => clearInterval(timer));
		assert.ok(turns > 0, "a timer ran while it compiled");
		assert.deepEqual(names(matcher.hits({ kind: "ipv4", value: "10.1.134.159" })), ["ips:10.1.134.159"]);
		assert.deepEqual(names(matcher.hits({ kind: "domain", value: "a.host49999.example" })), [
			"hosts:host49999.example",
		]);
	});

	it("never throws on a kind or value it does not know", () => {
		const matcher = compileWarninglists([list("a", "cidr", ["0.0.0.0/0", "::/0"])]);
		assert.deepEqual(matcher.hits({ kind: "nonsense" as Observable["kind"], value: "1.2.3.4" }), []);
		assert.deepEqual(matcher.hits({ kind: "ipv4", value: "not an address" }), []);
		assert.deepEqual(
			names(matcher.hits({ kind: "ipv6", value: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" })),
			["a:::/0"],
		);
	});

	it("finds exactly the lists a brute-force scan finds, for random lists and addresses", () => {
		const octet = fc.integer({ min: 0, max: 255 });
		const v4 = fc
			.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }))
			.map(
				([a, b, c, d, prefix]) => parseCidr(`${a}.${b}.${c}.${d}`) && `${a & 0xfc}.${b}.${c}.${d}/${prefix}`,
			);
		const word = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
		const v6 = fc
			.tuple(fc.constantFrom("2001:db8", "fe80:0", "ffff:ffff"), word, word, fc.integer({ min: 0, max: 128 }))
			.map(([head, x, y, prefix]) => `${head}:${x}::${y}/${prefix}`);
		const entry = fc.oneof(v4, v6).map((text) => {
			const cidr = parseCidr(text as string);
			return cidr === undefined ? "10.0.0.0/8" : (text as string);
		});
		const probe = fc.oneof(
			fc.tuple(octet, octet, octet, octet).map(([a, b, c, d]) => `${a & 0xfc}.${b}.${c}.${d}`),
			fc.tuple(fc.constantFrom("2001:db8", "fe80:0"), word, word).map(([head, x, y]) => `${head}:${x}::${y}`),
		);
		fc.assert(
			fc.property(
				fc.array(fc.array(entry, { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
				fc.array(probe, { maxLength: 20 }),
				(entries, probes) => {
					const lists = entries.map((items, i) => list(`l${i}`, "cidr", items));
					const matcher = compileWarninglists(lists);
					// Boundaries too: each entry's first address, where an off-by-one in the search would show.
					const starts = entries.flat().map((entry) => entry.split("/")[0] as string);
					for (const value of [...probes, ...starts]) {
						const address = parseCidr(value);
						if (address === undefined) continue;
						const expected = lists
							.filter((l) =>
								l.entries.some((e) => parsedContains(parseCidr(e) as NonNullable<typeof address>, address)),
							)
							.map((l) => l.name);
						const kind = address.version === 4 ? "ipv4" : "ipv6";
						const normal = value;
						assert.deepEqual(
							matcher.hits({ kind, value: normal }).map((hit) => hit.list),
							expected,
							`${value} against ${JSON.stringify(entries)}`,
						);
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});
