// mispToStix on MISP-side fixtures and real events: misp-stix's own test pairs, CERT-FR's feed, markings,
// sightings, reports, references, and the inputs it must refuse whole.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedData } from "../../../test/support/shared-data.ts";
import { isAppError } from "../../errors/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { PAP_IDS, TLP2_DEFINITIONS } from "../../stix/markings/index.ts";
import { validateObject } from "../../stix/validate/index.ts";
import { isMispJson, MAX_EVENT_ATTRIBUTES, mispEventsOf, mispToStix } from "../index.ts";

function json(...parts: string[]): unknown {
	return JSON.parse(readFileSync(sharedData("misp", ...parts), "utf8"));
}

const ORGC = { name: "CIRCL", uuid: "55f6ea5e-2c60-40e5-964f-47a8950d210f" };
const EVENT = "5e396a1e-68e4-4db5-8810-ca350aba047c";

function event(content: Record<string, unknown>): Record<string, unknown> {
	return { Event: { uuid: EVENT, info: "test", timestamp: "1603642920", Orgc: ORGC, ...content } };
}

function ip(uuid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		uuid,
		type: "ip-dst",
		category: "Network activity",
		value: "198.51.100.7",
		to_ids: true,
		...extra,
	};
}

const A1 = "bf69ad31-caac-446b-8e5c-149f06df51bf";
const A2 = "c1f0e2d4-5b6a-4c7d-8e9f-0a1b2c3d4e5f";

describe("misp-stix's test fixtures", () => {
	for (const [inputs, output] of [
		[
			["test_events_collection_1.json", "test_events_collection_2.json"],
			"test_events_collection_stix21.json",
		],
		[["test_events_collection_1.json"], "test_event1_stix21.json"],
		[["test_events_collection_2.json"], "test_event2_stix21.json"],
	] as const) {
		it(`${inputs.join(" + ")} → ${output}: the same ids, types and patterns`, () => {
			const ours = inputs.flatMap((name) =>
				mispEventsOf(json("misp-stix-tests", name)).flatMap((one) => mispToStix(one).objects),
			);
			const theirs = (json("misp-stix-tests", output) as { objects: StixObject[] }).objects;
			// Their relationship ids are random (an older misp-stix); ours are its current uuid5: compare by ends.
			const key = (object: StixObject) =>
				object.type === "relationship"
					? `${object.source_ref} ${object.relationship_type} ${object.target_ref}`
					: object.id;
			assert.deepEqual(new Set(ours.map(key)), new Set(theirs.map(key)));
			const byId = new Map(ours.map((object) => [object.id, object]));
			for (const want of theirs) {
				if (want.type === "relationship") continue;
				const got = byId.get(want.id) as StixObject;
				for (const property of [
					"type",
					"pattern",
					"value",
					"number",
					"name",
					"context",
					"created",
					"first_observed",
				])
					assert.deepEqual(got[property], want[property], `${want.id} ${property}`);
				if (want.type === "grouping")
					assert.equal((got.object_refs as string[]).length, (want.object_refs as string[]).length, want.id);
			}
		});
	}
});

