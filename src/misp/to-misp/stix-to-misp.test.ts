import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { md5HashesOf, stixToMisp } from "../index.ts";
import type { MispEvent } from "./misp-json.ts";

const DATA = new URL("../../../../shared/data/misp/", import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, DATA), "utf8"));
const only = (objects: StixObject[], options = {}): MispEvent => {
	const { events } = stixToMisp(objects, options);
	assert.equal(events.length, 1);
	return events[0]?.Event as MispEvent;
};

/** Cases of misp-stix's table our reading departs from, each for a reason. */
const DEPARTURES: Record<string, string> = {
	attachment: "payload_bin has no attribute type of its own: a file object",
	"malware-sample": "payload_bin has no attribute type of its own: a file object",
	"github-username": "two user-account paths: a user-account object",
	"hostname|port": "misp-stix's pattern ANDs two object types in one observation, which STIX 2.1 §9 forbids",
	regkey: "misp-stix doubles the backslashes of the value; the pattern's escapes say one",
	"regkey|value": "misp-stix doubles the backslashes of the value; the pattern's escapes say one",
};

describe("stixToMisp against misp-stix's STIX 2.1 → MISP attribute table", () => {
	const table = read("misp-stix-mapping/stix21_to_misp_attributes.json");
	for (const [type, cases] of Object.entries<
		Record<string, { MISP: Record<string, unknown>; STIX: unknown }>
	>(table)) {
		const indicatorCase = cases.Indicator;
		if (indicatorCase === undefined || DEPARTURES[type] !== undefined) continue;
		it(`an indicator of MISP type ${type} becomes that attribute, with its uuid`, () => {
			const stix = [indicatorCase.STIX].flat() as StixObject[];
			const attribute = only(stix).Attribute[0];
			const expected = indicatorCase.MISP;
			assert.ok(attribute, `no attribute for ${type}`);
			for (const key of ["uuid", "type", "category", "value", "to_ids", "timestamp"]) {
				assert.equal(attribute[key as keyof typeof attribute], expected[key], `${type}: ${key}`);
			}
			assert.equal(attribute.comment, expected.comment ?? "");
		});
	}

	it("keeps the departures as objects or verbatim patterns, each noted", () => {
		const pattern = table["hostname|port"].Indicator.STIX as StixObject;
		const { events, notes } = stixToMisp([pattern]);
		const attribute = (events[0]?.Event as MispEvent | undefined)?.Attribute[0];
		assert.equal(attribute?.type, "stix2-pattern");
		assert.equal(attribute?.value, pattern.pattern);
		assert.ok(
			notes.some((note) => note.path === `${pattern.id}.pattern` && /stix2-pattern/.test(note.reason)),
		);
		const sample = only([table["malware-sample"].Indicator.STIX as StixObject]).Object[0];
		assert.equal(sample?.name, "file");
		assert.equal(sample?.uuid, "91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f");
	});
});

