// Child process of the misp-import benchmark: `ours` (MISP JSON → mispToStix → ingest into SQLite, as
// `entente import` does; `indicators` with --misp-indicators-only) or `floor` (JSON.parse + one INSERT per attribute), over the same generated events.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyTally, mispTranslator } from "../../src/cli/commands/misp-import.ts";
import { ingestSource } from "../../src/ingest/index.ts";
import { DEFAULT_LIMITS } from "../../src/json/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { openWriter } from "../../src/store/sqlite/connection.ts";
import { mispEvents } from "../misp-events.ts";

const [mode = "ours", eventsText = "1000", attributesText = "100"] = process.argv.slice(2);
const text = JSON.stringify(mispEvents(Number(eventsText), Number(attributesText)));
const bytes = Buffer.from(text);
const dir = mkdtempSync(join(tmpdir(), "entente-bench-misp-"));
const started = performance.now();
let attributes = 0;
let objects = 0;
if (mode === "floor") {
	const db = openWriter(join(dir, "floor.db"), "NORMAL");
	db.exec("CREATE TABLE attributes (id TEXT NOT NULL, version TEXT NOT NULL, body TEXT NOT NULL)");
	const insert = db.prepare("INSERT INTO attributes (id, version, body) VALUES (?, ?, ?)");
	db.exec("BEGIN");
	for (const event of JSON.parse(text) as { Event: { Attribute: Record<string, string>[] } }[]) {
		for (const attribute of event.Event.Attribute) {
			insert.run(attribute.uuid ?? "", attribute.timestamp ?? "", JSON.stringify(attribute));
			if (++attributes % 2000 === 0) db.exec("COMMIT; BEGIN");
		}
	}
	db.exec("COMMIT");
	db.close();
	objects = attributes;
} else {
	const store = await openSqliteStore({ path: join(dir, "entente.db") });
	const tally = emptyTally();
	const report = await ingestSource(
		store,
		{
			name: "generated",
			size: bytes.byteLength,
			open: async function* () {
				for (let at = 0; at < bytes.byteLength; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
			},
		},
		{
			provenance: { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "bench" },
			limits: DEFAULT_LIMITS,
			translate: mispTranslator(tally, { indicatorsOnly: mode === "indicators" }),
		},
	);
	if (report.counts.rejected > 0 || tally.refused > 0)
		throw new Error(
			`misp-import bench: ${report.counts.rejected} rejected: ${JSON.stringify(report.problems[0])}`,
		);
	attributes = tally.attributes;
	objects = report.counts.stored;
	await store.close();
}
const ms = performance.now() - started;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
	`${JSON.stringify({ ms, attributes, objects, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
