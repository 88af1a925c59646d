// openStore picks the backend from the location: postgres:// URLs PostgreSQL, anything else a SQLite file.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { batchOf, indicator } from "#test/contract/store/store-contract.ts";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import { openStore, storeLocation } from "./open-store.ts";

const dir = mkdtempSync(join(tmpdir(), "entente-open-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const postgresUrl = process.env.ENTENTE_TEST_POSTGRES_URL;

describe("storeLocation", () => {
	it("is entente.db in the data directory by default, a relative SQLite path is under it, a URL is kept", () => {
		assert.equal(storeLocation("/srv/node", undefined), "/srv/node/entente.db");
		assert.equal(storeLocation("/srv/node", "store/x.db"), "/srv/node/store/x.db");
		assert.equal(storeLocation("/srv/node", "/var/lib/x.db"), "/var/lib/x.db");
		const url = "postgresql://entente:secret@db.internal:5432/cti?sslmode=require";
		assert.equal(storeLocation("/srv/node", url), url);
		assert.equal(storeLocation("/srv/node", "POSTGRES://db/cti"), "POSTGRES://db/cti");
	});
});

describe("openStore", () => {
	it("opens a SQLite file for a path", async () => {
		const path = join(dir, "one.db");
		const store = await openStore(path, { synchronous: "FULL" });
		await store.putVersions(batchOf([indicator(1)]));
		await store.close();
		assert.ok(existsSync(path));
	});

	it("refuses a malformed PostgreSQL URL or schema before connecting", async () => {
		await assert.rejects(
			openStore("postgres://db.internal/cti?schema=Bad-Name"),
			/lower-case SQL identifier/,
		);
		await assert.rejects(openStore("postgres://[bad"), /URL is malformed/);
	});

	it("names the server, not the password, when PostgreSQL cannot be reached", async () => {
		await assert.rejects(openStore("postgres://entente:s3cret@127.0.0.1:1/cti"), (error: unknown) => {
			const { code, message } = error as { code?: string; message?: string };
			assert.equal(code, "E_STORE_MIGRATION");
			assert.match(
				message ?? "",
				/cannot open the PostgreSQL store at postgres:\/\/entente:\*\*\*@127\.0\.0\.1:1\/cti/,
			);
			assert.doesNotMatch(message ?? "", /s3cret/);
			return true;
		});
	});

	it("opens PostgreSQL for a postgres:// URL, in the schema it names", {
		skip: postgresUrl === undefined,
	}, async () => {
		const schemas = testSchemas(postgresUrl as string);
		const schema = schemas.fresh();
		try {
			const store = await openStore(schemas.urlOf(schema));
			await store.putVersions(batchOf([indicator(1)]));
			await store.close();
			const again = await openStore(schemas.urlOf(schema));
			assert.equal(await again.count({}), 1);
			await again.close();
		} finally {
			await schemas.end();
		}
	});
});
