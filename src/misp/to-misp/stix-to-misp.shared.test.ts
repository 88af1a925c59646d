// stixToMisp over the shared public data (ATT&CK mobile, the OASIS examples): nothing is dropped without a note.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { stixToMisp } from "../index.ts";
import type { MispEvent } from "./misp-json.ts";

const STIX21 = new URL("../../../../shared/data/stix21/", import.meta.url);
const BUNDLES = [
	"attack/mobile-attack-17.1.json",
	...readdirSync(new URL("oasis-examples/", STIX21)).map((file) => `oasis-examples/${file}`),
];

/** Every uuid the events carry: events, attributes, objects, clusters, references, sightings, reports. */
function keptUuids(events: readonly MispEvent[]): Set<string> {
	const kept = new Set<string>();
	for (const event of events) {
		kept.add(event.uuid);
		for (const attribute of [...event.Attribute, ...event.Object.flatMap((object) => object.Attribute)]) {
			kept.add(attribute.uuid);
			for (const sighting of attribute.Sighting ?? []) kept.add(sighting.uuid);
			for (const galaxy of attribute.Galaxy ?? [])
				for (const cluster of galaxy.GalaxyCluster) kept.add(cluster.uuid);
		}
		for (const object of event.Object) {
			kept.add(object.uuid);
			for (const reference of object.ObjectReference) kept.add(reference.uuid);
		}
		for (const galaxy of event.Galaxy) for (const cluster of galaxy.GalaxyCluster) kept.add(cluster.uuid);
	}
	return kept;
}

describe("stixToMisp over the shared STIX 2.1 data", () => {
	for (const bundle of BUNDLES) {
		it(`${bundle}: every object is in an event under its uuid, or noted`, () => {
			const parsed = JSON.parse(readFileSync(new URL(bundle, STIX21), "utf8"));
			const objects = (parsed.objects ?? [parsed]) as StixObject[];
			const { events, notes } = stixToMisp(objects, { orphanEventInfo: bundle });
			const kept = keptUuids(events.map((event) => event.Event as MispEvent));
			const noted = new Set(notes.map((note) => note.path.split(/[ .]/)[0]));
			const lost = objects.filter(
				(object) => !kept.has(object.id.split("--")[1] ?? "") && !noted.has(object.id),
			);
			assert.deepEqual(
				lost.map((object) => object.id),
				[],
			);
			for (const note of notes) assert.ok(note.path !== "" && note.reason !== "", JSON.stringify(note));
			assert.doesNotThrow(() => JSON.parse(JSON.stringify(events)));
		});
	}

	it("keeps every indicator's values: an attribute's value, or inside a pattern kept verbatim", () => {
		for (const bundle of [
			"oasis-examples/indicator-for-c2-ip-address.json",
			"oasis-examples/poisonivy.json",
		]) {
			const objects = JSON.parse(readFileSync(new URL(bundle, STIX21), "utf8")).objects as StixObject[];
			const { events } = stixToMisp(objects);
			const attributes = events.flatMap((event) => {
				const body = event.Event as MispEvent;
				return [...body.Attribute, ...body.Object.flatMap((object) => object.Attribute)];
			});
			const values = new Set(attributes.flatMap((attribute) => attribute.value.split("|")));
			const verbatim = attributes
				.filter((attribute) => attribute.type === "stix2-pattern")
				.map((a) => a.value);
			for (const indicator of objects.filter((object) => object.type === "indicator")) {
				for (const [, value] of String(indicator.pattern).matchAll(/= '([^']*)'/g)) {
					const kept = values.has(value ?? "") || verbatim.some((pattern) => pattern.includes(`'${value}'`));
					assert.ok(kept, `${indicator.id}: ${value}`);
				}
			}
		}
	});
});
