// The node's warninglists over a real store, SQLite and PostgreSQL: a loaded list matches after a refresh in this
// process and in another one on the same database, survives a restart, and built-in lists stay.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import { isAppError } from "../../errors/index.ts";
import type { Observable } from "../../observables/index.ts";
import { openStore, type Store, type WarninglistRecord } from "../../store/index.ts";
import { openWarninglists } from "./index.ts";

const shorteners: WarninglistRecord = {
	name: "List of known URL Shorteners domains",
	version: 27,
	description: "shorteners",
	type: "hostname",
	matchingAttributes: ["domain", "url"],
	entries: ["bit.ly", "t.co"],
	source: "url-shortener.json",
};
const shortLink: Observable = { kind: "domain", value: "x.bit.ly" };
const listsOf = (hits: readonly { list: string }[]): string[] => hits.map((hit) => hit.list);

/** Opens the same database again, as a second process or a restart would. */
type Backend = { name: string; open(): Promise<Store>; cleanup(): Promise<void> };

function sqlite(): Backend {
	const folder = mkdtempSync(join(tmpdir(), "entente-wl-"));
	return {
		name: "SQLite",
		open: () => openStore(join(folder, "entente.db")),
		cleanup: async () => rmSync(folder, { recursive: true, force: true }),
	};
}

function postgres(url: string): Backend {
	const schemas = testSchemas(url);
	const schema = schemas.fresh();
	return { name: "PostgreSQL", open: () => openStore(schemas.urlOf(schema)), cleanup: () => schemas.end() };
}

const postgresUrl = process.env.ENTENTE_TEST_POSTGRES_URL;
const backends: (() => Backend)[] = [sqlite, ...(postgresUrl ? [() => postgres(postgresUrl)] : [])];

for (const make of backends) {
	const backend = make();
	after(() => backend.cleanup());

	describe(`warninglists on ${backend.name}`, () => {
		it("match a loaded list after a refresh, here and in another process on the same database, and after a restart", async () => {
			const first = await backend.open();
			const second = await backend.open();
			try {
				const here = await openWarninglists(first);
				const there = await openWarninglists(second);
				assert.deepEqual(here.hits(shortLink), []);
				assert.equal(await here.load(shorteners), "added");
				await here.refresh();
				assert.deepEqual(listsOf(here.hits(shortLink)), [shorteners.name]);
				assert.deepEqual(there.hits(shortLink), [], "not before it looks");
				await there.refresh();
				assert.deepEqual(listsOf(there.hits(shortLink)), [shorteners.name]);
				assert.equal(await there.load({ ...shorteners, source: "elsewhere.json" }), "unchanged");
			} finally {
				await first.close();
				await second.close();
			}
			const restarted = await backend.open();
			try {
				const warninglists = await openWarninglists(restarted);
				assert.deepEqual(listsOf(warninglists.hits(shortLink)), [shorteners.name]);
				assert.deepEqual(listsOf(warninglists.hits({ kind: "ipv4", value: "8.8.8.8" })), [
					"Entente: public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS)",
				]);
				const listed = await warninglists.list();
				assert.equal(listed.filter((list) => list.builtIn).length, 10);
				assert.deepEqual(
					listed.filter((list) => !list.builtIn).map((list) => [list.name, list.entryCount, list.source]),
					[[shorteners.name, 2, "url-shortener.json"]],
				);
				await warninglists.remove(shorteners.name);
				await warninglists.refresh();
				assert.deepEqual(warninglists.hits(shortLink), []);
				await assert.rejects(
					warninglists.remove(shorteners.name),
					(error) => isAppError(error) && error.code === "E_WARNINGLIST_NOT_FOUND",
				);
				await assert.rejects(
					warninglists.remove("Entente: multicast addresses"),
					(error) => isAppError(error) && error.code === "E_WARNINGLIST_BUILT_IN",
				);
			} finally {
				await restarted.close();
			}
		});
	});
}
