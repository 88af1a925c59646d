// Every relation of the index on real STIX objects, then against a brute-force model over random puts and removals.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Observable } from "../../observables/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { parentsOf } from "./domain-tree.ts";
import type { IndexEntry } from "./index-entry.ts";
import { parseBlock } from "./ip-blocks.ts";
import { ObservableIndex, type RelatedObject } from "./observable-index.ts";

let serial = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++serial).padStart(12, "0")}`;
const sco = (type: string, value: string): StixObject => ({
	type,
	spec_version: "2.1",
	id: `${type}--${uuid()}`,
	value,
});
const indicator = (pattern: string, extra: Record<string, unknown> = {}): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--${uuid()}`,
	created: "2026-01-01T00:00:00.000Z",
	modified: "2026-01-01T00:00:00.000Z",
	pattern,
	pattern_type: "stix",
	valid_from: "2026-01-01T00:00:00.000Z",
	...extra,
});
const v4 = (value: string): Observable => ({ kind: "ipv4", value });
const dn = (value: string): Observable => ({ kind: "domain", value });
const pairs = (related: RelatedObject[]) => related.map((r) => [r.id, r.relation, r.via.value]);

describe("ObservableIndex", () => {
	it("finds the objects naming a value: an SCO and an indicator's pattern", () => {
		const index = new ObservableIndex();
		const address = sco("ipv4-addr", "198.51.100.7");
		const detector = indicator("[ipv4-addr:value = '198.51.100.7']");
		index.put(address);
		index.put(detector);
		assert.deepEqual(index.exact(v4("198.51.100.7")), [address.id, detector.id]);
		assert.equal(index.count(v4("198.51.100.7")), 2);
		assert.deepEqual(index.exact(v4("198.51.100.8")), []);
		assert.deepEqual(index.observablesOfId(detector.id), [v4("198.51.100.7")]);
		assert.equal(index.typeOf(detector.id), "indicator");
		assert.deepEqual(index.size, { objects: 2, values: 1 });
	});

	it("replaces an object's values when it is put again, and forgets them when it is removed", () => {
		const index = new ObservableIndex();
		const detector = indicator("[domain-name:value = 'old.example']", { name: "Old name" });
		index.put(detector);
		index.put({ ...detector, pattern: "[domain-name:value = 'new.example']", name: "New name" });
		assert.deepEqual(index.exact(dn("old.example")), []);
		assert.deepEqual(index.exact(dn("new.example")), [detector.id]);
		assert.deepEqual(index.suggest("old", 10), []);
		assert.deepEqual(index.search("new"), [detector.id]);
		index.remove(detector.id);
		assert.deepEqual(index.exact(dn("new.example")), []);
		assert.deepEqual(index.suggest("new", 10), []);
		assert.deepEqual(index.search("new"), []);
		assert.equal(index.typeOf(detector.id), undefined);
		assert.deepEqual(index.size, { objects: 0, values: 0 });
	});

	it("relates addresses and blocks both ways", () => {
		const index = new ObservableIndex();
		const block = indicator("[ipv4-addr:value = '10.0.0.0/8']");
		const inside = sco("ipv4-addr", "10.1.2.3");
		const outside = sco("ipv4-addr", "11.0.0.1");
		const v6block = indicator("[ipv6-addr:value = '2001:db8::/32']");
		const v6inside = sco("ipv6-addr", "2001:db8::1");
		for (const object of [block, inside, outside, v6block, v6inside]) index.put(object);
		assert.deepEqual(pairs(index.related(v4("10.1.2.3"))), [
			[inside.id, "exact", "10.1.2.3"],
			[block.id, "contains", "10.0.0.0/8"],
		]);
		assert.deepEqual(pairs(index.related(v4("10.9.9.9"))), [[block.id, "contains", "10.0.0.0/8"]]);
		assert.deepEqual(pairs(index.related(v4("10.0.0.0/16"))), [[block.id, "contains", "10.0.0.0/8"]]);
		assert.deepEqual(pairs(index.related(v4("10.0.0.0/8"))), [
			[block.id, "exact", "10.0.0.0/8"],
			[inside.id, "within", "10.1.2.3"],
		]);
		assert.deepEqual(pairs(index.related({ kind: "ipv6", value: "2001:db8::/16" })), [
			[v6block.id, "within", "2001:db8::/32"],
			[v6inside.id, "within", "2001:db8::1"],
		]);
	});

	it("relates domains to sub-domains and parents, and URLs and e-mail addresses to their domains", () => {
		const index = new ObservableIndex();
		const parent = sco("domain-name", "evil.example");
		const child = sco("domain-name", "a.evil.example");
		const grandchild = indicator("[domain-name:value = 'x.a.evil.example']");
		const other = sco("domain-name", "notevil.example");
		for (const object of [parent, child, grandchild, other]) index.put(object);
		assert.deepEqual(pairs(index.related(dn("a.evil.example"))), [
			[child.id, "exact", "a.evil.example"],
			[grandchild.id, "subdomain", "x.a.evil.example"],
			[parent.id, "parent-domain", "evil.example"],
		]);
		assert.deepEqual(pairs(index.related({ kind: "url", value: "http://a.evil.example/x" })), [
			[child.id, "parent-domain", "a.evil.example"],
			[parent.id, "parent-domain", "evil.example"],
		]);
		assert.deepEqual(pairs(index.related({ kind: "email", value: "bob@evil.example" })), [
			[parent.id, "parent-domain", "evil.example"],
		]);
		assert.equal(
			index.related(dn("evil.example"), { limit: 1 }).filter((r) => r.relation === "subdomain").length,
			1,
		);
	});

	it("links the hashes of one file, not of an object naming two files", () => {
		const index = new ObservableIndex();
		const md5 = "d41d8cd98f00b204e9800998ecf8427e";
		const sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
		const sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
		const otherMd5 = "0cc175b9c0f1b6a831c399e269772661";
		const file: StixObject = {
			type: "file",
			spec_version: "2.1",
			id: `file--${uuid()}`,
			hashes: { MD5: md5, "SHA-256": sha256 },
		};
		const bySha1 = indicator(`[file:hashes.'SHA-256' = '${sha256}' AND file:hashes.'SHA-1' = '${sha1}']`);
		const twoFiles = indicator(`[file:hashes.MD5 = '${md5}' OR file:hashes.MD5 = '${otherMd5}']`);
		for (const object of [file, bySha1, twoFiles]) index.put(object);
		const related = pairs(index.related({ kind: "md5", value: md5 }));
		assert.deepEqual(related, [
			[file.id, "exact", md5],
			[twoFiles.id, "exact", md5],
			[bySha1.id, "same-file", sha256],
		]);
		assert.deepEqual(pairs(index.related({ kind: "sha1", value: sha1 })), [
			[bySha1.id, "exact", sha1],
			[file.id, "same-file", sha256],
		]);
		assert.deepEqual(pairs(index.related({ kind: "md5", value: otherMd5 })), [
			[twoFiles.id, "exact", otherMd5],
		]);
	});

	it("searches names, aliases, external ids and descriptions, names first, then by type; and values", () => {
		const index = new ObservableIndex();
		const technique: StixObject = {
			type: "attack-pattern",
			spec_version: "2.1",
			id: `attack-pattern--${uuid()}`,
			name: "Command and Scripting Interpreter",
			external_references: [{ source_name: "mitre-attack", external_id: "T1059" }],
		};
		const group: StixObject = {
			type: "intrusion-set",
			spec_version: "2.1",
			id: `intrusion-set--${uuid()}`,
			name: "APT28",
			aliases: ["Fancy Bear", "Sofacy"],
			description: "Uses a command interpreter (T1059) widely.",
		};
		const vulnerability: StixObject = {
			type: "vulnerability",
			spec_version: "2.1",
			id: `vulnerability--${uuid()}`,
			name: "CVE-2021-44228",
			external_references: [{ source_name: "cve", external_id: "CVE-2021-44228" }],
		};
		const address = sco("ipv4-addr", "203.0.113.9");
		for (const object of [technique, group, vulnerability, address]) index.put(object);
		assert.deepEqual(index.search("T1059"), [technique.id, group.id]);
		assert.deepEqual(index.search("fancy bear"), [group.id]);
		assert.deepEqual(index.search("cve-2021-44228"), [vulnerability.id]);
		assert.deepEqual(index.search("command", { types: ["intrusion-set"] }), [group.id]);
		assert.deepEqual(index.search("203.0.113.9"), [address.id]);
		assert.deepEqual(index.search("nothing here"), []);
	});

	it("suggests values and names by prefix, case-insensitively, most named first", () => {
		const index = new ObservableIndex();
		index.put(sco("domain-name", "evil.example"));
		index.put(indicator("[domain-name:value = 'evil.example']"));
		index.put(sco("domain-name", "evilcorp.example"));
		index.put({
			type: "malware",
			spec_version: "2.1",
			id: `malware--${uuid()}`,
			name: "EvilBot",
			is_family: true,
		});
		index.put(indicator("[ipv4-addr:value = '198.51.100.1']", { name: "Evil indicator" }));
		// Ties in case-insensitive label order: "evilbot" before "evilcorp.example".
		assert.deepEqual(index.suggest("EVIL", 10), [
			{ label: "evil.example", kind: "domain", count: 2 },
			{ label: "EvilBot", kind: "name", count: 1 },
			{ label: "evilcorp.example", kind: "domain", count: 1 },
		]);
		assert.deepEqual(index.suggest("evil", 1), [{ label: "evil.example", kind: "domain", count: 2 }]);
		assert.deepEqual(index.suggest("", 10), []);
	});

	it("suggests names after a rebuild in bulk, as after puts one by one", async () => {
		const index = new ObservableIndex();
		const family = {
			type: "malware",
			spec_version: "2.1",
			id: `malware--${uuid()}`,
			name: "EvilBot",
			is_family: true,
		};
		await index.bulk(async () => {
			index.put(family);
			index.put(sco("domain-name", "evil.example"));
		});
		assert.deepEqual(index.suggest("evil", 10), [
			{ label: "evil.example", kind: "domain", count: 1 },
			{ label: "EvilBot", kind: "name", count: 1 },
		]);
		index.remove(family.id);
		assert.deepEqual(index.suggest("evil", 10), [{ label: "evil.example", kind: "domain", count: 1 }]);
	});
});