describe("stixToMisp against misp-stix's test events", () => {
	it("turns each grouping into its event: uuid, title, date, and one attribute per indicator/observed pair", () => {
		const { events } = stixToMisp(read("misp-stix-tests/test_events_collection_stix21.json").objects);
		const expected = ["test_events_collection_1.json", "test_events_collection_2.json"].flatMap((file) =>
			read(`misp-stix-tests/${file}`).response.map((wrapper: { Event: unknown }) => wrapper.Event),
		);
		assert.equal(events.length, expected.length);
		for (const want of expected) {
			const got = events.map((event) => event.Event as MispEvent).find((event) => event.uuid === want.uuid);
			assert.ok(got, `event ${want.uuid}`);
			assert.equal(got.info, want.info);
			assert.equal(got.date, want.date);
			assert.equal(got.timestamp, want.timestamp);
			assert.equal(got.Orgc.uuid, want.Orgc.uuid);
			const shape = (attributes: Record<string, unknown>[]) =>
				attributes.map(({ uuid, type, category, value, to_ids }) => ({
					uuid,
					type,
					category,
					value,
					to_ids: to_ids ?? false,
				}));
			assert.deepEqual(shape(got.Attribute as unknown as Record<string, unknown>[]), shape(want.Attribute));
		}
	});

	it("reads misp-stix's objects collection: its objects by the names misp-stix labels them with, references resolved", () => {
		const { events } = stixToMisp(read("misp-stix-tests/test_objects_collection_stix21.json").objects);
		const event = events[0]?.Event as MispEvent;
		const file = event.Object.find((object) => object.name === "file");
		assert.ok(file);
		const relations = Object.fromEntries(
			file.Attribute.map((attribute) => [attribute.object_relation, attribute.value]),
		);
		assert.equal(relations.md5, "8764605c6f388c89096b534d33565802");
		assert.equal(relations.filename, "oui");
		// misp-stix's `misp:name` label keeps a MISP object an object, even where one attribute type would fit.
		const domainIp = event.Object.find((object) => object.name === "domain-ip");
		assert.deepEqual(
			domainIp?.Attribute.map((attribute) => [attribute.object_relation, attribute.value]),
			[
				["domain", "circl.lu"],
				["ip", "149.13.33.14"],
			],
		);
		assert.deepEqual(event.Object.map((object) => object.name).sort(), [
			"credential",
			"domain-ip",
			"email",
			"file",
		]);
	});
});

const TLP_AMBER_STRICT = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
const PAP_GREEN = "marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9";
const STAMP = {
	spec_version: "2.1",
	created: "2024-01-02T03:04:05.000Z",
	modified: "2024-01-03T03:04:05.000Z",
};
const indicator = (uuid: string, pattern: string, extra: Record<string, unknown> = {}): StixObject => ({
	type: "indicator",
	id: `indicator--${uuid}`,
	...STAMP,
	pattern,
	pattern_type: "stix",
	valid_from: STAMP.created,
	...extra,
});
const U1 = "11111111-1111-4111-8111-111111111111";
const U2 = "22222222-2222-4222-8222-222222222222";
const U3 = "33333333-3333-4333-8333-333333333333";

