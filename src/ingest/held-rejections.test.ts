// Objects ingest rejects are held for review (D65), bounded: a flood from one sender evicts only its own oldest.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPendingStore, openSqliteStore } from "../store/index.ts";
import { ingest } from "./ingest.ts";

const LOCAL = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const FLOODER = "identity--0b0b0b0b-0000-4000-8000-000000000002";

const broken = (n: number, padding = "") => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
	created: "2024-01-01T00:00:00.000Z",
	modified: "2024-01-01T00:00:00.000Z",
	pattern: "[",
	pattern_type: "stix",
	valid_from: "2024-01-01T00:00:00Z",
	description: padding,
});

describe("rejected objects held for review", () => {
	it("holds each rejection with its reason and raw body; a preview's pending store holds nothing", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		try {
			const report = await ingest(
				store,
				[
					{ index: 0, object: broken(1) },
					{ index: 1, object: "not an object" },
				],
				{
					provenance: { organizationId: LOCAL, source: "import:test.json" },
				},
			);
			assert.equal(report.counts.rejected, 2);
			const { items } = await store.listQuarantineItems({ limit: 10 });
			assert.deepEqual(
				items.map((item) => [item.kind, item.source, item.objectId]),
				[
					["invalid", "import:test.json", ""],
					["invalid", "import:test.json", broken(1).id],
				],
			);
			const detail = await store.getQuarantineItem(items[1]?.seq ?? 0);
			assert.equal(JSON.parse(detail?.body ?? "").pattern, "[");
			await store.putOrganization({
				id: LOCAL,
				name: "Alpha",
				sectors: [],
				jurisdictions: [],
				createdAt: "2024-01-01T00:00:00.000000Z",
			});
			const preview = createPendingStore(store);
			await ingest(preview.view, [{ index: 0, object: broken(2) }], {
				provenance: { organizationId: LOCAL, source: "api:preview" },
			});
			assert.equal((await store.listQuarantineItems({ limit: 10 })).items.length, 2);
		} finally {
			await store.close();
		}
	});

	it("keeps a flooding sender to its own caps, its oldest dropped first, others' items untouched", async () => {
		const store = await openSqliteStore({
			path: ":memory:",
			quarantineLimits: { itemBytes: 2048, bucketItems: 50, bucketBytes: 40 * 1024 },
		});
		try {
			await ingest(store, [{ index: 0, object: broken(1) }], {
				provenance: { organizationId: LOCAL, source: "api" },
			});
			const flood = Array.from({ length: 1200 }, (_, i) => ({
				index: i,
				object: broken(1000 + i, "x".repeat(5000)),
			}));
			const report = await ingest(store, flood, { provenance: { organizationId: FLOODER, source: "api" } });
			assert.equal(report.counts.rejected, 1200);
			const held = await store.listQuarantineItems({ limit: 1000, source: FLOODER });
			const bytes = held.items.reduce((sum, item) => sum + item.bytes, 0);
			assert.ok(held.items.length <= 50 && bytes <= 40 * 1024, `${held.items.length} items, ${bytes} bytes`);
			assert.ok(held.items.every((item) => item.truncated && item.bytes <= 2048));
			assert.equal(held.items[0]?.objectId, broken(1000 + 1199).id, "the newest stay");
			assert.equal((await store.listQuarantineItems({ limit: 10, source: LOCAL })).items.length, 1);
		} finally {
			await store.close();
		}
	});
});
