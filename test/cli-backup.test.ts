// `entente backup` and `entente restore` as an operator runs them (D69): a copy taken while a serving node writes is
// one consistent snapshot, a restored node serves the same objects to the same token, a changed byte is caught, and
// a restore never replaces a node by accident or leaves half of one.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { entente, ententeOk, type InitJson, scratch } from "./support/cli.ts";
import { startServe } from "./support/node-process.ts";
import { testSchemas } from "./support/postgres-schemas.ts";

type Manifest = {
	counts: { objects: number; versions: number; exact: boolean };
	files: { name: string; mode: number }[];
	store: { kind: string; file: string; schema?: string };
};

const BATCH = 200;

/** `count` indicators numbered from `first`, in one publish (one transaction). */
function batch(first: number, count: number): unknown[] {
	return Array.from({ length: count }, (_, i) => {
		const n = first + i;
		return {
			type: "indicator",
			spec_version: "2.1",
			id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			name: `indicator ${n}`,
			pattern: `[ipv4-addr:value = '198.51.${(n >> 8) % 256}.${n % 256}']`,
			pattern_type: "stix",
			valid_from: "2024-01-01T00:00:00.000Z",
		};
	});
}

async function publish(url: string, token: string, objects: unknown[]): Promise<void> {
	const answer = await fetch(`${url}/api/v1/objects`, {
		method: "POST",
		headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
		body: JSON.stringify({ objects }),
	});
	assert.equal(answer.status, 200, await answer.text());
}

