// Runs the Store contract against SQLite (memory and file) and checks what only a file backend can show.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { batchOf, indicator, runStoreContract } from "#test/contract/store/store-contract.ts";
import { openSqliteStore } from "./sqlite-store.ts";

const dir = mkdtempSync(join(tmpdir(), "entente-store-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = (): string => join(dir, `store-${++files}.db`);

runStoreContract(
	"sqlite :memory:",
	() => openSqliteStore({ path: ":memory:" }),
	(quarantineLimits) => openSqliteStore({ path: ":memory:", quarantineLimits }),
);
runStoreContract("sqlite file", () => openSqliteStore({ path: freshPath(), synchronous: "FULL" }));

/** Reads a table of a closed store file directly, as an operator would. */
function inspect(path: string, sql: string): Record<string, unknown>[] {
	const db = new DatabaseSync(path, { readOnly: true });
	try {
		return db
			.prepare(sql)
			.all()
			.map((row) => ({ ...row }));
	} finally {
		db.close();
	}
}

describe("sqlite store on a file", () => {
	it("keeps data across reopen and does not re-apply migrations", async () => {
		const path = freshPath();
		const store = await openSqliteStore({ path });
		await store.putVersions(batchOf([indicator(1)]));
		await store.setMeta("k", "v");
		await store.close();
		const before = inspect(path, "SELECT version, applied_at FROM schema_migrations");
		const reopened = await openSqliteStore({ path });
		assert.equal(await reopened.getMeta("k"), "v");
		assert.equal((await reopened.getVersions(indicator(1).id)).length, 1);
		await reopened.close();
		assert.deepEqual(inspect(path, "SELECT version, applied_at FROM schema_migrations"), before);
	});

	it("records a tombstone when an object is deleted", async () => {
		const path = freshPath();
		const store = await openSqliteStore({ path });
		await store.putVersions(batchOf([indicator(1), indicator(2)]));
		await store.deleteObject(indicator(1).id);
		await store.deleteObject("indicator--never-stored");
		await store.close();
		assert.deepEqual(
			inspect(path, "SELECT id FROM tombstones").map((row) => row.id),
			[indicator(1).id],
		);
	});

	it("keeps dateAdded increasing with a stuck or backward clock, across restarts and deletes", async () => {
		const path = freshPath();
		let now = 1_800_000_000_000_000n;
		const clock = () => now;
		const store = await openSqliteStore({ path, now: clock });
		const first = await store.putVersions(batchOf([indicator(1), indicator(2)]));
		assert.deepEqual(
			first.map((o) => (o.status === "stored" ? o.dateAdded : "")),
			["2027-01-15T08:00:00.000000Z", "2027-01-15T08:00:00.000001Z"],
		);
		await store.deleteObject(indicator(2).id); // the newest row goes; its dateAdded must not come back
		await store.close();
		now -= 60_000_000n; // the wall clock stepped back a minute
		const reopened = await openSqliteStore({ path, now: clock });
		const [next] = await reopened.putVersions(batchOf([indicator(3)]));
		assert.equal(next?.status === "stored" && next.dateAdded, "2027-01-15T08:00:00.000003Z");
		await reopened.close();
	});

	it("leaves a consistent database with every acknowledged batch after kill -9", async () => {
		const path = freshPath();
		const storeModule = fileURLToPath(new URL("./sqlite-store.ts", import.meta.url));
		const contractModule = fileURLToPath(
			new URL("../../../test/contract/store/store-contract-fixtures.ts", import.meta.url),
		);
		// The child acknowledges batches on stdout, then SIGKILLs itself mid-stream without close().
		const script = `
			const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
			const { batchOf, indicator } = await import(${JSON.stringify(contractModule)});
			const store = await openSqliteStore({ path: ${JSON.stringify(path)} });
			for (let b = 0; b < 20; b++) {
				await store.putVersions(batchOf(Array.from({ length: 50 }, (_, i) => indicator(b * 50 + i))));
				process.stdout.write("ack " + b + "\\n");
			}
			process.kill(process.pid, "SIGKILL");
		`;
		const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
		assert.equal(child.signal, "SIGKILL", child.stderr);
		const acknowledged = child.stdout.split("\n").filter((line) => line.startsWith("ack")).length;
		assert.equal(acknowledged, 20);
		const store = await openSqliteStore({ path });
		assert.equal(await store.count({}), acknowledged * 50);
		await store.close();
		assert.deepEqual(inspect(path, "PRAGMA integrity_check"), [{ integrity_check: "ok" }]);
	});

	it("opens a second store on the same file without losing order", async () => {
		const path = freshPath();
		const one = await openSqliteStore({ path });
		const two = await openSqliteStore({ path });
		await one.putVersions(batchOf([indicator(1)]));
		await two.putVersions(batchOf([indicator(2)]));
		await one.putVersions(batchOf([indicator(3)]));
		const ids = (await two.query({ limit: 10 })).items.map((item) => item.id);
		assert.deepEqual(ids, [indicator(1).id, indicator(2).id, indicator(3).id]);
		await one.close();
		await two.close();
	});

	it("lets exactly one of four processes applying a policy on the same base win (D63)", async () => {
		const path = freshPath();
		const store = await openSqliteStore({ path });
		const base = { version: 0, parties: [], jurisdictions: [], agreements: [], communities: [] };
		await store.putPolicy({ text: "base", policy: base, appliedBy: "test" });
		await store.close();
		const storeModule = fileURLToPath(new URL("./sqlite-store.ts", import.meta.url));
		// Each child opens its store, waits for the same instant, then applies on version 1.
		const start = Date.now() + 1500;
		const script = (name: string): string => `
			const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
			const store = await openSqliteStore({ path: ${JSON.stringify(path)} });
			await new Promise((resolve) => setTimeout(resolve, ${start} - Date.now()));
			const policy = ${JSON.stringify(base)};
			try {
				await store.putPolicy({ text: ${JSON.stringify(name)}, policy, appliedBy: ${JSON.stringify(name)} }, 1);
				process.stdout.write("won");
			} catch (error) {
				process.stdout.write(String(error.code));
			}
			await store.close();
		`;
		const outcomes = await Promise.all(
			["a", "b", "c", "d"].map(
				(name) =>
					new Promise<string>((resolve, reject) => {
						execFile(process.execPath, ["--input-type=module", "-e", script(name)], (error, stdout) =>
							error === null ? resolve(stdout) : reject(error),
						);
					}),
			),
		);
		assert.deepEqual(outcomes.toSorted(), [
			"E_POLICY_CONFLICT",
			"E_POLICY_CONFLICT",
			"E_POLICY_CONFLICT",
			"won",
		]);
		assert.deepEqual(
			inspect(path, "SELECT version FROM policy_versions ORDER BY version").map((row) => row.version),
			[1, 2],
		);
	});
});