/** Random entries over a small space of addresses, blocks and domains, so that relations are frequent. */
const observable = fc.oneof(
	fc
		.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 26, max: 32 }))
		.map(([low, prefix]): Observable => {
			const block = parseBlock(`10.0.0.${low}/${prefix}`);
			const n = block?.version === 4 ? block.network : 0;
			const text = `10.0.0.${n & 255}`;
			return { kind: "ipv4", value: prefix === 32 ? text : `${text}/${prefix}` };
		}),
	fc
		.array(fc.constantFrom("a", "b", "evil", "example"), { minLength: 1, maxLength: 3 })
		.map((labels): Observable => ({ kind: "domain", value: labels.join(".") })),
);
const operation = fc.record({
	id: fc.integer({ min: 0, max: 15 }),
	remove: fc.boolean(),
	observables: fc.uniqueArray(observable, { maxLength: 3, selector: (o) => `${o.kind}:${o.value}` }),
});

function range(o: Observable): [number, number, number] {
	const block = parseBlock(o.value);
	if (block?.version !== 4) throw new Error("not ipv4");
	return [block.network, block.network + 2 ** (32 - block.prefix) - 1, block.prefix];
}

/** The relation the model sees between an asked value and a held one, or undefined. */
function relationOf(asked: Observable, held: Observable): string | undefined {
	if (asked.kind !== held.kind) return undefined;
	if (asked.value === held.value) return "exact";
	if (asked.kind === "ipv4") {
		const [a, b, p] = range(asked);
		const [c, d, q] = range(held);
		if (p < q && a <= c && d <= b) return "within";
		if (q < p && c <= a && b <= d) return "contains";
		return undefined;
	}
	if (held.value.endsWith(`.${asked.value}`)) return "subdomain";
	if (parentsOf(asked.value).includes(held.value)) return "parent-domain";
	return undefined;
}

