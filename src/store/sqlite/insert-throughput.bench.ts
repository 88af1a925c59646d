// Manual timing of the SQLite insert path (not a test): run it by hand; move to bench/ once that harness exists.
// Usage: ./node_modules/.bin/node src/store/sqlite/insert-throughput.bench.ts [count] [batch]
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NewVersion } from "../store.ts";
import { openWriter } from "./connection.ts";
import { openSqliteStore } from "./sqlite-store.ts";

const count = Number(process.argv[2] ?? 200_000);
const batchSize = Number(process.argv[3] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), "entente-bench-"));

function indicator(i: number): Record<string, unknown> {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${randomUUID()}`, // random like real UUIDv4s: the (id, version) index sees random inserts
		created: "2024-05-01T10:00:00.000Z",
		modified: "2024-05-01T10:00:00.000Z",
		name: `bad ip ${i}`,
		pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
		pattern_type: "stix",
		valid_from: "2024-05-01T10:00:00Z",
		indicator_types: ["malicious-activity"],
	};
}
const texts = Array.from({ length: count }, (_, i) => JSON.stringify(indicator(i)));

// Floor: JSON.parse + one INSERT per object in one transaction, same pragmas, a bare table.
{
	const db = openWriter(join(dir, "floor.db"), "NORMAL");
	db.exec("CREATE TABLE t (id TEXT, body TEXT)");
	const insert = db.prepare("INSERT INTO t (id, body) VALUES (?, ?)");
	const start = performance.now();
	db.exec("BEGIN");
	for (const text of texts) insert.run((JSON.parse(text) as { id: string }).id, text);
	db.exec("COMMIT");
	const seconds = (performance.now() - start) / 1000;
	console.log(`floor (parse + bare insert): ${Math.round(count / seconds)} objects/s`);
	db.close();
}

// Store: JSON.parse + putVersions in batches (each its own durable transaction).
{
	const store = await openSqliteStore({ path: join(dir, "store.db") });
	const provenance = { organizationId: "identity--00000000-0000-4000-8000-000000000001", source: "bench" };
	const start = performance.now();
	for (let offset = 0; offset < count; offset += batchSize) {
		const batch: NewVersion[] = texts
			.slice(offset, offset + batchSize)
			.map((text) => ({ object: JSON.parse(text), provenance }));
		await store.putVersions(batch);
	}
	const seconds = (performance.now() - start) / 1000;
	console.log(`store (parse + putVersions, batch ${batchSize}): ${Math.round(count / seconds)} objects/s`);

	const again = performance.now();
	for (let offset = 0; offset < count; offset += batchSize) {
		const batch: NewVersion[] = texts
			.slice(offset, offset + batchSize)
			.map((text) => ({ object: JSON.parse(text), provenance }));
		await store.putVersions(batch);
	}
	console.log(
		`re-put (all duplicates): ${Math.round(count / ((performance.now() - again) / 1000))} objects/s`,
	);

	const queryStart = performance.now();
	let pages = 0;
	let after: string | undefined;
	do {
		const page = await store.query({ limit: 1000, ...(after === undefined ? {} : { after }) });
		after = page.next;
		pages++;
	} while (after !== undefined);
	console.log(
		`paged all latest (limit 1000): ${pages} pages in ${Math.round(performance.now() - queryStart)} ms`,
	);
	const countStart = performance.now();
	const n = await store.count({});
	console.log(`count latest: ${n} in ${Math.round(performance.now() - countStart)} ms`);
	await store.close();
}
rmSync(dir, { recursive: true, force: true });
