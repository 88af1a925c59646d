// The index follows the store on every path: a put through this handle, a new version, a deletion, and a commit by
// another handle of the same store (as another process would make), on SQLite and (when configured) PostgreSQL.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import { buildTestNode } from "#test/support/test-node.ts";
import type { StixObject } from "../../stix/core.ts";
import { openStore, type Store, withCommitListener } from "../../store/index.ts";
import { openLiveIndex } from "./live-index.ts";

const provenance = { organizationId: "identity--00000000-0000-4000-8000-000000000001", source: "test" };
const ip = (value: string) => ({ kind: "ipv4" as const, value });

function indicator(n: number, value: string, modified = "2026-01-01T00:00:00.000Z"): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified,
		name: `indicator ${n}`,
		pattern: `[ipv4-addr:value = '${value}']`,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00.000Z",
	};
}

async function put(store: Store, ...objects: StixObject[]): Promise<void> {
	await store.putVersions(objects.map((object) => ({ object, provenance })));
}

/** Two handles of one store: `open()` twice gives two connections to the same data, as two processes have. */
function followSuite(
	backend: string,
	open: () => Promise<{ first: Store; second: Store; done(): Promise<void> }>,
) {
	describe(`followStore on ${backend}`, () => {
		it("indexes what was stored before, then every put, new version and deletion, whichever handle made it", async () => {
			const { first, second, done } = await open();
			try {
				await put(first, indicator(1, "198.51.100.1"));
				const live = await openLiveIndex(first, { pollMs: 60_000 });
				const store = withCommitListener(first, live.wake);
				const { index } = live;
				try {
					assert.deepEqual(index.exact(ip("198.51.100.1")), [indicator(1, "").id]);

					await put(store, indicator(2, "198.51.100.2"));
					await live.settled();
					assert.deepEqual(
						index.exact(ip("198.51.100.2")),
						[indicator(2, "").id],
						"a put through the handle",
					);

					await put(store, indicator(2, "198.51.100.22", "2026-02-01T00:00:00.000Z"));
					await live.settled();
					assert.deepEqual(index.exact(ip("198.51.100.2")), [], "the old version's value is gone");
					assert.deepEqual(index.exact(ip("198.51.100.22")), [indicator(2, "").id]);

					await put(store, indicator(2, "198.51.100.99", "2025-01-01T00:00:00.000Z"));
					await live.settled();
					assert.deepEqual(
						index.exact(ip("198.51.100.99")),
						[],
						"an older version added late changes nothing",
					);
					assert.deepEqual(index.exact(ip("198.51.100.22")), [indicator(2, "").id]);

					await store.deleteObject(indicator(1, "").id);
					await live.settled();
					assert.deepEqual(index.exact(ip("198.51.100.1")), [], "a deleted object leaves the index");
					assert.equal(index.typeOf(indicator(1, "").id), undefined);

					await put(second, indicator(3, "198.51.100.3"));
					await second.deleteObject(indicator(2, "").id);
					await live.settled();
					assert.deepEqual(index.exact(ip("198.51.100.3")), [indicator(3, "").id], "another handle's put");
					assert.deepEqual(index.exact(ip("198.51.100.22")), [], "another handle's deletion");
					assert.deepEqual(index.size, { objects: 1, values: 1 });
				} finally {
					await live.close();
				}
			} finally {
				await done();
			}
		});

		it("sees another handle's commit by polling, without being woken", async () => {
			const { first, second, done } = await open();
			const live = await openLiveIndex(first, { pollMs: 20 });
			try {
				await put(second, indicator(4, "198.51.100.4"));
				for (let i = 0; i < 200 && live.index.count(ip("198.51.100.4")) === 0; i++)
					await new Promise((resolve) => setTimeout(resolve, 10));
				assert.equal(live.index.count(ip("198.51.100.4")), 1);
			} finally {
				await live.close();
				await done();
			}
		});
	});
}

followSuite("SQLite", async () => {
	const dir = mkdtempSync(join(tmpdir(), "entente-follow-"));
	const path = join(dir, "entente.db");
	const first = await openStore(path);
	const second = await openStore(path);
	return {
		first,
		second,
		async done() {
			await first.close();
			await second.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
});

const postgresUrl = process.env.ENTENTE_TEST_POSTGRES_URL;
if (postgresUrl !== undefined && postgresUrl !== "") {
	const schemas = testSchemas(postgresUrl);
	after(() => schemas.end());
	followSuite("PostgreSQL", async () => {
		const schema = schemas.fresh();
		const first = await openStore(schemas.urlOf(schema));
		const second = await openStore(schemas.urlOf(schema));
		return {
			first,
			second,
			async done() {
				await first.close();
				await second.close();
				await schemas.drop(schema);
			},
		};
	});
}

describe("followStore when the store fails", () => {
	it("rejects settled() with the store's error instead of hanging", async () => {
		const dir = mkdtempSync(join(tmpdir(), "entente-follow-"));
		const store = await openStore(join(dir, "entente.db"));
		const live = await openLiveIndex(store, { pollMs: 60_000 });
		try {
			await store.close();
			await assert.rejects(
				live.settled(),
				(error: unknown) => (error as { code?: string }).code === "E_STORE_CLOSED",
			);
		} finally {
			await live.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe("buildTestNode's index", () => {
	it("indexes what the node's ingest stores, as main.ts's does", async () => {
		const node = await buildTestNode();
		try {
			const poster = node.organizations[0]?.id as string;
			const report = await node.ingest([indicator(5, "198.51.100.5")], poster);
			assert.equal(report.counts.stored, 1);
			await node.intel.settled();
			assert.deepEqual(node.intel.index.exact(ip("198.51.100.5")), [indicator(5, "").id]);
		} finally {
			await node.close();
		}
	});
});
