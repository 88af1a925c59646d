// Settings a node's processes take from entente.json and ENTENTE_* variables: the store, federation per process.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "./load.ts";

const dir = mkdtempSync(join(tmpdir(), "entente-config-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let made = 0;
const URL = "postgres://entente@db.internal/cti";

/** A data directory whose entente.json holds `settings`. */
function dataDirWith(settings: unknown): string {
	const dataDir = join(dir, `node-${++made}`);
	mkdirSync(dataDir);
	writeFileSync(join(dataDir, "entente.json"), JSON.stringify(settings));
	return dataDir;
}

describe("store settings", () => {
	it("name no store by default: SQLite in the data directory", () => {
		const config = loadConfig({ dataDir: join(dir, "none") }, {});
		assert.equal(config.store.url, undefined);
		assert.equal(config.store.synchronous, "NORMAL");
	});

	it("take store.url from entente.json, and ENTENTE_STORE_URL over it, keeping the file's other store settings", () => {
		const dataDir = dataDirWith({ store: { url: "other.db", synchronous: "FULL" } });
		assert.equal(loadConfig({ dataDir }, {}).store.url, "other.db");
		const fromEnv = loadConfig({ dataDir }, { ENTENTE_STORE_URL: URL });
		assert.deepEqual(fromEnv.store, { url: URL, synchronous: "FULL" });
	});

	it("accept kind when it agrees with url, and name the mismatch otherwise", () => {
		assert.equal(
			loadConfig({ dataDir: dataDirWith({ store: { kind: "postgres", url: URL } }) }, {}).store.kind,
			"postgres",
		);
		assert.equal(
			loadConfig({ dataDir: dataDirWith({ store: { kind: "sqlite" } }) }, {}).store.kind,
			"sqlite",
		);
		assert.throws(
			() => loadConfig({ dataDir: dataDirWith({ store: { kind: "postgres" } }) }, {}),
			/store\.kind: store\.kind "postgres" goes with a postgres:\/\/ store\.url/,
		);
		assert.throws(
			() => loadConfig({ dataDir: dataDirWith({ store: { kind: "sqlite", url: URL } }) }, {}),
			/store\.kind/,
		);
	});
});

describe("federation per process", () => {
	it("ENTENTE_FEDERATION_ENABLED turns federation off in one process, keeping the file's other federation settings", () => {
		const dataDir = dataDirWith({ federation: { pollMs: 500 } });
		assert.equal(loadConfig({ dataDir }, {}).federation.enabled, true);
		const off = loadConfig({ dataDir }, { ENTENTE_FEDERATION_ENABLED: "false" });
		assert.equal(off.federation.enabled, false);
		assert.equal(off.federation.pollMs, 500);
		assert.throws(() => loadConfig({ dataDir }, { ENTENTE_FEDERATION_ENABLED: "no" }), /federation\.enabled/);
	});
});

describe("rate limit", () => {
	it("defaults to a burst of 200 at 50/s with free TAXII next pages, and takes entente.json's values", () => {
		assert.deepEqual(loadConfig({ dataDir: join(dir, "none") }, {}).rateLimit, {
			burst: 200,
			perSecond: 50,
			nextPageCost: 0,
		});
		const dataDir = dataDirWith({ rateLimit: { burst: 20, nextPageCost: 0.25 } });
		assert.deepEqual(loadConfig({ dataDir }, {}).rateLimit, { burst: 20, perSecond: 50, nextPageCost: 0.25 });
		assert.throws(
			() => loadConfig({ dataDir: dataDirWith({ rateLimit: { perSecond: 0 } }) }, {}),
			/rateLimit/,
		);
		assert.throws(() => loadConfig({ dataDir: dataDirWith({ rateLimit: { burts: 5 } }) }, {}), /rateLimit/);
	});
});
