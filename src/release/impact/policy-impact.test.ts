// The impact of a policy change (D62) equals what the node's gate releases, object by object, under each policy.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { IDS, MARKS, REFERENCE_POLICY, SCENARIO_NOW } from "#test/fixtures/reference-scenario.ts";
import { changedPolicy, storeVaried, variedObjects } from "#test/support/impact-store.ts";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import { createLogger } from "../../log/index.ts";
import type { Policy } from "../../policy/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { scoId } from "../../stix/ids/index.ts";
import { openSqliteStore, openStore, type Store } from "../../store/index.ts";
import { nodeGates } from "../node-gates.ts";
import { type PolicyImpact, policyImpact } from "./policy-impact.ts";

const logger = createLogger("silent");

/** Per party, the ids the node's own gate (guarded by the invariants) releases, asked one object at a time. */
async function releasedOneByOne(store: Store, parties: readonly string[]): Promise<Map<string, Set<string>>> {
	const { gate } = await nodeGates(store, logger, { now: () => SCENARIO_NOW });
	const versions = [];
	for await (const page of store.latestVersionPages({ upTo: await store.commitHorizon(), pageSize: 100 }))
		versions.push(...page);
	const out = new Map<string, Set<string>>();
	for (const party of parties) {
		const ids = new Set<string>();
		for (const version of versions) {
			const viewer = { partyId: party, userId: "test", purpose: "network-defence" as const };
			if ((await gate.releasePage(viewer, [version]))[0] !== undefined) ids.add(version.id);
		}
		out.set(party, ids);
	}
	return out;
}

/** Applies `current` (if any), previews `proposed`, then checks every party's line against the gate one by one. */
async function checkAgainstGate(
	objects: Map<string, StixObject[]>,
	current: Policy | undefined,
	proposed: Policy,
	open: () => Promise<Store> = () => openSqliteStore({ path: ":memory:" }),
	pageSize?: number,
): Promise<PolicyImpact> {
	const store = await open();
	try {
		await storeVaried(store, objects);
		if (current !== undefined) await store.putPolicy({ text: "current", policy: current, appliedBy: "test" });
		const impact = await policyImpact(store, proposed, {
			now: SCENARIO_NOW,
			...(pageSize === undefined ? {} : { pageSize }),
		});
		const parties = impact.parties.map((line) => line.id);
		const before = await releasedOneByOne(store, parties);
		await store.putPolicy({ text: "proposed", policy: proposed, appliedBy: "test" });
		const after = await releasedOneByOne(store, parties);
		for (const line of impact.parties) {
			const was = before.get(line.id) as Set<string>;
			const will = after.get(line.id) as Set<string>;
			const gained = [...will].filter((id) => !was.has(id));
			const lost = [...was].filter((id) => !will.has(id));
			const what = `${line.name}: ${JSON.stringify({ ...line, gainedExamples: undefined, lostExamples: undefined })}`;
			assert.deepEqual(
				[line.before, line.after, line.gained, line.lost],
				[was.size, will.size, gained.length, lost.length],
				what,
			);
			assert.equal(line.gainedExamples.length, Math.min(3, gained.length), what);
			assert.equal(line.lostExamples.length, Math.min(3, lost.length), what);
			for (const example of line.gainedExamples)
				assert.ok(gained.includes(example.id), `${what}: ${example.id}`);
			for (const example of line.lostExamples) assert.ok(lost.includes(example.id), `${what}: ${example.id}`);
			for (const example of [...line.gainedExamples, ...line.lostExamples]) assert.notEqual(example.rule, "");
		}
		return impact;
	} finally {
		await store.close();
	}
}

