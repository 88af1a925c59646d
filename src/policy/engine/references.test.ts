// Tests reference filtering for containers, sightings and relationships.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import type { Verdict } from "../model.ts";
import { relationshipReleasable, releasableRefs } from "./references.ts";

const verdicts: Record<string, Verdict> = {
	"indicator--a": "full",
	"indicator--b": "deny",
	"ipv4-addr--c": "transformed",
	"malware--d": "match-only",
	"identity--e": "contact-originator",
};
const verdictOf = (id: string): Verdict => verdicts[id] ?? "deny";

const report = (refs: string[]): StixObject => ({
	type: "report",
	id: "report--1",
	name: "r",
	published: "2025-01-01T00:00:00Z",
	object_refs: refs,
});

describe("releasableRefs", () => {
	it("keeps only references the recipient receives itself, asking once per id", () => {
		const asked: string[] = [];
		const result = releasableRefs(
			report(["indicator--a", "indicator--b", "ipv4-addr--c", "malware--d", "identity--e", "indicator--a"]),
			(id) => {
				asked.push(id);
				return verdictOf(id);
			},
		);
		assert.deepEqual(result?.object.object_refs, ["indicator--a", "ipv4-addr--c", "indicator--a"]);
		assert.deepEqual(result?.withheld, ["indicator--b", "malware--d", "identity--e"]);
		assert.equal(asked.filter((id) => id === "indicator--a").length, 1);
	});

	it("returns the same object when nothing is withheld, and nothing when a container would be empty", () => {
		const whole = report(["indicator--a"]);
		assert.equal(releasableRefs(whole, verdictOf)?.object, whole);
		assert.equal(releasableRefs(report(["indicator--b", "malware--d"]), verdictOf), undefined);
	});

	it("withholds a sighting whose sighting_of_ref is withheld, and trims where_sighted_refs", () => {
		const sighting: StixObject = {
			type: "sighting",
			id: "sighting--1",
			sighting_of_ref: "indicator--a",
			where_sighted_refs: ["identity--e"],
		};
		const trimmed = releasableRefs(sighting, verdictOf);
		assert.equal(trimmed?.object.where_sighted_refs, undefined, "the victim identity is not named");
		assert.equal(releasableRefs({ ...sighting, sighting_of_ref: "indicator--b" }, verdictOf), undefined);
	});
});

describe("relationshipReleasable", () => {
	it("needs both ends released inline", () => {
		const rel = (source: string, target: string): StixObject => ({
			type: "relationship",
			id: "relationship--1",
			relationship_type: "indicates",
			source_ref: source,
			target_ref: target,
		});
		assert.equal(relationshipReleasable(rel("indicator--a", "ipv4-addr--c"), verdictOf), true);
		assert.equal(relationshipReleasable(rel("indicator--a", "malware--d"), verdictOf), false);
		assert.equal(relationshipReleasable(rel("indicator--b", "indicator--a"), verdictOf), false);
		assert.equal(releasableRefs(rel("indicator--a", "indicator--b"), verdictOf), undefined);
	});
});
