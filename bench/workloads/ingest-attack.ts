// Ingest of ATT&CK Enterprise (STIX 2.0 → 2.1, full validation) against JSON.parse + one INSERT per object.
import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestSource } from "../../src/ingest/index.ts";
import { DEFAULT_LIMITS } from "../../src/json/index.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { openWriter } from "../../src/store/sqlite/connection.ts";
import { sharedData } from "../../test/support/shared-data.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";

const PROVENANCE = { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "bench" };

export const ingestAttack: Workload = {
	name: "ingest ATT&CK Enterprise",
	async run(): Promise<BenchRow[]> {
		const file = sharedData("stix20", "attack", "enterprise-attack-assembled.json");
		const source = {
			name: file,
			size: undefined,
			open: () => createReadStream(file, { highWaterMark: 1 << 20 }),
		};
		const scratch = (): string => mkdtempSync(join(tmpdir(), "entente-bench-"));

		// Floor: read, JSON.parse, one INSERT per object in one transaction, same SQLite settings.
		const floorMs = await bestOf(
			3,
			() => {
				const dir = scratch();
				const db = openWriter(join(dir, "floor.db"), "NORMAL");
				db.exec("CREATE TABLE objects (id TEXT NOT NULL, version TEXT NOT NULL, body TEXT NOT NULL)");
				return { dir, db };
			},
			({ db }) => {
				const bundle = JSON.parse(readFileSync(file, "utf8")) as { objects: Record<string, unknown>[] };
				const insert = db.prepare("INSERT INTO objects (id, version, body) VALUES (?, ?, ?)");
				db.exec("BEGIN");
				for (const object of bundle.objects) {
					insert.run(String(object.id), String(object.modified ?? ""), JSON.stringify(object));
				}
				db.exec("COMMIT");
			},
			({ dir, db }) => {
				db.close();
				rmSync(dir, { recursive: true, force: true });
			},
		);

		let reingestMs = 0;
		let objects = 0;
		const oursMs = await bestOf(
			3,
			async () => {
				const dir = scratch();
				return { dir, store: await openSqliteStore({ path: join(dir, "entente.db") }) };
			},
			async ({ store }: { store: Store }) => {
				const report = await ingestSource(store, source, { provenance: PROVENANCE, limits: DEFAULT_LIMITS });
				objects = report.counts.stored;
			},
			async ({ dir, store }) => {
				const started = performance.now();
				await ingestSource(store, source, { provenance: PROVENANCE, limits: DEFAULT_LIMITS });
				const took = performance.now() - started;
				reingestMs = reingestMs === 0 ? took : Math.min(reingestMs, took);
				await store.close();
				rmSync(dir, { recursive: true, force: true });
			},
		);
		return [
			{
				name: `ingest ATT&CK Enterprise (${objects.toLocaleString("en")} objects, 2.0→2.1, validated)`,
				value: oursMs,
				unit: "ms",
				floor: floorMs,
				floorName: "JSON.parse + INSERT/object, 1 txn",
				ratio: oursMs / floorMs,
				target: "≤ 2.0×",
				notes: `${Math.round((objects / oursMs) * 1000).toLocaleString("en")} objects/s`,
			},
			{
				name: "re-ingest ATT&CK Enterprise (all duplicates)",
				value: reingestMs,
				unit: "ms",
				floor: oursMs,
				floorName: "first ingest",
				ratio: reingestMs / oursMs,
				target: "≤ 1.0×",
			},
		];
	},
};