describe("CERT-FR's MISP feed", () => {
	const folder = sharedData("misp", "feed-cert-fr");
	const files = readdirSync(folder).filter((name) => name.endsWith(".json") && name !== "manifest.json");

	it("has 13 events; every one converts, and every object passes the STIX validator", () => {
		assert.equal(files.length, 13);
		let attributes = 0;
		for (const name of files) {
			const value = JSON.parse(readFileSync(`${folder}/${name}`, "utf8"));
			assert.ok(isMispJson(value), name);
			const { objects, attributes: count } = mispToStix(value);
			attributes += count;
			for (const object of objects) {
				const errors = validateObject(object).filter((issue) => issue.severity === "error");
				assert.deepEqual(errors, [], `${name}: ${object.id}`);
			}
			assert.equal(
				new Set(objects.map((object) => object.id)).size,
				objects.length,
				`${name}: ids are unique`,
			);
		}
		assert.equal(attributes, 1_549 + 62 + 59 + 58 + 54 + 22 * 4 + 16 + 5 * 3 + 4 * 3);
	});

	it("tlp:clear and PAP:CLEAR become the TLP 2.0 CLEAR and PAP CLEAR refs on every object; other tags labels", () => {
		const { objects } = mispToStix(JSON.parse(readFileSync(`${folder}/${EVENT}.json`, "utf8")));
		const container = objects.find((object) => object.id === `grouping--${EVENT}`) as StixObject;
		assert.deepEqual(container.object_marking_refs, [TLP2_DEFINITIONS.clear.id, PAP_IDS.clear]);
		assert.ok((container.labels as string[]).includes('cert-fr:fiabilite="Bonne"'));
		assert.ok(
			objects.some((object) => object.id === TLP2_DEFINITIONS.clear.id),
			"the TLP 2.0 definition travels",
		);
		for (const object of objects.filter((one) => one.type === "indicator"))
			assert.deepEqual(object.object_marking_refs, [TLP2_DEFINITIONS.clear.id, PAP_IDS.clear]);
	});
});

