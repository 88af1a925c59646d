// The gate's store-backed sources: what an object inherits through containers and derived-from chains.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ingest } from "../ingest/index.ts";
import type { GateSources } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { openSqliteStore, type Store } from "../store/index.ts";
import { storeGateSources } from "./gate-sources.ts";

const POSTER = "identity--a0000000-0000-4000-8000-000000000001";
const CREATED = "2024-01-01T00:00:00.000Z";
const RED = TLP2_DEFINITIONS.red.id;
const AMBER = TLP2_DEFINITIONS.amber.id;

const id = (type: string, n: number) => `${type}--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const common = (type: string, n: number, marking?: string) => ({
	type,
	spec_version: "2.1",
	id: id(type, n),
	created: CREATED,
	modified: CREATED,
	...(marking === undefined ? {} : { object_marking_refs: [marking] }),
});
const indicatorOf = (n: number, marking?: string): StixObject =>
	({
		...common("indicator", n, marking),
		pattern: "[domain-name:value = 'example.com']",
		pattern_type: "stix",
		valid_from: CREATED,
	}) as StixObject;
const reportOf = (n: number, marking: string, refs: string[]): StixObject =>
	({ ...common("report", n, marking), name: "r", published: CREATED, object_refs: refs }) as StixObject;
const derivedFrom = (n: number, source: string, target: string): StixObject =>
	({
		...common("relationship", n),
		relationship_type: "derived-from",
		source_ref: source,
		target_ref: target,
	}) as StixObject;

describe("storeGateSources inherited", () => {
	let store: Store;
	let sources: GateSources;
	before(async () => {
		store = await openSqliteStore({ path: ":memory:" });
		// indicator 2 derives from indicator 1, which a RED report contains; indicator 3 is in an AMBER
		// report that a second report (RED) contains; indicators 4 and 5 derive from each other (a cycle).
		const objects = [
			indicatorOf(1),
			reportOf(1, RED, [id("indicator", 1)]),
			indicatorOf(2),
			derivedFrom(1, id("indicator", 2), id("indicator", 1)),
			indicatorOf(3),
			reportOf(2, AMBER, [id("indicator", 3)]),
			reportOf(3, RED, [id("report", 2)]),
			indicatorOf(4),
			indicatorOf(5, AMBER),
			derivedFrom(2, id("indicator", 4), id("indicator", 5)),
			derivedFrom(3, id("indicator", 5), id("indicator", 4)),
		];
		const report = await ingest(
			store,
			objects.map((object, index) => ({ index, object })),
			{ provenance: { organizationId: POSTER, source: "test" } },
		);
		assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
		sources = await storeGateSources(store);
	});
	after(() => store.close());

	it("passes a container's markings down a derived-from chain", async () => {
		const inherited = await sources.inherited([id("indicator", 2)]);
		assert.deepEqual(inherited.get(id("indicator", 2))?.markingRefs, [RED]);
	});

	it("gives the same answer when the intermediate object is asked for in the same call (one page)", async () => {
		// Regression (model test, seed 1): indicator 1 on the same page stopped the walk from indicator 2.
		const inherited = await sources.inherited([id("indicator", 1), id("indicator", 2)]);
		assert.deepEqual(inherited.get(id("indicator", 1))?.markingRefs, [RED]);
		assert.deepEqual(inherited.get(id("indicator", 2))?.markingRefs, [RED]);
	});

	it("follows containers inside containers, collecting every marking on the way", async () => {
		const inherited = await sources.inherited([id("indicator", 3), id("report", 2)]);
		assert.deepEqual(inherited.get(id("indicator", 3))?.markingRefs.sort(), [AMBER, RED].sort());
		assert.deepEqual(inherited.get(id("report", 2))?.markingRefs, [RED]);
		assert.deepEqual(inherited.get(id("indicator", 3))?.originators, [POSTER]);
	});

	it("ends on a cycle, and an object never inherits from itself", async () => {
		const inherited = await sources.inherited([id("indicator", 4), id("indicator", 5)]);
		assert.deepEqual(inherited.get(id("indicator", 4))?.markingRefs, [AMBER]);
		assert.deepEqual(inherited.get(id("indicator", 5))?.markingRefs, []);
		assert.equal(inherited.has(id("indicator", 1)), false);
	});

	it("passes nothing down from another organisation's container or derived-from claim (D33)", async () => {
		const stranger = "identity--a0000000-0000-4000-8000-000000000002";
		const report = await ingest(
			store,
			[
				indicatorOf(9, AMBER),
				reportOf(9, RED, [id("indicator", 6)]),
				derivedFrom(9, id("indicator", 6), id("indicator", 9)),
			].map((object, index) => ({ index, object })),
			{ provenance: { organizationId: stranger, source: "test" } },
		);
		assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
		await ingest(store, [{ index: 0, object: indicatorOf(6) }], {
			provenance: { organizationId: POSTER, source: "test" },
		});
		assert.equal((await sources.inherited([id("indicator", 6)])).has(id("indicator", 6)), false);
		// The stranger's own object in its own report still inherits.
		await ingest(store, [{ index: 0, object: reportOf(10, RED, [id("indicator", 9)]) }], {
			provenance: { organizationId: stranger, source: "test" },
		});
		assert.deepEqual((await sources.inherited([id("indicator", 9)])).get(id("indicator", 9))?.markingRefs, [
			RED,
		]);
	});
});

describe("storeGateSources marking definitions", () => {
	const STATEMENT = "marking-definition--0d0d0d0d-0000-4000-8000-000000000004";
	const OTHER = "marking-definition--0d0d0d0d-0000-4000-8000-000000000005";
	const statement = (markingId: string, created: string, text: string): StixObject => ({
		type: "marking-definition",
		spec_version: "2.1",
		id: markingId,
		created,
		definition_type: "statement",
		definition: { statement: text },
	});
	const said = (sources: GateSources, markingId: string): string | undefined => {
		const held = sources.markingDefinitions().get(markingId);
		return held?.kind === "statement" ? held.statement : held?.kind;
	};

	it("reads an id's first recorded definition, never a later version from anyone", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		// Written straight to the store, as a store from before D30 may hold them: no authority asked.
		await store.putVersions([
			{ object: statement(STATEMENT, CREATED, "first"), provenance: { organizationId: POSTER, source: "t" } },
		]);
		await store.putVersions([
			{
				object: statement(STATEMENT, "2025-01-01T00:00:00.000Z", "forged"),
				provenance: { organizationId: "identity--b0000000-0000-4000-8000-000000000002", source: "t" },
			},
		]);
		const sources = await storeGateSources(store, { transformKey: new Uint8Array(32) });
		await sources.refresh?.();
		assert.equal(said(sources, STATEMENT), "first");
		await store.close();
	});

	it("reloads when what the definitions say changes, even when their number does not", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const provenance = { organizationId: POSTER, source: "t" };
		await store.putVersions([{ object: statement(STATEMENT, CREATED, "one"), provenance }]);
		const sources = await storeGateSources(store, { transformKey: new Uint8Array(32) });
		await sources.refresh?.();
		assert.equal(said(sources, STATEMENT), "one");
		// One deleted, another added: the count is the same, the definitions are not.
		await store.deleteObject(STATEMENT);
		await store.putVersions([{ object: statement(OTHER, CREATED, "two"), provenance }]);
		await sources.refresh?.();
		assert.equal(said(sources, STATEMENT), undefined);
		assert.equal(said(sources, OTHER), "two");
		// Deleted and defined again under the same id with other content: read again too.
		await store.deleteObject(OTHER);
		await store.putVersions([{ object: statement(OTHER, CREATED, "three"), provenance }]);
		await sources.refresh?.();
		assert.equal(said(sources, OTHER), "three");
		await store.close();
	});
});