describe("stixToMisp: events, tags and notes", () => {
	it("makes a report an event: markings become tlp:/PAP: tags, labels tags, distribution no wider than TLP", () => {
		const report: StixObject = {
			type: "report",
			id: `report--${U3}`,
			...STAMP,
			name: "Campaign X",
			description: "What we saw",
			published: "2024-01-03T03:04:05.000Z",
			object_refs: [`indicator--${U1}`],
			object_marking_refs: [TLP_AMBER_STRICT, PAP_GREEN],
			labels: ["finance"],
		};
		const event = only([
			report,
			indicator(U1, "[ipv4-addr:value = '198.51.100.7']", { object_marking_refs: [TLP_AMBER_STRICT] }),
		]);
		assert.equal(event.uuid, U3);
		assert.equal(event.info, "Campaign X");
		assert.equal(event.date, "2024-01-02");
		assert.equal(event.timestamp, String(Date.parse(STAMP.modified) / 1000));
		assert.equal(event.published, true);
		assert.deepEqual(
			event.Tag.map((tag) => tag.name),
			["tlp:amber+strict", "PAP:GREEN", "finance"],
		);
		assert.equal(event.distribution, "0");
		assert.equal(event.EventReport[0]?.content, "What we saw");
		assert.deepEqual(event.Attribute[0]?.Tag, [{ name: "tlp:amber+strict" }]);
		assert.equal(event.Attribute[0]?.type, "ip-dst");
	});

	it("puts what no report names in one event titled by the caller, with a stable uuid", () => {
		const objects = [indicator(U1, "[domain-name:value = 'evil.example']")];
		const first = only(objects, { orphanEventInfo: "node-a: loose objects" });
		const second = only(objects, { orphanEventInfo: "node-a: loose objects" });
		assert.equal(first.info, "node-a: loose objects");
		assert.equal(first.uuid, second.uuid);
	});

	it("notes every property MISP cannot hold, with its path", () => {
		const { notes } = stixToMisp([
			indicator(U1, "[url:value = 'http://a.example/'] OR [url:value = 'http://b.example/']", {
				name: "two URLs",
				confidence: 80,
			}),
		]);
		const paths = notes.map((note) => note.path).sort();
		assert.deepEqual(paths, [
			`indicator--${U1}.confidence`,
			`indicator--${U1}.name`,
			// Unmarked: MISP holds it under its event's distribution, which reads back as a TLP.
			`indicator--${U1}.object_marking_refs`,
			`indicator--${U1}.pattern`,
		]);
	});

	it("turns SDOs into galaxy clusters with the SDO's uuid, and relationships between them into cluster relations", () => {
		const actor = read("misp-stix-mapping/stix21_to_misp_galaxies.json")["threat-actor"].STIX as StixObject;
		const malware: StixObject = {
			type: "malware",
			id: `malware--${U2}`,
			...STAMP,
			name: "Nasty",
			is_family: true,
		};
		const uses: StixObject = {
			type: "relationship",
			id: `relationship--${U3}`,
			...STAMP,
			relationship_type: "uses",
			source_ref: actor.id,
			target_ref: malware.id,
		};
		const event = only([actor, malware, uses]);
		const actorCluster = event.Galaxy.find((galaxy) => galaxy.type === "threat-actor")?.GalaxyCluster[0];
		assert.equal(actorCluster?.uuid, "11e17436-6ede-4733-8547-4ce0254ea19e");
		assert.equal(actorCluster?.value, "Cutting Kitten");
		assert.deepEqual(actorCluster?.meta.synonyms, ["Ghambar"]);
		assert.deepEqual(actorCluster?.meta["cfr-type-of-incident"], ["Denial of service"]);
		assert.deepEqual(actorCluster?.GalaxyClusterRelation, [
			{ referenced_galaxy_cluster_uuid: U2, referenced_galaxy_cluster_type: "uses" },
		]);
	});

	it("keeps a relationship from a MISP object as its object reference, and a sighting on its attribute", () => {
		const file = indicator(U1, "[file:name = 'a.exe' AND file:size = 10]");
		const related: StixObject = {
			type: "relationship",
			id: `relationship--${U3}`,
			...STAMP,
			relationship_type: "related-to",
			source_ref: file.id,
			target_ref: `indicator--${U2}`,
		};
		const sighting: StixObject = {
			type: "sighting",
			id: "sighting--44444444-4444-4444-8444-444444444444",
			...STAMP,
			sighting_of_ref: `indicator--${U2}`,
			last_seen: "2024-02-01T00:00:00Z",
		};
		const event = only([file, indicator(U2, "[url:value = 'http://c.example/']"), related, sighting]);
		assert.deepEqual(event.Object[0]?.ObjectReference, [
			{ uuid: U3, object_uuid: U1, referenced_uuid: U2, relationship_type: "related-to" },
		]);
		const url = event.Attribute.find((attribute) => attribute.uuid === U2);
		assert.equal(url?.Sighting?.[0]?.date_sighting, String(Date.parse("2024-02-01T00:00:00Z") / 1000));
	});
});

describe("md5HashesOf", () => {
	it("hashes each part of a composite value, as MISP's own hashes.csv (feed-cert-fr) does", () => {
		const event = read("feed-cert-fr/621f4e53-cd54-4194-8d8f-4a6e0abe1822.json");
		const theirs = new Set(readFileSync(new URL("feed-cert-fr/hashes.csv", DATA), "utf8").trim().split("\n"));
		const ours = md5HashesOf(event).filter(
			(line) => !line.startsWith(createHash("md5").update("").digest("hex")),
		);
		const missing = ours.filter((line) => !theirs.has(line));
		// MISP rewrites datetime values when it stores them; every other value hashes the same.
		assert.ok(missing.length <= 2, `missing: ${missing.join(" ")}`);
		assert.ok(ours.length > 10, `only ${ours.length} hashes`);
	});
});
