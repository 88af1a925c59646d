// Runs the Store contract against a real PostgreSQL (ENTENTE_TEST_POSTGRES_URL), a schema per test, and checks
// what only a shared server can show: migrations raced by two openers, and commit order across writers.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { escapeIdentifier, Pool } from "pg";
import { batchOf, indicator, runStoreContract } from "#test/contract/store/store-contract.ts";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import type { QuarantineLimits } from "../quarantine-records.ts";
import type { Store, StoredVersion } from "../store.ts";
import { versionKey } from "../timestamps.ts";
import { openPostgresStore } from "./postgres-store.ts";

const URL_VARIABLE = "ENTENTE_TEST_POSTGRES_URL";
const url = process.env[URL_VARIABLE];
const HOW =
	`${URL_VARIABLE} is not set: the PostgreSQL store tests need a database they may create schemas in, e.g. ` +
	`${URL_VARIABLE}=postgres://entente:entente@127.0.0.1:5432/entente_test (docs/testing.md, "PostgreSQL")`;

if (url === undefined || url === "") {
	if (process.env.ENTENTE_REQUIRE_POSTGRES === "1") {
		describe("PostgreSQL store", () => {
			it("needs a database (ENTENTE_REQUIRE_POSTGRES=1)", () => assert.fail(HOW));
		});
	} else {
		describe("PostgreSQL store", { skip: HOW }, () => {});
	}
} else {
	const schemas = testSchemas(url);
	after(() => schemas.end());

	/** A store in a fresh schema; closing it drops the schema. */
	const openFresh = async (quarantineLimits?: QuarantineLimits): Promise<Store> => {
		const schema = schemas.fresh();
		const store = await openPostgresStore({
			url,
			schema,
			...(quarantineLimits === undefined ? {} : { quarantineLimits }),
		});
		return {
			...store,
			async close() {
				await store.close();
				await schemas.drop(schema);
			},
		};
	};

	runStoreContract("postgres", () => openFresh(), openFresh);

	describe("postgres store on a shared server", () => {
		it("keeps data across reopen, and two processes opening a new schema at once migrate it once", async () => {
			const schema = schemas.fresh();
			const [one, two] = await Promise.all([
				openPostgresStore({ url, schema }),
				openPostgresStore({ url: schemas.urlOf(schema) }),
			]);
			await one.putVersions(batchOf([indicator(1)]));
			await two.setMeta("k", "v");
			await one.close();
			await two.close();
			const reopened = await openPostgresStore({ url, schema });
			assert.equal(await reopened.getMeta("k"), "v");
			assert.equal((await reopened.getVersions(indicator(1).id)).length, 1);
			await reopened.close();
			await schemas.drop(schema);
		});

		it("wakes a watcher in another process's store on the same schema at each commit, not on another schema's (D70)", async () => {
			const schema = schemas.fresh();
			const other = schemas.fresh();
			const [writer, watcher, elsewhere] = await Promise.all([
				openPostgresStore({ url, schema }),
				openPostgresStore({ url, schema }),
				openPostgresStore({ url, schema: other }),
			]);
			try {
				let heard = 0;
				let heardElsewhere = 0;
				watcher.watchCommits(() => heard++);
				elsewhere.watchCommits(() => heardElsewhere++);
				for (let n = 1; heard === 0; n++) {
					assert.ok(n <= 200, "a commit is heard within 200 puts");
					await writer.putVersions(batchOf([indicator(n)]));
					await new Promise((resolve) => setTimeout(resolve, 50));
				}
				const before = heard;
				await writer.deleteObject(indicator(1).id);
				for (let waited = 0; heard === before; waited += 10) {
					assert.ok(waited < 30_000, "the delete is heard");
					await new Promise((resolve) => setTimeout(resolve, 10));
				}
				await elsewhere.putVersions(batchOf([indicator(1)]));
				for (let waited = 0; heardElsewhere === 0; waited += 10) {
					assert.ok(waited < 30_000, "the other schema's commit is heard there");
					await new Promise((resolve) => setTimeout(resolve, 10));
				}
				assert.equal(heard, before + 1, "another schema's commit is not this store's");
			} finally {
				await Promise.all([writer.close(), watcher.close(), elsewhere.close()]);
				await Promise.all([schemas.drop(schema), schemas.drop(other)]);
			}
		});

		it("keeps dateAdded increasing with a stuck or backward clock, across reopen and deletes", async () => {
			const schema = schemas.fresh();
			let now = 1_800_000_000_000_000n;
			const clock = () => now;
			const store = await openPostgresStore({ url, schema, now: clock });
			const first = await store.putVersions(batchOf([indicator(1), indicator(2)]));
			assert.deepEqual(
				first.map((o) => (o.status === "stored" ? o.dateAdded : "")),
				["2027-01-15T08:00:00.000000Z", "2027-01-15T08:00:00.000001Z"],
			);
			await store.deleteObject(indicator(2).id); // the newest row goes; its dateAdded must not come back
			await store.close();
			now -= 60_000_000n; // the wall clock stepped back a minute
			const reopened = await openPostgresStore({ url, schema, now: clock });
			const [next] = await reopened.putVersions(batchOf([indicator(3)]));
			assert.equal(next?.status === "stored" && next.dateAdded, "2027-01-15T08:00:00.000003Z");
			await reopened.close();
			await schemas.drop(schema);
		});

		it("never lets a reader paging by dateAdded skip a version while two stores write at once", async (t) => {
			const schema = schemas.fresh();
			// Three pools, as three processes would have; the writers' clocks are the same instant, so without the
			// commit-order lock they would hand out the same positions (and with a sequence, commit out of order).
			const frozen = () => 1_900_000_000_000_000n;
			const [writerA, writerB, reader] = await Promise.all([
				openPostgresStore({ url, schema, now: frozen }),
				openPostgresStore({ url, schema, now: frozen }),
				openPostgresStore({ url, schema }),
			]);
			t.after(async () => {
				for (const store of [writerA, writerB, reader]) await store.close();
				await schemas.drop(schema);
			});
			const BATCHES = 30;
			const write = async (store: Store, base: number): Promise<void> => {
				for (let b = 0; b < BATCHES; b++) {
					const objects = Array.from({ length: 5 }, (_, i) => indicator(base + b * 5 + i));
					await store.putVersions(batchOf(objects));
					const day = String(b + 1).padStart(2, "0"); // a new version of the first object, every third batch
					if (b % 3 === 0) await store.putVersions(batchOf([indicator(base, `2024-05-${day}T00:00:00Z`)]));
				}
			};
			let writing = true;
			const seen: StoredVersion[] = [];
			// Pages as a TAXII client resumes: added_after the last dateAdded it has seen.
			const page = async (): Promise<void> => {
				let addedAfter: string | undefined;
				for (;;) {
					const stillWriting = writing; // read before the query: a page after the last commit ends it
					const result = await reader.query({
						versions: ["all"],
						limit: 7,
						...(addedAfter ? { addedAfter } : {}),
					});
					seen.push(...result.items);
					addedAfter = result.items.at(-1)?.dateAdded ?? addedAfter;
					if (!result.more && !stillWriting) return;
				}
			};
			const paging = page();
			await Promise.all([write(writerA, 10_000), write(writerB, 20_000)]);
			writing = false;
			await paging;
			const keys = seen.map((v) => `${v.id} ${v.version}`);
			assert.equal(new Set(keys).size, keys.length, "no version read twice");
			const dates = seen.map((v) => v.dateAdded);
			assert.deepEqual(dates, [...dates].sort(), "read in ascending dateAdded");
			const everything = (await reader.query({ versions: ["all"], limit: 10_000 })).items;
			assert.equal(everything.length, 2 * BATCHES * 5 + 2 * Math.ceil(BATCHES / 3));
			assert.deepEqual(
				keys,
				everything.map((v) => `${v.id} ${v.version}`),
				"every committed version was read",
			);
		});

		it("keeps a later writer's commit behind an earlier writer that stalls before its commit", async (t) => {
			const schema = schemas.fresh();
			const [writerA, writerB, reader] = await Promise.all([
				openPostgresStore({ url, schema }),
				openPostgresStore({ url, schema }),
				openPostgresStore({ url, schema }),
			]);
			const blocker = new Pool({ connectionString: url, max: 1 });
			const session = await blocker.connect();
			t.after(async () => {
				session.release();
				await blocker.end();
				for (const store of [writerA, writerB, reader]) await store.close();
				await schemas.drop(schema);
			});
			// Another session holds (id, version) of A's object uncommitted, so A's INSERT waits on it after A has
			// taken its position; B, which comes later, must not commit a greater position meanwhile.
			await session.query(`SET search_path TO ${escapeIdentifier(schema)}`);
			await session.query("BEGIN");
			const [{ xid }] = (await session.query("SELECT pg_current_xact_id()::text AS xid")).rows as [
				{ xid: string },
			];
			const object = indicator(1);
			await session.query(
				`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, revoked, body, latest)
				 VALUES (-1, $1, $2, $3, 'indicator', '2.1', 'x', 'x', false, '{}', true)`,
				[object.id, object.modified, versionKey(String(object.modified))],
			);
			const putA = writerA.putVersions(batchOf([object]));
			for (let waited = 0; ; waited += 10) {
				const waiting = await session.query(
					"SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND transactionid::text = $1",
					[xid],
				);
				if (waiting.rows.length > 0) break;
				assert.ok(waited < 5000, "writer A never waited on the blocking session");
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			const putB = writerB.putVersions(batchOf([indicator(2)]));
			await new Promise((resolve) => setTimeout(resolve, 150)); // time for B to commit, if it could
			const early = await reader.query({ versions: ["all"], limit: 10 });
			await session.query("ROLLBACK");
			const [a, b] = [(await putA)[0], (await putB)[0]];
			assert.ok(a?.status === "stored" && b?.status === "stored" && a.dateAdded < b.dateAdded);
			const addedAfter = early.items.at(-1)?.dateAdded;
			const rest = await reader.query({
				versions: ["all"],
				limit: 10,
				...(addedAfter ? { addedAfter } : {}),
			});
			assert.deepEqual(
				[...early.items, ...rest.items].map((v) => v.id),
				[indicator(1).id, indicator(2).id],
				"a reader that paged while A stalled still reads A's version, then B's",
			);
		});

		it("migration 7 (every-reference) backfills the refs of versions stored before it", async () => {
			const schema = schemas.fresh();
			const traffic = {
				type: "network-traffic",
				spec_version: "2.1",
				id: "network-traffic--00000000-0000-5000-8000-0000000000e1",
				src_ref: "ipv4-addr--00000000-0000-5000-8000-0000000000e2",
				protocols: ["tcp"],
			};
			const store = await openPostgresStore({ url, schema });
			await store.putVersions(batchOf([traffic]));
			await store.close();
			// As a schema at version 6 would hold it: the version stored, none of its SCO references recorded.
			const pool = new Pool({ connectionString: url });
			await pool.query(`DELETE FROM ${escapeIdentifier(schema)}.refs`);
			await pool.query(`DELETE FROM ${escapeIdentifier(schema)}.schema_migrations WHERE version = 7`);
			await pool.end();
			const reopened = await openPostgresStore({ url, schema });
			assert.deepEqual(await reopened.referencesTo([traffic.src_ref], ["src_ref"]), [
				{ toId: traffic.src_ref, kind: "src_ref", fromId: traffic.id },
			]);
			await reopened.close();
			await schemas.drop(schema);
		});

		it("lets exactly one of four stores applying a policy on the same base win (D63)", async () => {
			const schema = schemas.fresh();
			const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore({ url, schema })));
			const policy = { version: 0, parties: [], jurisdictions: [], agreements: [], communities: [] };
			await stores[0]?.putPolicy({ text: "base", policy, appliedBy: "test" });
			const outcomes = await Promise.allSettled(
				stores.map((store, n) =>
					store.putPolicy({ text: `change ${n}`, policy, appliedBy: `operator ${n}` }, 1),
				),
			);
			assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 1);
			for (const outcome of outcomes)
				if (outcome.status === "rejected")
					assert.equal((outcome.reason as { code: string }).code, "E_POLICY_CONFLICT");
			assert.deepEqual(
				(await stores[1]?.listPolicyVersions())?.map((info) => info.version),
				[1, 2],
			);
			for (const store of stores) await store.close();
			await schemas.drop(schema);
		});

		it("refuses a schema migrated by a newer build", async () => {
			const schema = schemas.fresh();
			await (await openPostgresStore({ url, schema })).close();
			const pool = new Pool({ connectionString: url });
			await pool.query(
				`INSERT INTO ${escapeIdentifier(schema)}.schema_migrations VALUES (999, 'future', 'x')`,
			);
			await pool.end();
			await assert.rejects(openPostgresStore({ url, schema }), (error: unknown) => {
				const { code, message } = error as { code?: string; message?: string };
				return code === "E_STORE_MIGRATION" && /version 999, newer than this build/.test(message ?? "");
			});
			await schemas.drop(schema);
		});
	});
}