/** Every indicator a node serves to `token`, by REST pages. */
async function indicatorIds(url: string, token: string): Promise<string[]> {
	const ids: string[] = [];
	let next: string | undefined = "";
	while (next !== undefined) {
		const query: string = next === "" ? "type=indicator&limit=200" : `cursor=${encodeURIComponent(next)}`;
		const answer = await fetch(`${url}/api/v1/objects?${query}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		assert.equal(answer.status, 200, await answer.clone().text());
		const page = (await answer.json()) as { items: { object: { id: string } }[]; next?: string };
		ids.push(...page.items.map((item) => item.object.id));
		next = page.next;
	}
	return ids.sort();
}

describe("entente backup and restore (SQLite)", () => {
	const { dir, remove } = scratch("backup");
	after(remove);
	const data = join(dir, "data");

	it("backs up a node while it serves and writes; each copy restores, opens, and serves the same token whole batches", async () => {
		const init = JSON.parse(await ententeOk(["init", "--data", data, "--json"])) as InitJson;
		const serve = await startServe({ data, name: "backed-up" });
		const backups: string[] = [];
		try {
			let published = 0;
			const writing = (async () => {
				for (let i = 0; i < 15; i++) {
					await publish(serve.url, init.adminToken, batch(published, BATCH));
					published += BATCH;
				}
			})();
			for (let i = 0; i < 3; i++) {
				const to = join(dir, `backup-${i}`);
				await ententeOk(["backup", to, "--data", data]);
				backups.push(to);
			}
			await writing;
		} finally {
			await serve.stop();
		}
		for (const [i, backup] of backups.entries()) {
			const manifest = JSON.parse(readFileSync(join(backup, "manifest.json"), "utf8")) as Manifest;
			assert.equal(manifest.counts.exact, true);
			assert.equal(manifest.store.kind, "sqlite");
			const key = manifest.files.find((file) => file.name === "data/node-key.pem");
			assert.equal(key?.mode, 0o600, "the private key keeps its mode");
			assert.match(await ententeOk(["backup", "--verify", backup]), /files match the manifest/);
			const restored = join(dir, `restored-${i}`);
			const said = await ententeOk(["restore", backup, "--data", restored]);
			assert.match(said, /the store opens and is migrated: \d+ objects/);
			assert.equal(statSync(join(restored, "node-key.pem")).mode & 0o777, 0o600);
			const node = await startServe({ data: restored, name: `restored-${i}` });
			try {
				const ids = await indicatorIds(node.url, init.adminToken);
				assert.equal(ids.length % BATCH, 0, `a copy holds whole publishes only, found ${ids.length}`);
				assert.deepEqual(
					ids,
					batch(0, ids.length)
						.map((object) => (object as { id: string }).id)
						.sort(),
				);
			} finally {
				await node.stop();
			}
		}
	});

	it("refuses a backup with a changed byte, naming the file, and restores nothing", async () => {
		const backup = join(dir, "backup-0");
		const store = join(backup, "store", "entente.db");
		const bytes = readFileSync(store);
		bytes.writeUInt8((bytes.readUInt8(bytes.length - 100) ^ 0xff) & 0xff, bytes.length - 100);
		writeFileSync(store, bytes);
		const verify = await entente(["backup", "--verify", backup]);
		assert.notEqual(verify.code, 0);
		assert.match(verify.stderr, /store\/entente\.db has changed since the backup .*E_BACKUP_INVALID/);
		const target = join(dir, "not-restored");
		const restore = await entente(["restore", backup, "--data", target]);
		assert.notEqual(restore.code, 0);
		assert.match(restore.stderr, /store\/entente\.db has changed/);
		assert.throws(() => statSync(target), "nothing is left behind");
	});

	it("restores only into an empty folder, or with --force keeping the old one beside it", async () => {
		const backup = join(dir, "backup-1");
		const target = join(dir, "restored-1");
		const refused = await entente(["restore", backup, "--data", target]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /holds files; restore into an empty folder, or pass --force/);
		const forced = await ententeOk(["restore", backup, "--data", target, "--force"]);
		assert.match(forced, /The replaced data directory is at .*restored-1\.before-restore-/);
		const notBackup = join(dir, "empty");
		mkdirSync(notBackup);
		const none = await entente(["restore", notBackup, "--data", join(dir, "x")]);
		assert.match(none.stderr, /there is no manifest\.json: not an entente backup/);
		const into = await entente(["backup", backup, "--data", data]);
		assert.match(into.stderr, /is not empty; back up into a new folder/);
	});
});

const postgresUrl = process.env.ENTENTE_TEST_POSTGRES_URL;
const skipPostgres =
	postgresUrl === undefined || postgresUrl === ""
		? "ENTENTE_TEST_POSTGRES_URL is not set (and pg_dump is needed): the PostgreSQL backup is not tested"
		: false;
if (skipPostgres !== false && process.env.ENTENTE_REQUIRE_POSTGRES === "1") {
	describe("entente backup and restore (PostgreSQL)", () => {
		it("needs a database (ENTENTE_REQUIRE_POSTGRES=1)", () => assert.fail(skipPostgres));
	});
}

describe("entente backup and restore (PostgreSQL)", { skip: skipPostgres }, () => {
	const { dir, remove } = scratch("backup-pg");
	const schemas = testSchemas(postgresUrl ?? "postgres://unused");
	after(async () => {
		await schemas.end();
		remove();
	});

	it("dumps the node's schema with pg_dump and restores it after the schema is lost", async () => {
		const schema = schemas.fresh();
		const data = join(dir, "data");
		const init = JSON.parse(
			await ententeOk(["init", "--data", data, "--store", schemas.urlOf(schema), "--json"]),
		) as InitJson;
		const serve = await startServe({ data, name: "pg-backed-up" });
		try {
			await publish(serve.url, init.adminToken, batch(0, BATCH));
			await ententeOk(["backup", join(dir, "backup"), "--data", data]);
		} finally {
			await serve.stop();
		}
		const manifest = JSON.parse(readFileSync(join(dir, "backup", "manifest.json"), "utf8")) as Manifest;
		assert.deepEqual(
			[manifest.store.kind, manifest.store.schema, manifest.counts.exact],
			["postgres", schema, false],
		);
		assert.ok(!readFileSync(join(dir, "backup", "manifest.json"), "utf8").includes("entente:entente@"));
		await schemas.drop(schema);
		const restored = join(dir, "restored");
		const said = await ententeOk(["restore", join(dir, "backup"), "--data", restored]);
		assert.match(said, /at least as many as backed up/);
		const node = await startServe({ data: restored, name: "pg-restored" });
		try {
			assert.equal((await indicatorIds(node.url, init.adminToken)).length, BATCH);
		} finally {
			await node.stop();
		}
		const again = await entente(["restore", join(dir, "backup"), "--data", join(dir, "restored-twice")]);
		assert.notEqual(again.code, 0, "a restore never mixes with a schema that is there");
		assert.match(again.stderr, /pg_restore failed/);
	});
});
