// A value's sightings: counted once across the objects naming it, scored as the value (its kind's half-life), and
// expired only when every object naming it is.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { summariseValueSightings, valueTarget } from "./value-summary.ts";

const NOW = new Date("2026-03-01T00:00:00.000Z");
const IP = { kind: "ipv4", value: "203.0.113.5" } as const;
const ORG = "identity--0a0a0a0a-0000-4000-8000-000000000001";

function object(n: number, fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		pattern: "[ipv4-addr:value = '203.0.113.5']",
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00.000Z",
		...fields,
	} as StixObject;
}

function sighting(n: number, of: string, lastSeen: string): StixObject {
	return {
		type: "sighting",
		spec_version: "2.1",
		id: `sighting--00000000-0000-4000-8000-00000000000${n}`,
		created: lastSeen,
		modified: lastSeen,
		sighting_of_ref: of,
		created_by_ref: ORG,
		where_sighted_refs: [ORG],
		last_seen: lastSeen,
		count: 2,
	} as StixObject;
}

describe("summariseValueSightings", () => {
	it("counts the sightings of every object naming the value once, and none of another object", () => {
		const a = object(1);
		const b = object(2);
		const sightings = [
			sighting(1, a.id, "2026-02-27T10:00:00.000Z"),
			sighting(2, b.id, "2026-02-28T10:00:00.000Z"),
			sighting(2, b.id, "2026-02-28T10:00:00.000Z"),
			sighting(3, object(3).id, "2026-02-28T10:00:00.000Z"),
		];
		const summary = summariseValueSightings(IP, [a, b], sightings, NOW, () => "Alpha CERT");
		assert.equal(summary.kinds.seen.reports, 2);
		assert.equal(summary.kinds.seen.count, 4);
		assert.deepEqual(
			summary.timeline.map((day) => [day.day, day.seen]),
			[
				["2026-02-27", 2],
				["2026-02-28", 2],
			],
		);
		assert.equal(summary.score.halfLife.of, "ipv4-addr");
		assert.equal(summary.score.evidence, "2026-02-28T10:00:00.000Z");
		assert.match(summary.explanation, /^Seen 4 times by 1 organisation/);
	});

	it("without sightings, the newest object's own date is the evidence", () => {
		const summary = summariseValueSightings(
			IP,
			[object(1), object(2, { valid_from: "2026-02-01T00:00:00.000Z" })],
			[],
			NOW,
			() => undefined,
		);
		assert.equal(summary.score.evidence, "2026-02-01T00:00:00.000Z");
		assert.equal(summary.score.status, "active");
	});
});

describe("valueTarget", () => {
	it("is expired only when every object naming the value is", () => {
		const revoked = object(1, { revoked: true });
		const past = object(2, { valid_until: "2026-02-01T00:00:00.000Z" });
		const future = object(3, { valid_until: "2026-06-01T00:00:00.000Z" });
		const status = (objects: StixObject[]) =>
			summariseValueSightings(IP, objects, [], NOW, () => undefined).score.status;
		assert.equal(status([revoked]), "expired");
		assert.equal(status([revoked, past]), "expired");
		assert.equal(status([revoked, object(4)]), "active");
		assert.equal(status([past, future]), "active");
		assert.equal(status([past, object(4)]), "active");
		assert.equal(valueTarget(IP, [past, future]).valid_until, "2026-06-01T00:00:00.000Z");
		assert.equal(valueTarget({ kind: "sha256", value: "ab".repeat(32) }, []).type, "file");
	});
});