describe("ObservableIndex against a brute-force model", () => {
	it("answers exact, related and count as a scan of every held object would", () => {
		fc.assert(
			fc.property(fc.array(operation, { maxLength: 40 }), observable, (operations, asked) => {
				const index = new ObservableIndex();
				const model = new Map<string, readonly Observable[]>();
				for (const { id: n, remove, observables } of operations) {
					const id = `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
					if (remove) {
						index.remove(id);
						model.delete(id);
					} else {
						const entry: IndexEntry = { id, type: "indicator", observables, text: { strong: [] } };
						index.putEntry(entry);
						model.set(id, observables);
					}
				}
				const expected = new Set<string>();
				let exactCount = 0;
				for (const [id, observables] of model)
					for (const held of observables) {
						const relation = relationOf(asked, held);
						if (relation !== undefined) expected.add(`${id} ${relation} ${held.value}`);
						if (relation === "exact") exactCount++;
					}
				const found = index.related(asked, { limit: 1000 });
				assert.equal(new Set(found.map((r) => r.id)).size, found.length, "each object once");
				for (const r of found)
					assert.ok(
						expected.has(`${r.id} ${r.relation} ${r.via.value}`),
						`${r.id} ${r.relation} ${r.via.value}`,
					);
				const foundIds = new Set(found.map((r) => r.id));
				const expectedIds = new Set([...expected].map((line) => line.split(" ")[0]));
				assert.deepEqual(foundIds, expectedIds);
				assert.equal(index.count(asked), exactCount);
				assert.equal(index.size.objects, model.size);
				assert.equal(
					index.size.values,
					new Set([...model.values()].flat().map((o) => `${o.kind}:${o.value}`)).size,
				);
			}),
			{ numRuns: 400 },
		);
	});
});
