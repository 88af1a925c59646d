// Ingest with marking definitions that come after the objects they mark.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import { openSqliteStore } from "../store/index.ts";
import { type IngestItem, ingest, UNKNOWN_MARKING_FLAG } from "./ingest.ts";
import type { ObjectResult } from "./report.ts";

const provenance = { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "test" };
const STATEMENT = "marking-definition--00000000-0000-4000-8000-00000000000a";
const NEVER_DEFINED = "marking-definition--00000000-0000-4000-8000-00000000000b";

function indicator(n: number, markings: string[]): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		pattern: `[ipv4-addr:value = '198.51.100.${n}']`,
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00Z",
		...(markings.length > 0 ? { object_marking_refs: markings } : {}),
	};
}

const statement: StixObject = {
	type: "marking-definition",
	spec_version: "2.1",
	id: STATEMENT,
	created: "2024-01-01T00:00:00.000Z",
	definition_type: "statement",
	definition: { statement: "Copyright 2024 Example" },
};

describe("ingest: marking definitions after the objects they mark", () => {
	it("writes a held object with the batch after its definition, unflagged; one never defined is flagged at the end", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const objects = [
			indicator(1, [STATEMENT]),
			indicator(2, [STATEMENT, NEVER_DEFINED]),
			statement,
			...Array.from({ length: 8 }, (_, n) => indicator(10 + n, [])),
		];
		const items: IngestItem[] = objects.map((object, index) => ({ index, object }));
		const batches: ObjectResult[][] = [];
		const report = await ingest(store, items, {
			provenance,
			batchSize: 2,
			onCommitted: (results) => batches.push([...results]),
		});
		assert.deepEqual(report.counts, { stored: 11, duplicate: 0, rejected: 0, quarantined: 0 });
		const batchOf = (index: number): number => batches.findIndex((b) => b.some((r) => r.index === index));
		// Released as soon as the definition was learned, long before the end of the input.
		assert.equal(batchOf(0), batchOf(2));
		assert.ok(batchOf(0) < batchOf(10), `index 0 committed in batch ${batchOf(0)} of ${batches.length}`);
		assert.equal(batches.flat().find((r) => r.index === 0)?.flags, undefined);
		// Still waiting for a definition that never came: written last, flagged, never released.
		assert.equal(batchOf(1), batches.length - 1);
		assert.deepEqual(batches.flat().find((r) => r.index === 1)?.flags, [UNKNOWN_MARKING_FLAG]);
		const [stored] = await store.getVersions(objects[1]?.id as string);
		assert.deepEqual(stored?.flags, [UNKNOWN_MARKING_FLAG]);
		await store.close();
	});
});

describe("ingest: objects this node built (`built`, D55)", () => {
	it("takes a built indicator without validating it again, but still judges its markings and never trusts a built marking definition", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const forgedGreen: StixObject = {
			type: "marking-definition",
			spec_version: "2.1",
			id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
			created: "2022-10-01T00:00:00.000Z",
			name: "TLP:CLEAR (not really)",
			extensions: {},
		};
		const items: IngestItem[] = [
			{ index: 0, object: indicator(1, [NEVER_DEFINED]), built: true },
			{ index: 1, object: forgedGreen, built: true },
		];
		const results: ObjectResult[] = [];
		const report = await ingest(store, items, { provenance, onCommitted: (batch) => results.push(...batch) });
		assert.equal(report.counts.stored, 1);
		assert.deepEqual(results.find((r) => r.index === 0)?.flags, [UNKNOWN_MARKING_FLAG]);
		assert.equal(results.find((r) => r.index === 1)?.status, "rejected");
		await store.close();
	});
});