describe("mispToStix", () => {
	it("a published event is a report--<uuid>; to_ids makes an indicator based on the observed-data", () => {
		const { objects } = mispToStix(
			event({ published: true, publish_timestamp: "1603650000", Attribute: [ip(A1)] }),
		);
		const report = objects.find((object) => object.type === "report") as StixObject;
		assert.equal(report.id, `report--${EVENT}`);
		assert.equal(report.published, "2020-10-25T18:20:00.000Z");
		assert.equal(report.created_by_ref, `identity--${ORGC.uuid}`);
		const indicator = objects.find((object) => object.id === `indicator--${A1}`) as StixObject;
		assert.equal(
			indicator.pattern,
			"[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.7']",
		);
		assert.ok((report.object_refs as string[]).includes(indicator.id));
	});

	it("indicatorsOnly: a to_ids attribute is its indicator alone, under the same id; others keep their observables", () => {
		const { objects } = mispToStix(
			event({ Attribute: [ip(A1), ip(A2, { to_ids: false, value: "198.51.100.8" })] }),
			{
				indicatorsOnly: true,
			},
		);
		assert.deepEqual(
			objects.filter((object) => object.id.endsWith(A1)).map((object) => object.id),
			[`indicator--${A1}`],
		);
		assert.ok(objects.some((object) => object.id === `observed-data--${A2}`));
	});

	it("never widens: the strictest of the event's TLP, the attribute's tag and the distribution wins", () => {
		const { objects } = mispToStix(
			event({
				distribution: "1",
				Tag: [{ name: "tlp:green" }, { name: "PAP:AMBER" }],
				Attribute: [
					ip(A1, { Tag: [{ name: "tlp:clear" }] }),
					ip(A2, { distribution: "0", value: "198.51.100.8" }),
				],
			}),
		);
		const marks = (id: string) =>
			(objects.find((object) => object.id === id) as StixObject).object_marking_refs;
		assert.deepEqual(
			marks(`indicator--${A1}`),
			[TLP2_DEFINITIONS.amber.id, PAP_IDS.amber],
			"community only ⇒ AMBER",
		);
		assert.deepEqual(
			marks(`indicator--${A2}`),
			[TLP2_DEFINITIONS["amber+strict"].id, PAP_IDS.amber],
			"org only",
		);
		const container = objects.find((object) => object.type === "grouping") as StixObject;
		assert.ok((container.labels as string[]).includes('misp:distribution="this-community-only"'));
	});

	it("a sharing group is TLP:AMBER+STRICT and named in a label; default markings fill only a missing TLP", () => {
		const shared = mispToStix(
			event({ distribution: "4", SharingGroup: { name: "CSIRTs", uuid: A2 }, Attribute: [ip(A1)] }),
			{ defaultMarkingRefs: [TLP2_DEFINITIONS.green.id] },
		).objects;
		const container = shared.find((object) => object.type === "grouping") as StixObject;
		assert.deepEqual(container.object_marking_refs, [TLP2_DEFINITIONS["amber+strict"].id]);
		assert.ok((container.labels as string[]).includes(`misp:sharing-group="CSIRTs (${A2})"`));
		const plain = mispToStix(event({ Attribute: [ip(A1)] }), {
			defaultMarkingRefs: [TLP2_DEFINITIONS.green.id],
		});
		assert.deepEqual(plain.objects.find((object) => object.type === "grouping")?.object_marking_refs, [
			TLP2_DEFINITIONS.green.id,
		]);
	});

	it("galaxies: clusters and misp-galaxy tags become domain objects; an attribute's is indicated by its indicator", () => {
		const { objects } = mispToStix(
			event({
				Tag: [{ name: 'misp-galaxy:threat-actor="TA505"' }],
				Attribute: [ip(A1, { Tag: [{ name: 'misp-galaxy:malpedia="Dridex"' }] })],
			}),
		);
		const actor = objects.find((object) => object.type === "threat-actor") as StixObject;
		assert.equal(actor.name, "TA505");
		const malware = objects.find((object) => object.type === "malware") as StixObject;
		assert.equal(malware.is_family, true);
		assert.ok(
			objects.some(
				(object) =>
					object.type === "relationship" &&
					object.relationship_type === "indicates" &&
					object.source_ref === `indicator--${A1}` &&
					object.target_ref === malware.id,
			),
		);
		// The same tag in another event names the same object, with the same content: a duplicate, not a version.
		const again = mispToStix(
			event({ uuid: A2, Tag: [{ name: 'misp-galaxy:threat-actor="TA505"' }], Attribute: [ip(A1)] }),
		);
		assert.deepEqual(
			again.objects.find((object) => object.type === "threat-actor"),
			actor,
		);
	});

	it("sightings: seen, false positive and expiry, of the indicator, where the organisation saw it", () => {
		const sightings = ["0", "1", "2"].map((type, index) => ({
			uuid: `0000000${index}-1111-4222-8333-444444444444`,
			type,
			date_sighting: "1603650000",
			Organisation: { uuid: A2, name: "SOC" },
		}));
		const { objects } = mispToStix(event({ Attribute: [ip(A1, { Sighting: sightings })] }));
		const made = objects.filter((object) => object.type === "sighting");
		assert.equal(made.length, 3);
		assert.equal(made[0]?.sighting_of_ref, `indicator--${A1}`);
		assert.deepEqual(made[0]?.where_sighted_refs, [`identity--${A2}`]);
		assert.deepEqual(made[0]?.observed_data_refs, [`observed-data--${A1}`]);
		assert.equal(made[1]?.x_entente_sighting_kind, "false-positive");
		assert.equal(made[2]?.x_entente_sighting_kind, "expired");
		assert.ok(objects.some((object) => object.id === `identity--${A2}`));
	});

	it("object references become relationships; one naming nothing of the event is a note", () => {
		const object = {
			uuid: A2,
			name: "url",
			"meta-category": "network",
			Attribute: [
				{
					uuid: "d1f0e2d4-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
					type: "url",
					object_relation: "url",
					value: "https://x.example/a",
					to_ids: true,
				},
			],
			ObjectReference: [
				{ referenced_uuid: A1, relationship_type: "communicates-with" },
				{ referenced_uuid: "e1f0e2d4-5b6a-4c7d-8e9f-0a1b2c3d4e5f", relationship_type: "drops" },
			],
		};
		const { objects, notes } = mispToStix(event({ Attribute: [ip(A1)], Object: [object] }));
		assert.ok(
			objects.some(
				(one) =>
					one.type === "relationship" &&
					one.relationship_type === "communicates-with" &&
					one.source_ref === `indicator--${A2}` &&
					one.target_ref === `indicator--${A1}`,
			),
		);
		assert.match(
			notes.find((note) => note.path.includes("ObjectReference[1]"))?.reason ?? "",
			/not an attribute or object of this event/,
		);
	});

	it("an event report is a note naming what it mentions", () => {
		const { objects } = mispToStix(
			event({
				Attribute: [ip(A1)],
				EventReport: [
					{ uuid: A2, name: "Summary", content: `C2 at @[attribute](${A1}).`, timestamp: "1603642920" },
				],
			}),
		);
		const note = objects.find((object) => object.type === "note") as StixObject;
		assert.equal(note.id, `note--${A2}`);
		assert.equal(note.abstract, "Summary");
		assert.ok((note.object_refs as string[]).includes(`indicator--${A1}`));
	});

	it("unmappable attributes are kept as x-misp-attribute with a note naming them; deleted ones are noted", () => {
		const { objects, notes } = mispToStix(
			event({
				Attribute: [
					{ uuid: A1, type: "text", category: "Other", value: "free text", to_ids: false },
					ip(A2, { deleted: true }),
				],
			}),
		);
		assert.equal(objects.find((object) => object.type === "x-misp-attribute")?.x_misp_value, "free text");
		assert.deepEqual(
			notes.map((note) => note.path),
			["Event.Attribute[0] (type 'text')", "Event.Attribute[1] (type 'ip-dst')"],
		);
		assert.ok(!objects.some((object) => object.id.endsWith(A2)));
		const twice = mispToStix(event({ Attribute: [ip(A1), ip(A1, { value: "198.51.100.9" })] }));
		assert.match(
			twice.notes[0]?.reason ?? "",
			/another attribute's or object's of this event; not imported twice/,
		);
	});
});

