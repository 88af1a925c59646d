// Child process of the 1M-indicator benchmark, so that its peak RSS is its own: `ours` or `floor`, N objects.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestSource } from "../../src/ingest/index.ts";
import { DEFAULT_LIMITS } from "../../src/json/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { openWriter } from "../../src/store/sqlite/connection.ts";
import { indicatorBundle, makeIndicator, random } from "../indicators.ts";

const [mode = "ours", countText = "1000000"] = process.argv.slice(2);
const count = Number(countText);
const dir = mkdtempSync(join(tmpdir(), "entente-bench-"));
const started = performance.now();
let stored = 0;
if (mode === "floor") {
	const db = openWriter(join(dir, "floor.db"), "NORMAL");
	db.exec("CREATE TABLE objects (id TEXT NOT NULL, version TEXT NOT NULL, body TEXT NOT NULL)");
	const insert = db.prepare("INSERT INTO objects (id, version, body) VALUES (?, ?, ?)");
	const next = random(42);
	next(); // the bundle id the generator draws first
	db.exec("BEGIN");
	for (let i = 0; i < count; i++) {
		const object = JSON.parse(JSON.stringify(makeIndicator(next, i))) as Record<string, string>;
		insert.run(object.id ?? "", object.modified ?? "", JSON.stringify(object));
		if (i % 2000 === 1999) db.exec("COMMIT; BEGIN");
	}
	db.exec("COMMIT");
	db.close();
	stored = count;
} else {
	const store = await openSqliteStore({ path: join(dir, "entente.db") });
	const report = await ingestSource(
		store,
		{ name: "generated", size: undefined, open: () => indicatorBundle(count) },
		{
			provenance: { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "bench" },
			limits: DEFAULT_LIMITS,
		},
	);
	stored = report.counts.stored;
	await store.close();
}
const ms = performance.now() - started;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
	`${JSON.stringify({ ms, stored, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
