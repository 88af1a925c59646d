// Two real `entente serve` processes and an `entente import` on ONE PostgreSQL database: what one process
// stores the other serves, and a TAXII client paging by added_after while all of them write misses nothing.
import assert from "node:assert/strict";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { entente, type InitJson, scratch } from "./support/cli.ts";
import { type ServeProcess, startServe } from "./support/node-process.ts";
import { testSchemas } from "./support/postgres-schemas.ts";

const URL_VARIABLE = "ENTENTE_TEST_POSTGRES_URL";
const databaseUrl = process.env[URL_VARIABLE];
const HOW =
	`${URL_VARIABLE} is not set: this test runs two node processes on a PostgreSQL database, e.g. ` +
	`${URL_VARIABLE}=postgres://entente:entente@127.0.0.1:5432/entente_test (docs/testing.md, "PostgreSQL")`;
const TAXII = "application/taxii+json;version=2.1";
const OBJECTS = "/taxii2/api/collections/all/objects/";

type Obj = Record<string, unknown>;

/** An indicator whose id is made of `n` (so tests can name it), at version `modified`. */
function indicator(n: number, modified = "2024-01-01T00:00:00.000Z"): Obj {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified,
		name: `indicator ${n}`,
		pattern: `[ipv4-addr:value = '198.51.100.${n % 256}']`,
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00.000Z",
	};
}

const versionOf = (object: Obj): string => `${String(object.id)} ${String(object.modified)}`;