describe("refused input", () => {
	const refused = (value: unknown, code: string, path: RegExp) =>
		assert.throws(
			() => mispToStix(value as Record<string, unknown>),
			(error) => isAppError(error) && error.code === code && path.test(error.message),
		);

	it("wrong types name the path and what MISP writes", () => {
		refused(
			event({ Attribute: { uuid: A1 } }),
			"E_MISP_INVALID",
			/^Event\.Attribute: an object where MISP writes a list/,
		);
		refused(
			event({ Attribute: [{ uuid: A1, type: "domain" }] }),
			"E_MISP_INVALID",
			/^Event\.Attribute\[0\]\.value: nothing/,
		);
		refused(
			event({ Attribute: [ip("not-a-uuid")] }),
			"E_MISP_INVALID",
			/^Event\.Attribute\[0\]\.uuid: "not-a-uuid" is not an RFC 4122 UUID/,
		);
		refused(
			event({ timestamp: "yesterday" }),
			"E_MISP_INVALID",
			/^Event\.timestamp: "yesterday" is not a time/,
		);
		refused(event({ Tag: [{ colour: "#fff" }] }), "E_MISP_INVALID", /^Event\.Tag\[0\]\.name/);
		refused({ Event: "x" }, "E_MISP_INVALID", /^event/);
	});

	it("an event past the attribute limit is refused before any conversion", () => {
		const many = Array.from({ length: MAX_EVENT_ATTRIBUTES + 1 }, () => ({}));
		refused(event({ Attribute: many }), "E_MISP_TOO_LARGE", /more than 100,000 in one event; split it/);
	});

	it("isMispJson tells MISP from STIX", () => {
		assert.equal(isMispJson(json("feed-cert-fr", `${EVENT}.json`)), true);
		assert.equal(isMispJson(json("misp-stix-tests", "test_events_collection_1.json")), true);
		assert.equal(isMispJson([event({})]), true);
		assert.equal(isMispJson(json("misp-stix-tests", "test_event1_stix21.json")), false);
		assert.equal(isMispJson({ type: "indicator", spec_version: "2.1", id: "indicator--x" }), false);
		assert.equal(isMispJson([]), false);
	});
});
