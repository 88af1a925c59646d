import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateObject } from "../../stix/validate/index.ts";
import { draftSighting, type SightingDraft } from "./index.ts";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const BASE: SightingDraft = {
	sightingOf: "indicator--00000000-0000-4000-8000-000000000001",
	kind: "false-positive",
	organizationId: "identity--00000000-0000-4000-8000-00000000000a",
	objectMarkingRefs: ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"],
};

describe("draftSighting", () => {
	it("writes a valid STIX sighting: the organisation as author and where sighted, the kind, the audience", () => {
		const sighting = draftSighting({ ...BASE, count: 4, audienceParties: ["identity--x"] }, NOW);
		assert.deepEqual(validateObject(sighting), []);
		assert.equal(sighting.created_by_ref, BASE.organizationId);
		assert.deepEqual(sighting.where_sighted_refs, [BASE.organizationId]);
		assert.equal(sighting.count, 4);
		assert.equal(sighting.first_seen, NOW.toISOString());
		assert.equal(sighting.x_entente_sighting_kind, "false-positive");
		assert.equal(sighting.x_opencti_negative, true);
		assert.deepEqual(sighting.x_entente_audience, { parties: ["identity--x"] });
	});

	it("one time given stands for both ends of the window", () => {
		const sighting = draftSighting({ ...BASE, firstSeen: "2026-12-01T00:00:00Z" }, NOW);
		assert.equal(sighting.last_seen, "2026-12-01T00:00:00.000Z");
	});

	for (const [name, draft, message] of [
		["a count of 0", { count: 0 }, /count 0 is out of range: give a whole number from 1 to 999999999/],
		["a count over STIX's bound", { count: 1_000_000_000 }, /out of range/],
		["a fractional count", { count: 1.5 }, /out of range/],
		[
			"times out of order",
			{ firstSeen: "2026-12-02T00:00:00Z", lastSeen: "2026-12-01T00:00:00Z" },
			/is after last_seen .*swap them/,
		],
		["a time in the future", { lastSeen: "2027-01-01T00:00:00Z" }, /is in the future/],
		["a time that is no timestamp", { firstSeen: "yesterday" }, /is not a timestamp: write it as/],
	] as const) {
		it(`refuses ${name}, naming the fix`, () => {
			assert.throws(
				() => draftSighting({ ...BASE, ...draft }, NOW),
				(error: Error & { code?: string }) =>
					error.code === "E_SIGHTING_INVALID" && message.test(error.message),
			);
		});
	}
});
