// Hostile and broken input through ingestSource and the real CLI: a clear error naming the problem or
// the limit, the process carries on, the valid neighbours are stored and nothing of the bad object is.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { indicatorBundle } from "../bench/indicators.ts";
import { type IngestReport, ingestSource } from "../src/ingest/index.ts";
import { type JsonLimits, jsonLimits, parseJson } from "../src/json/index.ts";
import { openSqliteStore, type Store } from "../src/store/index.ts";
import { entente, type ImportJson, initNode, scratch } from "./support/cli.ts";

const ORG = "identity--4d8a5f2e-1c3b-4e6f-9a7d-2b5c8e1f0a3d";
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Object.prototype's own properties before any hostile input was read. */
const PROTOTYPE_BEFORE = Object.getOwnPropertyNames(Object.prototype);

/** A valid indicator with a fresh id; `extra` members are appended (and may override). */
function indicator(extra: Record<string, unknown> = {}): Record<string, unknown> {
	const at = "2026-01-01T00:00:00.000Z";
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${randomUUID()}`,
		created: at,
		modified: at,
		pattern: "[ipv4-addr:value = '198.51.100.7']",
		pattern_type: "stix",
		valid_from: at,
		...extra,
	};
}

/** A bundle around already-serialised members of `objects`, so tests can put broken JSON inside. */
const bundle = (objects: readonly string[]): string =>
	`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[${objects.join(",")}]}`;

/** An object's JSON with `raw` spliced in as its last member (raw text, possibly invalid JSON). */
const withRaw = (object: Record<string, unknown>, raw: string): string =>
	`${JSON.stringify(object).slice(0, -1)},${raw}}`;

const { dir, remove } = scratch("bad-input");
let store: Store;
before(async () => {
	store = await openSqliteStore({ path: join(dir, "bad-input.db") });
});
after(async () => {
	await store.close();
	remove();
});

/** Ingests `input` in 64 KiB chunks, the way a file or a socket delivers it. */
async function ingestBytes(
	input: Uint8Array | string,
	limits: JsonLimits = jsonLimits(),
): Promise<IngestReport> {
	const bytes = typeof input === "string" ? utf8(input) : input;
	return ingestSource(
		store,
		{
			name: "test",
			size: bytes.length,
			async *open() {
				for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
			},
		},
		{ provenance: { organizationId: ORG, source: "bad-input-test" }, limits },
	);
}

/** The good objects are stored, the bad one is rejected with `reason` and nothing of it is stored. */
async function assertOnlyBadRejected(
	report: IngestReport,
	good: readonly Record<string, unknown>[],
	bad: { index: number; id: string; reason: RegExp },
): Promise<void> {
	assert.deepEqual(report.counts, { stored: good.length, duplicate: 0, rejected: 1, quarantined: 0 });
	assert.equal(report.problems.length, 1);
	assert.equal(report.problems[0]?.index, bad.index);
	assert.match(report.problems[0]?.reason ?? "", bad.reason);
	assert.deepEqual(await store.getVersions(bad.id), [], "nothing of the rejected object is stored");
	for (const object of good) assert.equal((await store.getVersions(object.id as string)).length, 1);
}

describe("malformed JSON inside a bundle rejects that object only", () => {
	const cases: [string, string, RegExp][] = [
		["a trailing comma", `"x_a":1,`, /^invalid JSON: trailing comma before '\}' at \$\.objects\[1\]/],
		[
			"NaN",
			`"confidence":NaN`,
			/NaN, Infinity, quotes and comments are not JSON\) at \$\.objects\[1\]\.confidence/,
		],
		["single quotes", `'x_a':1`, /^invalid JSON: .* at \$\.objects\[1\]/],
		["a comment", `/* hi */"x_a":1`, /^invalid JSON: .* at \$\.objects\[1\]/],
		[
			"a duplicate key",
			`"pattern_type":"snort"`,
			/^duplicate key "pattern_type" at \$\.objects\[1\]\.pattern_type \(byte \d+\)$/,
		],
		[
			"a __proto__ key",
			`"__proto__":{"polluted":true}`,
			/^forbidden key "__proto__" at \$\.objects\[1\]\.__proto__/,
		],
		[
			"constructor.prototype",
			`"x_a":{"constructor":{"prototype":{"polluted":true}}}`,
			/^forbidden key "prototype" at \$\.objects\[1\]\.x_a\.constructor\.prototype/,
		],
	];
	for (const [name, raw, reason] of cases) {
		it(`${name}: ${reason.source.slice(0, 40)}…`, async () => {
			const good = [indicator(), indicator()];
			const bad = indicator();
			const report = await ingestBytes(
				bundle([JSON.stringify(good[0]), withRaw(bad, raw), JSON.stringify(good[1])]),
			);
			await assertOnlyBadRejected(report, good, { index: 1, id: bad.id as string, reason });
			assert.deepEqual(report.inputErrors, []);
		});
	}

	it("leaves Object.prototype untouched", () => {
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
		assert.deepEqual(Object.getOwnPropertyNames(Object.prototype), PROTOTYPE_BEFORE);
		assert.equal(Object.getPrototypeOf({}), Object.prototype);
	});
});

describe("invalid UTF-8 rejects the object that holds it", () => {
	const sequences: [string, number[]][] = [
		["a stray continuation byte", [0x80]],
		["0xFF", [0xff, 0xfe]],
		["an overlong '/'", [0xc0, 0xaf]],
		["an encoded surrogate", [0xed, 0xa0, 0x80]],
		["a cut sequence", [0xe2, 0x82]],
	];
	for (const [name, sequence] of sequences) {
		it(name, async () => {
			const good = [indicator(), indicator()];
			const bad = indicator({ name: "MARK" });
			const bytes = utf8(bundle([JSON.stringify(good[0]), JSON.stringify(bad), JSON.stringify(good[1])]));
			const at = Buffer.from(bytes).indexOf("MARK");
			const broken = new Uint8Array([...bytes.subarray(0, at), ...sequence, ...bytes.subarray(at + 4)]);
			const report = await ingestBytes(broken);
			await assertOnlyBadRejected(report, good, {
				index: 1,
				id: bad.id as string,
				reason: /^invalid UTF-8 at byte \d+$/,
			});
		});
	}
});

describe("limits", () => {
	for (const depth of [1e2, 1e3, 1e4, 1e5, 1e6]) {
		it(`nesting ${depth.toLocaleString("en")} deep is refused at the depth limit`, async () => {
			const good = [indicator(), indicator()];
			const bad = indicator();
			const deep = `"x_deep":${"[".repeat(depth)}${"]".repeat(depth)}`;
			const report = await ingestBytes(
				bundle([JSON.stringify(good[0]), withRaw(bad, deep), JSON.stringify(good[1])]),
			);
			const reason = /^JSON nested deeper than the limit of 64 levels at \$\.objects\[1\]\.x_deep\[0\]/;
			await assertOnlyBadRejected(report, good, { index: 1, id: bad.id as string, reason });
		});
	}

	it("a whole body nested a million deep is refused, not recursed into", async () => {
		const report = await ingestBytes(`${"[".repeat(1e6)}${"]".repeat(1e6)}`);
		assert.equal(report.counts.stored, 0);
		assert.match(
			report.problems[0]?.reason ?? "",
			/^JSON nested deeper than the limit of 64 levels at \$\[0\]/,
		);
		assert.throws(() => parseJson(`${'{"a":'.repeat(1e5)}1${"}".repeat(1e5)}`), {
			code: "E_JSON_DEPTH",
			message: /^JSON nested deeper than the limit of 64 levels at \$\.a\.a/,
		});
	});

	it("a document over maxBytes is refused before it is parsed", () => {
		assert.throws(() => parseJson(bundle([JSON.stringify(indicator())]), jsonLimits({ maxBytes: 100 })), {
			code: "E_JSON_TOO_LARGE",
			message: /^JSON document of \d+ bytes exceeds the limit of 100 bytes \(maxBytes\)$/,
		});
	});

	it("an object over maxObjectBytes is rejected and the next one stored", async () => {
		const good = [indicator(), indicator()];
		const bad = indicator({ x_list: Array.from({ length: 100 }, () => "y".repeat(1000)) });
		const text = bundle([JSON.stringify(good[0]), JSON.stringify(bad), JSON.stringify(good[1])]);
		const report = await ingestBytes(text, jsonLimits({ maxObjectBytes: 65_536 }));
		const reason = /^\$\.objects\[1\] is larger than the limit of 65536 bytes \(maxObjectBytes\)/;
		await assertOnlyBadRejected(report, good, { index: 1, id: bad.id as string, reason });
	});

	it("more objects than maxObjects: the first ones are stored, the input error names the limit", async () => {
		const objects = [indicator(), indicator(), indicator()];
		const report = await ingestBytes(
			bundle(objects.map((o) => JSON.stringify(o))),
			jsonLimits({ maxObjects: 2 }),
		);
		assert.deepEqual(report.counts, { stored: 2, duplicate: 0, rejected: 0, quarantined: 0 });
		assert.match(report.inputErrors.join("\n"), /^more than 2 objects \(maxObjects\)/);
		assert.deepEqual(await store.getVersions(objects[2]?.id as string), []);
	});

	it("a bundle of 10^5 objects streams: the first batch commits before the input is fully read", async () => {
		let chunksRead = 0;
		let chunksAtFirstCommit: number | undefined;
		async function* counted(): AsyncGenerator<Uint8Array> {
			for await (const chunk of indicatorBundle(100_000, 7)) {
				chunksRead++;
				yield chunk;
			}
		}
		const report = await ingestSource(
			store,
			{ name: "10^5", size: undefined, open: counted },
			{
				provenance: { organizationId: ORG, source: "bad-input-test" },
				limits: jsonLimits(),
				batchSize: 2000,
				onCommitted: () => {
					chunksAtFirstCommit ??= chunksRead;
				},
			},
		);
		assert.deepEqual(report.counts, { stored: 100_000, duplicate: 0, rejected: 0, quarantined: 0 });
		assert.ok(chunksRead > 20, `the bundle is ${chunksRead} chunks`);
		assert.ok(
			(chunksAtFirstCommit ?? Infinity) < chunksRead / 4,
			`first commit after ${chunksAtFirstCommit} chunks`,
		);
	});
});

describe("through the CLI: the process reports and carries on", () => {
	let data: string;
	before(async () => {
		data = (await initNode(dir, "cli")).data;
	});

	async function importFile(name: string, text: string): Promise<{ code: number | null; json: ImportJson }> {
		const file = join(dir, name);
		writeFileSync(file, text);
		const result = await entente(["import", file, "--data", data, "--json"]);
		assert.doesNotMatch(result.stderr, /unexpected failure/);
		return { code: result.code, json: JSON.parse(result.stdout) as ImportJson };
	}

	async function exportedIds(ids: readonly string[]): Promise<string[]> {
		const result = await entente(["export", "--data", data, ...ids.flatMap((id) => ["--id", id])]);
		assert.equal(result.code, 0, result.stderr);
		return (JSON.parse(result.stdout) as { objects: { id: string }[] }).objects.map((o) => o.id).sort();
	}

	it("an object with a 50 MB string: rejected naming maxStringBytes, the next object stored", async () => {
		const good = indicator();
		const bad = indicator({ description: "A".repeat(50 * 1024 * 1024) });
		const text = bundle([JSON.stringify(bad), JSON.stringify(good)]);
		const { code, json } = await importFile("huge-string.json", text);
		assert.equal(code, 3);
		const report = json.reports[0]?.report;
		assert.deepEqual(report?.counts, { stored: 1, duplicate: 0, rejected: 1, quarantined: 0 });
		assert.equal(
			report?.problems[0]?.reason,
			"JSON string larger than the limit of 8388608 bytes (maxStringBytes) at $.objects[0].description " +
				`(byte ${text.indexOf('"AAAA')})`,
		);
		assert.deepEqual(await exportedIds([bad.id as string, good.id as string]), [good.id]);
	});

	it("a truncated file: the objects before the cut are stored, the input error says where it ends", async () => {
		const objects = [indicator(), indicator(), indicator()];
		const text = bundle(objects.map((o) => JSON.stringify(o)));
		const cut = text.indexOf(objects[2]?.id as string);
		const { code, json } = await importFile("truncated.json", text.slice(0, cut));
		assert.equal(code, 3);
		const report = json.reports[0]?.report;
		assert.deepEqual(report?.counts, { stored: 2, duplicate: 0, rejected: 0, quarantined: 0 });
		assert.deepEqual(report?.inputErrors, [
			`truncated JSON: input ends inside $.objects[2] at byte ${Buffer.byteLength(text.slice(0, cut))}`,
		]);
		const ids = objects.map((o) => o.id as string);
		assert.deepEqual(await exportedIds(ids), ids.slice(0, 2).sort());
	});

	it("a file that is not JSON at all gets a syntax error and exit 3", async () => {
		const { code, json } = await importFile("not-json.json", "id,name\n1,evil\n");
		assert.equal(code, 3);
		assert.equal(json.totals.objects, 0);
		assert.match(json.reports[0]?.report.inputErrors[0] ?? "", /\(byte 0\)$/);
	});
});