if (databaseUrl === undefined || databaseUrl === "") {
	if (process.env.ENTENTE_REQUIRE_POSTGRES === "1") {
		describe("two serve processes on one PostgreSQL database", () => {
			it("needs a database (ENTENTE_REQUIRE_POSTGRES=1)", () => assert.fail(HOW));
		});
	} else {
		describe("two serve processes on one PostgreSQL database", { skip: HOW }, () => {});
	}
} else {
	describe("two serve processes on one PostgreSQL database", () => {
		const { dir, remove } = scratch("pg-serve");
		const schemas = testSchemas(databaseUrl);
		const schema = schemas.fresh();
		const data = join(dir, "data");
		let token = "";
		let a: ServeProcess;
		let b: ServeProcess;

		const call = async (node: ServeProcess, path: string, init: RequestInit = {}): Promise<Response> => {
			const headers = new Headers(init.headers);
			headers.set("Accept", TAXII);
			headers.set("Authorization", `Bearer ${token}`);
			try {
				return await fetch(`${node.url}${path}`, { ...init, headers });
			} catch (error) {
				throw new Error(`fetch ${node.url}${path} failed: ${String(error)}; its stderr: ${node.stderr}`);
			}
		};
		const post = async (node: ServeProcess, objects: Obj[]): Promise<void> => {
			const response = await call(node, OBJECTS, {
				method: "POST",
				headers: { "Content-Type": TAXII },
				body: JSON.stringify({ objects }),
			});
			const status = (await response.json()) as { success_count?: number };
			assert.equal(response.status, 202);
			assert.equal(status.success_count, objects.length, JSON.stringify(status));
		};

		before(async () => {
			// One data directory (config and node key), as copied to every machine of a node; the store is shared.
			const init = await entente(["init", "--data", data, "--store", schemas.urlOf(schema), "--json"]);
			assert.equal(init.code, 0, init.stderr);
			token = (JSON.parse(init.stdout) as InitJson).adminToken;
			// Federation runs in one process only (docs/operations.md): B serves TAXII and the API.
			[a, b] = await Promise.all([
				startServe({ data, name: "A" }),
				startServe({ data, name: "B", env: { ENTENTE_FEDERATION_ENABLED: "false" } }),
			]);
		});

		after(async () => {
			for (const node of [a, b]) {
				if (node?.running === true) node.child.kill("SIGKILL");
			}
			await schemas.end();
			remove();
		});

		it("serves through process B what was posted to process A", async () => {
			const objects = [indicator(1), indicator(2), indicator(1, "2024-02-01T00:00:00.000Z")];
			await post(a, objects);
			const one = await call(b, `${OBJECTS}${String(indicator(1).id)}/?match[version]=all`);
			assert.equal(one.status, 200);
			const versions = ((await one.json()) as { objects: Obj[] }).objects.map(versionOf);
			assert.deepEqual(versions.sort(), [versionOf(objects[0] as Obj), versionOf(objects[2] as Obj)].sort());
			const listed = (await (await call(b, OBJECTS)).json()) as { objects: Obj[] };
			assert.deepEqual(
				listed.objects.map(versionOf).sort(),
				[versionOf(objects[1] as Obj), versionOf(objects[2] as Obj)].sort(),
			);
		});

		it("pages by added_after from B while A, B and an import write at once, and misses nothing", async () => {
			const before = new Set<string>(
				((await (await call(b, `${OBJECTS}?match[version]=all`)).json()) as { objects: Obj[] }).objects.map(
					versionOf,
				),
			);
			const bundle = join(dir, "bundle.json");
			const imported = Array.from({ length: 300 }, (_, i) => indicator(30_000 + i));
			writeFileSync(
				bundle,
				JSON.stringify({
					type: "bundle",
					id: "bundle--00000000-0000-4000-8000-000000000001",
					objects: imported,
				}),
			);

			const ROUNDS = 12;
			const writer = async (node: ServeProcess, base: number): Promise<Obj[]> => {
				const sent: Obj[] = [];
				for (let round = 0; round < ROUNDS; round++) {
					const objects = Array.from({ length: 20 }, (_, i) => indicator(base + round * 20 + i));
					// and a new version of an object of an earlier round, so versions of one object interleave too
					if (round > 0)
						objects.push(
							indicator(base + round - 1, `2024-03-${String(round).padStart(2, "0")}T00:00:00.000Z`),
						);
					await post(node, objects);
					sent.push(...objects);
				}
				return sent;
			};

			let writing = true;
			const read: Obj[] = [];
			let pages = 0;
			const reader = (async () => {
				let addedAfter: string | undefined;
				for (;;) {
					const stillWriting = writing; // read before the request: the page after the last commit ends it
					const query = `?match[version]=all&limit=25${addedAfter === undefined ? "" : `&added_after=${addedAfter}`}`;
					const response = await call(b, `${OBJECTS}${query}`);
					assert.equal(response.status, 200, await response.clone().text());
					const page = (await response.json()) as { objects?: Obj[]; more?: boolean };
					pages += 1;
					read.push(...(page.objects ?? []));
					addedAfter = response.headers.get("x-taxii-date-added-last") ?? addedAfter;
					if (page.more !== true && !stillWriting) return;
					if (page.more !== true) await new Promise((resolve) => setTimeout(resolve, 20)); // stay under the rate limit
				}
			})();

			const importing = entente(["import", bundle, "--data", data, "--json"]);
			const [fromA, fromB, importResult] = await Promise.all([
				writer(a, 10_000),
				writer(b, 20_000),
				importing,
			]);
			assert.equal(importResult.code, 0, importResult.stderr);
			writing = false;
			await reader;

			const keys = read.map(versionOf);
			assert.equal(new Set(keys).size, keys.length, "no version served twice");
			const written = [...fromA, ...fromB, ...imported].map(versionOf);
			const missed = written.filter((key) => !keys.includes(key));
			assert.deepEqual(missed, [], `every version committed by any process was paged (${pages} pages)`);
			const extra = keys.filter((key) => !written.includes(key) && !before.has(key));
			assert.deepEqual(extra, []);
		});

		it("stops both processes cleanly on SIGTERM", async () => {
			for (const node of [a, b]) {
				const exited = once(node.child, "exit");
				node.child.kill("SIGTERM");
				const [code, signal] = await exited;
				assert.deepEqual({ code, signal }, { code: 0, signal: null }, node.stderr);
			}
		});
	});
}
