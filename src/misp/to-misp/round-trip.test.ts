// import(export(x)) over the shared data: mispToStix(stixToMisp(x)) keeps every value, tag (marking) and relation
// of x, and what it does not keep is exactly what stixToMisp's notes list (D53, D54).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import * as misp from "../index.ts";
import { relationshipId } from "../to-stix/ids.ts";
import { canonicalPath, isTypeGuard } from "./attribute-types.ts";
import { GALAXY_TYPES } from "./galaxies.ts";
import { readPlainPattern } from "./plain-pattern.ts";
import { tagOfMarking } from "./tags.ts";

const DATA = new URL("../../../../shared/data/", import.meta.url);
const STIX_BUNDLES = [
	"stix21/attack/mobile-attack-17.1.json",
	...readdirSync(new URL("stix21/oasis-examples/", DATA)).map((file) => `stix21/oasis-examples/${file}`),
];

const FEED_EVENTS = readdirSync(new URL("misp/feed-cert-fr/", DATA))
	.filter((file) => /^[0-9a-f-]{36}\.json$/.test(file))
	.map((file) => `misp/feed-cert-fr/${file}`);

/** A shared STIX bundle's objects, or a shared MISP event's as mispToStix converts it. */
function objectsOf(path: string): StixObject[] {
	const parsed = JSON.parse(readFileSync(new URL(path, DATA), "utf8"));
	if (path.startsWith("misp/")) return misp.mispToStix(parsed).objects;
	return (parsed.objects ?? [parsed]) as StixObject[];
}

/** A pattern's values by path (type guards left out, hash names as the vocabulary spells them). */
function valuesOf(pattern: unknown): string[] | undefined {
	const reading = readPlainPattern(String(pattern));
	if (!reading.plain) return undefined;
	return reading.comparisons
		.filter((comparison) => !isTypeGuard(comparison))
		.map((comparison) => `${canonicalPath(comparison.key)}=${comparison.value}`)
		.sort();
}

const tagNames = (object: StixObject | undefined) =>
	(object?.object_marking_refs ?? []).flatMap((ref) => tagOfMarking(ref) ?? []).sort();
const triple = (relationship: StixObject) =>
	`${String(relationship.source_ref)} ${String(relationship.relationship_type)} ${String(relationship.target_ref)}`;

/** Converts x out and back; answers what came back by id, the relationships' triples, and the noted paths. */
function roundTrip(objects: readonly StixObject[]) {
	const { events, notes } = misp.stixToMisp(objects, { orphanEventInfo: "round trip" });
	const back = events.flatMap((event) => misp.mispToStix(event).objects);
	return {
		back: new Map(back.map((object) => [object.id, object])),
		triples: new Set(back.filter((object) => object.type === "relationship").map(triple)),
		noted: (id: string) =>
			notes.some(
				(note) => note.path === id || note.path.startsWith(`${id}.`) || note.path.startsWith(`${id} `),
			),
		/**
		 * Relationships MISP keeps as galaxy cluster relations, each with the id it comes back under: misp-stix's
		 * uuid5 of its ends and type (MISP keeps no id for a relation), noted when that is not its own.
		 */
		clusterRelations: objects.flatMap((object) => {
			if (object.type !== "relationship") return [];
			const kept = notes.find(
				(note) => note.path === object.id && note.reason.startsWith("kept as a galaxy cluster relation"),
			);
			const expected = relationshipId(
				String(object.source_ref),
				String(object.relationship_type),
				String(object.target_ref),
			);
			if (kept !== undefined) return [{ relationship: object, backAs: expected, note: kept.reason }];
			const clusters = [object.source_ref, object.target_ref].every((ref) =>
				GALAXY_TYPES.has(String(ref).slice(0, String(ref).indexOf("--"))),
			);
			return clusters && expected === object.id ? [{ relationship: object, backAs: expected, note: "" }] : [];
		}),
	};
}

describe("round trip: mispToStix(stixToMisp(x)) over the shared data", () => {
	for (const bundle of [...STIX_BUNDLES, ...FEED_EVENTS]) {
		it(`${bundle}: every object not noted comes back under its id, with its values, tags and labels`, () => {
			const objects = objectsOf(bundle);
			const { back, noted } = roundTrip(objects);
			const lost: string[] = [];
			for (const object of objects) {
				if (object.type === "relationship" || noted(object.id)) continue;
				const returned = back.get(object.id);
				if (returned === undefined) {
					lost.push(`${object.id}: not back`);
					continue;
				}
				if (object.type === "indicator" && object.pattern_type === "stix" && !noted(`${object.id}.pattern`)) {
					assert.deepEqual(valuesOf(returned.pattern), valuesOf(object.pattern), `${object.id}: values`);
				}
				if (!noted(`${object.id}.object_marking_refs`)) {
					assert.deepEqual(tagNames(returned), tagNames(object), `${object.id}: TLP/PAP markings`);
				}
				for (const label of noted(`${object.id}.labels`)
					? []
					: ((object.labels as string[] | undefined) ?? [])) {
					assert.ok(
						((returned.labels as string[] | undefined) ?? []).includes(label),
						`${object.id}: label ${label}`,
					);
				}
			}
			assert.deepEqual(lost, []);
		});

		it(`${bundle}: every relationship not noted comes back (source, type, target)`, () => {
			const objects = objectsOf(bundle);
			const { triples, noted } = roundTrip(objects);
			const lost = objects
				.filter(
					(object) => object.type === "relationship" && !noted(object.id) && !triples.has(triple(object)),
				)
				.map(triple);
			assert.deepEqual(lost, []);
		});

		it(`${bundle}: relationships between galaxy clusters come back, under misp-stix's id for their ends and type`, () => {
			const { back, clusterRelations } = roundTrip(objectsOf(bundle));
			const lost = clusterRelations.filter(({ relationship, backAs, note }) => {
				const returned = back.get(backAs);
				return (
					returned === undefined ||
					triple(returned) !== triple(relationship) ||
					(backAs !== relationship.id && !note.endsWith(backAs))
				);
			});
			assert.deepEqual(
				lost.map(({ relationship }) => triple(relationship)),
				[],
			);
		});
	}
});