describe("policyImpact", () => {
	it("counts, per party, exactly what the gate releases under each policy, with examples of what changes", async () => {
		const impact = await checkAgainstGate(
			variedObjects(1, 600),
			REFERENCE_POLICY,
			changedPolicy(REFERENCE_POLICY, 1),
		);
		assert.ok(impact.objects > 500);
		assert.ok(impact.classes < impact.objects, "objects share decision classes");
		assert.ok(
			impact.parties.some((line) => line.gained > 0 || line.lost > 0),
			"the change changes something",
		);
		assert.equal(impact.baseVersion, 1);
	});

	it("compares with no policy applied yet: only the node's own organisations received anything", async () => {
		const impact = await checkAgainstGate(variedObjects(2, 120), undefined, REFERENCE_POLICY);
		assert.equal(impact.baseVersion, 0);
	});

	it("reads again when an observable an indicator was classed against is stated by another contributor later", async () => {
		// The node states 203.0.113.1 and .2 as TLP:RED and indicators naming each (alike but for the value); then a
		// partner states .1 as TLP:CLEAR (D31): a party may now receive .1 and the indicator naming it, never .2's.
		const ip = (value: string, marking: string) => ({
			type: "ipv4-addr",
			spec_version: "2.1",
			id: scoId({ type: "ipv4-addr", value }) as string,
			value,
			object_marking_refs: [marking],
		});
		const indicatorOf = (n: number, value: string) => ({
			type: "indicator",
			spec_version: "2.1",
			id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
			created: "2025-05-01T00:00:00.000Z",
			modified: "2025-05-01T00:00:00.000Z",
			pattern: `[ipv4-addr:value = '${value}']`,
			pattern_type: "stix",
			valid_from: "2025-05-01T00:00:00.000Z",
			indicator_types: ["malicious-activity"],
			object_marking_refs: [MARKS.green],
		});
		const objects = new Map<string, StixObject[]>([
			[
				IDS.nca,
				[
					ip("203.0.113.1", MARKS.red),
					ip("203.0.113.2", MARKS.red),
					indicatorOf(1, "203.0.113.1"),
					indicatorOf(2, "203.0.113.2"),
				] as StixObject[],
			],
			[IDS.ec3, [ip("203.0.113.1", MARKS.clear)] as StixObject[]],
		]);
		// Pages of four: the node's objects are classified before the partner's statement is read.
		const impact = await checkAgainstGate(objects, undefined, REFERENCE_POLICY, undefined, 4);
		assert.ok(impact.parties.some((line) => line.after > 0));
	});

	it("reports progress while it reads and decides", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		await storeVaried(store, variedObjects(3, 60));
		const phases = new Set<string>();
		let last = 0;
		await policyImpact(store, REFERENCE_POLICY, {
			now: SCENARIO_NOW,
			pageSize: 10,
			onProgress: (p) => {
				phases.add(p.phase);
				if (p.phase === "reading") {
					assert.ok(p.done >= last && p.done <= p.total);
					last = p.done;
				}
			},
		});
		await store.close();
		assert.ok(phases.has("reading") && phases.has("deciding"));
		assert.ok(last > 50);
	});

	it("matches the gate for random stores and random changes of the policy (property)", async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 10, max: 100_000 }),
				fc.integer({ min: 1, max: 1000 }),
				async (seed, change) => {
					await checkAgainstGate(
						variedObjects(seed, 70),
						REFERENCE_POLICY,
						changedPolicy(REFERENCE_POLICY, change),
					);
				},
			),
			{ numRuns: 6 },
		);
	});
});

const url = process.env.ENTENTE_TEST_POSTGRES_URL;
if (url === undefined && process.env.ENTENTE_REQUIRE_POSTGRES === "1") {
	describe("policyImpact on PostgreSQL", () => {
		it("needs ENTENTE_TEST_POSTGRES_URL (ENTENTE_REQUIRE_POSTGRES=1)", () =>
			assert.fail("ENTENTE_TEST_POSTGRES_URL is not set; see docs/testing.md, PostgreSQL"));
	});
}
describe("policyImpact on PostgreSQL", {
	skip: url === undefined ? "ENTENTE_TEST_POSTGRES_URL is not set" : false,
}, () => {
	const schemas = testSchemas(url ?? "");
	after(() => schemas.end());

	it("counts exactly what the gate releases, as on SQLite (the same reads: latestVersionPages, references)", async () => {
		const schema = schemas.fresh();
		const impact = await checkAgainstGate(
			variedObjects(4, 300),
			REFERENCE_POLICY,
			changedPolicy(REFERENCE_POLICY, 4),
			() => openStore(schemas.urlOf(schema)),
		);
		assert.ok(impact.objects > 120 && impact.decidedPerObject > 0);
		await schemas.drop(schema);
	});
});
