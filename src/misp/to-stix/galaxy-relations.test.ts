// GalaxyClusterRelations → relationships: named by misp-stix's uuid5 of their ends and type (MISP keeps no id for
// a relation), so an import, and an import of the export of that import, name them the same.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { TLP2_DEFINITIONS } from "../../stix/markings/index.ts";
import { validateObject } from "../../stix/validate/index.ts";
import { mispToStix, stixToMisp } from "../index.ts";
import { relationshipId } from "./ids.ts";

const ACTOR = "7cdff317-a673-4474-84ec-4f1754947823";
const MALWARE = "5eecc1db-0e2d-4f9d-a1b7-2ef1f2d5c1a4";
const PATTERN = "0b1c2d3e-4f50-4617-8899-aabbccddeeff";
const ABSENT = "11111111-2222-4333-8444-555555555555";

function cluster(uuid: string, value: string, relations: Record<string, unknown>[] = []) {
	return { uuid, value, tag_name: `misp-galaxy:x="${value}"`, GalaxyClusterRelation: relations };
}

function event(distribution?: string): Record<string, unknown> {
	const uses = (uuid: string) => ({
		referenced_galaxy_cluster_uuid: uuid,
		referenced_galaxy_cluster_type: "uses",
		...(distribution === undefined ? {} : { distribution }),
	});
	return {
		Event: {
			uuid: "5e396a1e-68e4-4db5-8810-ca350aba047c",
			info: "relations",
			timestamp: "1603642920",
			Orgc: { name: "CIRCL", uuid: "55f6ea5e-2c60-40e5-964f-47a8950d210f" },
			Attribute: [
				{
					uuid: "bf69ad31-caac-446b-8e5c-149f06df51bf",
					type: "domain",
					category: "Network activity",
					value: "example.com",
					to_ids: true,
					// A cluster on an attribute is a cluster of the event too: relations reach it.
					Galaxy: [{ type: "mitre-attack-pattern", GalaxyCluster: [cluster(PATTERN, "Phishing - T1566")] }],
				},
			],
			Galaxy: [
				{
					type: "threat-actor",
					name: "Threat Actor",
					GalaxyCluster: [cluster(ACTOR, "Sofacy", [uses(MALWARE), uses(PATTERN), uses(ABSENT)])],
				},
				{
					type: "malpedia",
					GalaxyCluster: [
						cluster(MALWARE, "X-Agent", [
							{ referenced_galaxy_cluster_uuid: "not a uuid", referenced_galaxy_cluster_type: "uses" },
						]),
					],
				},
			],
		},
	};
}

const relationships = (objects: readonly StixObject[]) => objects.filter((o) => o.type === "relationship");
const between = (objects: readonly StixObject[], source: string) =>
	relationships(objects).filter((o) => o.source_ref === source);

describe("GalaxyClusterRelation → relationship", () => {
	it("joins the clusters' objects under misp-stix's uuid5 of its ends and type; valid STIX", () => {
		const { objects } = mispToStix(event());
		const made = between(objects, `threat-actor--${ACTOR}`);
		assert.deepEqual(made.map((one) => [one.relationship_type, one.target_ref, one.id]).sort(), [
			[
				"uses",
				`attack-pattern--${PATTERN}`,
				relationshipId(`threat-actor--${ACTOR}`, "uses", `attack-pattern--${PATTERN}`),
			],
			[
				"uses",
				`malware--${MALWARE}`,
				relationshipId(`threat-actor--${ACTOR}`, "uses", `malware--${MALWARE}`),
			],
		]);
		for (const one of made)
			assert.deepEqual(
				validateObject(one).filter((issue) => issue.severity === "error"),
				[],
				one.id,
			);
		const refs = (objects.find((one) => one.type === "grouping")?.object_refs ?? []) as string[];
		for (const one of made) assert.ok(refs.includes(one.id), `${one.id} in the event's grouping`);
	});

	it("notes a relation to a cluster the event does not hold, and one naming no uuid", () => {
		const { notes } = mispToStix(event());
		assert.deepEqual(
			notes.filter((note) => note.path.includes("GalaxyClusterRelation")).map((note) => note.path),
			[
				"Event.Galaxy[1].GalaxyCluster[0].GalaxyClusterRelation[0].referenced_galaxy_cluster_uuid",
				"Event.Galaxy[0].GalaxyCluster[0].GalaxyClusterRelation[2]",
			],
		);
	});

	it("marks a relation by its own distribution, never wider than the event's", () => {
		const made = between(mispToStix(event("0")).objects, `threat-actor--${ACTOR}`);
		assert.ok(made.length > 0);
		for (const one of made)
			assert.deepEqual(one.object_marking_refs, [TLP2_DEFINITIONS["amber+strict"].id], one.id);
		for (const one of between(mispToStix(event("3")).objects, `threat-actor--${ACTOR}`))
			assert.equal(one.object_marking_refs, undefined, one.id);
	});

	it("keeps its id through export and import again: mispToStix(stixToMisp(mispToStix(e)))", () => {
		const first = mispToStix(event()).objects;
		const { events, notes } = stixToMisp(first, { orphanEventInfo: "again" });
		const again = events.flatMap((one) => mispToStix(one).objects);
		const ids = (objects: readonly StixObject[]) =>
			between(objects, `threat-actor--${ACTOR}`)
				.map((one) => one.id)
				.sort();
		assert.equal(ids(first).length, 2);
		assert.deepEqual(ids(again), ids(first));
		assert.deepEqual(
			notes.filter((note) => ids(first).includes(note.path)),
			[],
			"a relation whose id is misp-stix's own is kept without a note",
		);
	});
});
