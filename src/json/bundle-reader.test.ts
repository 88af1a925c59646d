// Tests the streaming reader: real bundles, every accepted form, per-object errors, limits and chunk boundaries.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { sharedData } from "../../test/support/shared-data.ts";
import { type BundleItem, readBundle } from "./bundle-reader.ts";
import { jsonLimits } from "./limits.ts";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function readAll(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, limits = jsonLimits()) {
	const read = readBundle(chunks, limits);
	const items: BundleItem[] = [];
	for await (const item of read.objects) items.push(item);
	return { items, header: await read.header };
}

/** A comparable summary of items: objects as JSON, errors as code and message. */
const summary = (items: readonly BundleItem[]): string[] =>
	items.map((item) =>
		"object" in item
			? `${item.index} ${JSON.stringify(item.object)}`
			: `${item.index} ${item.error.code} ${item.fatal} ${item.error.message}`,
	);

function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
	const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let from = 0;
	for (const point of [...points, bytes.length]) {
		if (point > from) chunks.push(bytes.slice(from, point));
		from = Math.max(from, point);
	}
	return chunks;
}

describe("readBundle", () => {
	it("streams ATT&CK Enterprise (STIX 2.0) with its header", async () => {
		const bytes = readFileSync(sharedData("stix20", "attack", "enterprise-attack-assembled.json"));
		const { items, header } = await readAll(split(bytes, [65_536 * 3, 1_000_003, 20_000_000]));
		const expected = (JSON.parse(bytes.toString("utf8")) as { objects: unknown[] }).objects;
		assert.equal(items.length, 24_771);
		assert.deepEqual(
			items.map((item) => ("object" in item ? item.object : item.error)),
			expected,
		);
		assert.deepEqual(header, {
			form: "bundle",
			type: "bundle",
			id: "bundle--82319a76-26c4-5d40-a8af-032d1e6e537b",
			spec_version: "2.0",
			objectCount: 24_771,
			warnings: [],
			complete: true,
		});
	});

	it("reads a TAXII envelope, a bare object, a top-level array and {}", async () => {
		const envelope = await readAll([utf8('{"more":true,"next":"abc","objects":[{"type":"a","id":"a--1"}]}')]);
		assert.equal(envelope.header.form, "envelope");
		assert.equal(envelope.header.more, true);
		assert.equal(envelope.header.next, "abc");
		assert.equal(envelope.items.length, 1);

		const bare = await readAll([
			readFileSync(sharedData("stix21", "oasis-examples", "interop-objectmarking-test.json")),
		]);
		assert.equal(bare.header.form, "object");
		assert.equal(bare.items.length, 1);
		const [first] = bare.items;
		assert.ok(first !== undefined && "object" in first);
		assert.equal(first.object.type, "campaign");

		const array = await readAll([utf8(' [{"type":"x","id":"x--1"}, 7] ')]);
		assert.equal(array.header.form, "array");
		assert.deepEqual(summary(array.items), [
			'0 {"type":"x","id":"x--1"}',
			"1 E_BUNDLE_SHAPE false objects[1] is a number, not a STIX object",
		]);

		const empty = await readAll([utf8("{}")]);
		assert.deepEqual([empty.header.form, empty.items.length, empty.header.complete], ["envelope", 0, true]);
	});

	it("reads a bundle without type (broken upstream) and warns", async () => {
		const path = sharedData(
			"stix21",
			"markings",
			"tlp2",
			"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json",
		);
		const { items, header } = await readAll([readFileSync(path)]);
		assert.equal(header.form, "bundle");
		assert.equal(header.type, undefined);
		assert.match(header.warnings.join(), /no "type": "bundle"/);
		assert.equal(items.length, 1);
	});

	it("finds type after objects and rejects a non-bundle type there", async () => {
		const late = await readAll([utf8('{"objects":[{"type":"a"}],"id":"bundle--1","type":"bundle"}')]);
		assert.deepEqual(
			[late.header.form, late.header.type, late.header.warnings.length],
			["bundle", "bundle", 0],
		);
		const wrong = await readAll([utf8('{"objects":[{"type":"a"}],"type":"campaign"}')]);
		assert.equal(wrong.items.at(-1) && "error" in (wrong.items.at(-1) as BundleItem), true);
		assert.match(summary(wrong.items).at(-1) ?? "", /E_BUNDLE_SHAPE true/);
	});

	it("yields per-object errors with a path and keeps going", async () => {
		const text =
			'{"type":"bundle","id":"bundle--1","objects":[{"id":"ok--1"},{"id":"a","id":"b"},{"x":NaN},' +
			'{"__proto__":{"polluted":1}},' +
			`${"[".repeat(100)}${"]".repeat(100)},{"id":"ok--2"}]}`;
		const { items, header } = await readAll([utf8(text)]);
		assert.deepEqual(
			items.map((item) => ("object" in item ? item.object.id : item.error.code)),
			["ok--1", "E_JSON_DUPLICATE_KEY", "E_JSON_SYNTAX", "E_JSON_FORBIDDEN_KEY", "E_JSON_DEPTH", "ok--2"],
		);
		assert.match(summary(items)[1] ?? "", /"id" at \$\.objects\[1\]\.id/);
		assert.match(summary(items)[2] ?? "", /at \$\.objects\[2\]\.x/);
		assert.equal(Object.hasOwn(Object.prototype, "polluted"), false);
		assert.equal(header.complete, true);
	});

	it("reports truncation and broken structure after the good objects", async () => {
		const truncated = await readAll([utf8('{"objects":[{"id":"a"},{"id":"b"},{"id":')]);
		assert.deepEqual(summary(truncated.items).slice(0, 2), ['0 {"id":"a"}', '1 {"id":"b"}']);
		assert.match(
			summary(truncated.items)[2] ?? "",
			/^2 E_JSON_SYNTAX true truncated JSON: input ends inside \$\.objects\[2\]/,
		);
		assert.equal(truncated.header.complete, false);

		const comma = await readAll([utf8('{"objects":[{"id":"a"},]}')]);
		assert.match(summary(comma.items)[1] ?? "", /E_JSON_SYNTAX true trailing comma/);
		const scalar = await readAll([utf8('"just a string"')]);
		assert.match(summary(scalar.items)[0] ?? "", /E_BUNDLE_SHAPE true/);
		const duplicate = await readAll([utf8('{"objects":[],"objects":[]}')]);
		assert.match(summary(duplicate.items)[0] ?? "", /E_JSON_DUPLICATE_KEY true/);
	});

	it("strips a BOM split over chunks", async () => {
		const { items } = await readAll([
			new Uint8Array([0xef]),
			new Uint8Array([0xbb, 0xbf, 0x5b]),
			utf8('{"a":1}]'),
		]);
		assert.deepEqual(summary(items), ['0 {"a":1}']);
	});

	it("streams 10^5 objects in one bundle and stops at maxObjects", async () => {
		const count = 100_000;
		function* chunks(): Generator<Uint8Array> {
			yield utf8('{"type":"bundle","id":"bundle--1","objects":[');
			for (let i = 0; i < count; i++) yield utf8(`${i === 0 ? "" : ","}{"type":"x","id":"x--${i}"}`);
			yield utf8("]}");
		}
		const { items, header } = await readAll(chunks());
		assert.equal(items.length, count);
		assert.equal(header.objectCount, count);
		const capped = await readAll(chunks(), jsonLimits({ maxObjects: 10 }));
		assert.equal(capped.items.length, 11);
		assert.match(summary(capped.items)[10] ?? "", /E_BUNDLE_TOO_MANY_OBJECTS true more than 10 objects/);
	});

	it("rejects a 50 MB string, naming the limit, while the next object still comes through", async () => {
		const piece = utf8("x".repeat(1 << 20));
		function* chunks(): Generator<Uint8Array> {
			yield utf8('{"type":"bundle","id":"bundle--1","objects":[{"id":"a--1"},{"id":"big","name":"');
			for (let i = 0; i < 50; i++) yield piece;
			yield utf8('"},{"id":"a--2"}]}');
		}
		const { items, header } = await readAll(chunks());
		assert.equal(items.length, 3);
		assert.match(
			summary(items)[1] ?? "",
			/^1 E_JSON_STRING_TOO_LARGE false .*limit of 8388608 bytes \(maxStringBytes\) at \$\.objects\[1\]\.name/,
		);
		assert.deepEqual(summary(items)[2], '2 {"id":"a--2"}');
		assert.equal(header.complete, true);
		const small = await readAll(chunks(), jsonLimits({ maxStringBytes: 64 << 20, maxObjectBytes: 1 << 20 }));
		assert.match(
			summary(small.items)[1] ?? "",
			/E_JSON_TOO_LARGE false \$\.objects\[1\] is larger than the limit of 1048576 bytes \(maxObjectBytes\)/,
		);
	});

	it("gives identical results whatever the chunk boundaries (property)", async () => {
		const text =
			'\ufeff{ "id" : "bundle--1", "objects" : [ {"a":"x\\"y\\\\","b":[1,2,{"c":null}]}, ' +
			'{"d":"é€𝄞","d":2}, 12.5e3, "s", true, {"e":{"f":[[[]]]}} , {"z":NaN} ], "type":"bundle" }';
		const bytes = utf8(text);
		const reference = summary((await readAll([bytes])).items);
		assert.equal(reference.length, 7);
		for (let cut = 0; cut <= bytes.length; cut++) {
			assert.deepEqual(summary((await readAll(split(bytes, [cut]))).items), reference, `cut at ${cut}`);
		}
		await fc.assert(
			fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 40 }), async (cuts) => {
				assert.deepEqual(summary((await readAll(split(bytes, cuts))).items), reference);
			}),
			{ numRuns: 300 },
		);
	});
});
