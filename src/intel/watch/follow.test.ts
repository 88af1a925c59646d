// The matcher over the commit log: every matching version alerts once, whatever the rounds; two processes on one
// PostgreSQL database racing every round record each alert exactly once (the cursor's compare-and-set).
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import type { StixObject } from "../../stix/core.ts";
import { openSqliteStore, openStore, type Store } from "../../store/index.ts";
import { type ReleaseToOrganization, watchOnce } from "./follow.ts";

const ORG = "identity--00000000-0000-4000-8000-0000000000a1";
const OTHER = "identity--00000000-0000-4000-8000-0000000000b2";
const COUNT = 120;

const indicator = (n: number): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
	created: "2026-01-01T00:00:00.000Z",
	modified: "2026-01-01T00:00:00.000Z",
	pattern: `[ipv4-addr:value = '198.51.${n % 2 === 0 ? 100 : 101}.${n % 250}']`,
	pattern_type: "stix",
	valid_from: "2026-01-01T00:00:00Z",
});

/** Releases everything to ORG and nothing to OTHER. */
const release: ReleaseToOrganization = async (organizationId, versions) =>
	versions.map((v) => (organizationId === ORG ? v.object : undefined));

async function seed(store: Store): Promise<void> {
	for (const organizationId of [ORG, OTHER]) {
		await store.addWatchEntry({
			id: `watch--${organizationId.slice(-2)}`,
			organizationId,
			kind: "ipv4",
			value: "198.51.100.0/24",
			label: "",
			createdAt: "2026-01-01T00:00:00.000Z",
			createdBy: "test",
		});
	}
	await store.putVersions(
		Array.from({ length: COUNT }, (_, i) => ({
			object: indicator(i + 1),
			provenance: { organizationId: ORG, source: "test" },
		})),
	);
}

async function drain(store: Store): Promise<number> {
	let raced = 0;
	for (;;) {
		const round = await watchOnce({ store, release, batchSize: 7 });
		if (round.raced) raced++;
		else if (round.consumed === 0) return raced;
	}
}

describe("watchOnce", () => {
	it("alerts once per matching version, only for the organisation it is released to, in rounds of any size", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		try {
			await seed(store);
			await drain(store);
			await drain(store);
			const alerts = await store.listWatchAlerts({ organizationId: ORG, limit: 1000 });
			assert.equal(alerts.length, COUNT / 2, "the even ones name 198.51.100.x");
			assert.equal(new Set(alerts.map((a) => a.objectId)).size, COUNT / 2);
			assert.deepEqual(await store.listWatchAlerts({ organizationId: OTHER, limit: 10 }), []);
		} finally {
			await store.close();
		}
	});
});

const url = process.env.ENTENTE_TEST_POSTGRES_URL;
if (url === undefined && process.env.ENTENTE_REQUIRE_POSTGRES === "1") {
	describe("watchOnce on PostgreSQL", () => {
		it("needs ENTENTE_TEST_POSTGRES_URL (ENTENTE_REQUIRE_POSTGRES=1)", () =>
			assert.fail("ENTENTE_TEST_POSTGRES_URL is not set; see docs/testing.md, PostgreSQL"));
	});
}
describe("watchOnce on PostgreSQL, two processes", {
	skip: url === undefined ? "ENTENTE_TEST_POSTGRES_URL is not set" : false,
}, () => {
	const schemas = testSchemas(url ?? "");
	after(() => schemas.end());

	it("two stores on one database racing every round record each alert exactly once", async () => {
		const schema = schemas.fresh();
		const first = await openStore(schemas.urlOf(schema));
		const second = await openStore(schemas.urlOf(schema));
		try {
			await seed(first);
			await Promise.all([drain(first), drain(second)]);
			const alerts = await second.listWatchAlerts({ organizationId: ORG, limit: 1000 });
			assert.equal(alerts.length, COUNT / 2);
			assert.equal(new Set(alerts.map((a) => a.id)).size, COUNT / 2);
		} finally {
			await first.close();
			await second.close();
			await schemas.drop(schema);
		}
	});
});
