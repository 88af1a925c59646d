// A child process for the kill -9 test: ingests indicatorBundle(count) into a SQLite store and prints,
// as each batch is acknowledged, the ids it committed, so the parent knows exactly what was promised.
// Usage: node crash-importer.ts DB_PATH COUNT BATCH_SIZE
// Prints "ack ID ID …" per durable batch, then "done {counts}": a line the parent has read was written
// after its batch's commit. Writes to a full pipe queue up in this process, so reading waits for stdout
// to drain: the import never runs far ahead of what the parent has seen, and its kill lands where it aims.
import { once } from "node:events";
import { indicatorBundle } from "../../bench/indicators.ts";
import { ingest } from "../../src/ingest/index.ts";
import { jsonLimits, readBundle } from "../../src/json/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";

const [path, countText, batchText] = process.argv.slice(2);
if (path === undefined || countText === undefined || batchText === undefined) {
	process.stderr.write("usage: crash-importer.ts DB_PATH COUNT BATCH_SIZE\n");
	process.exit(2);
}

const store = await openSqliteStore({ path });
const read = readBundle(indicatorBundle(Number(countText)), jsonLimits());
async function* items() {
	for await (const item of read.objects) {
		if (process.stdout.writableNeedDrain) await once(process.stdout, "drain");
		if ("error" in item) throw item.error; // the generator's output is valid: any error is a defect
		yield item;
	}
}
const report = await ingest(store, items(), {
	provenance: { organizationId: "identity--4d8a5f2e-1c3b-4e6f-9a7d-2b5c8e1f0a3d", source: "crash-test" },
	batchSize: Number(batchText),
	onCommitted: (results) => {
		// The generator's objects are valid: a rejection is a defect, and its id must not pass for acknowledged.
		const rejected = results.find((result) => result.status === "rejected");
		if (rejected !== undefined) {
			process.stderr.write(`rejected object ${rejected.index}: ${rejected.reason ?? ""}\n`);
			process.exit(3);
		}
		process.stdout.write(`ack ${results.map((result) => result.id).join(" ")}\n`);
	},
});
await store.close();
process.stdout.write(`done ${JSON.stringify(report.counts)}\n`);
