// STIX objects → MISP events (D54), following misp-stix's STIX 2.1 → MISP mapping: a report or grouping is an
// event, an indicator an attribute (or object) with the indicator's uuid, an observed SCO an attribute with to_ids
// off, an SDO a galaxy cluster, a relationship an object reference, a sighting an attribute's sighting.
import { createHash } from "node:crypto";
import type { StixObject } from "../../stix/core.ts";
import { EventBuilder } from "./event-builder.ts";
import { eventOf, orphanEvent, type StixToMispOptions } from "./events.ts";
import { GALAXY_TYPES, galaxyOf } from "./galaxies.ts";
import { indicatorToMisp } from "./indicator.ts";
import { uuidOf } from "./leftovers.ts";
import { placeRelationship, placeSighting } from "./links.ts";
import type { ConversionNote, MispAttribute, MispEvent, MispEventJson, MispObject } from "./misp-json.ts";
import { observedToMisp, scoToMisp } from "./observed.ts";
import { tagsOf } from "./tags.ts";

const CONTAINERS: ReadonlySet<string> = new Set(["report", "grouping"]);
/** Types read where they are named (a creator, a marking, a sighter) rather than converted on their own. */
const CONTEXT_TYPES = new Set(["identity", "marking-definition", "extension-definition", "language-content"]);
const CONTEXT_REASONS: Readonly<Record<string, string>> = {
	identity:
		"MISP keeps an identity only as the name and uuid of an event's creator or a sighting's organisation",
	"marking-definition":
		"MISP keeps a marking only as the tag of what it marks (TLP and PAP); the definition is not",
	"extension-definition": "MISP has no extension definitions; not kept",
	"language-content": "MISP has no translations; not kept",
};

/**
 * MISP events for `objects`: one per report or grouping (its `object_refs` the attributes, objects and galaxies),
 * and one more, titled `options.orphanEventInfo`, for what no report names. An attribute sits in the first event
 * naming it (MISP keeps each attribute uuid once). Every property, reference or object that MISP cannot hold is a
 * note (path and reason); nothing is dropped without one.
 * @example stixToMisp(bundle.objects, { orphanEventInfo: "node-a: indicators" }).events[0].Event.Attribute
 */
export function stixToMisp(
	objects: readonly StixObject[],
	options: StixToMispOptions = {},
): { events: MispEventJson[]; notes: ConversionNote[] } {
	const notes: ConversionNote[] = [];
	const byId = latestById(objects);
	const placed = new Map<string, EventBuilder>();
	const builders: EventBuilder[] = [];
	for (const container of byId.values()) {
		if (!CONTAINERS.has(container.type)) continue;
		const builder = new EventBuilder(eventOf(container, byId, options, notes));
		builders.push(builder);
		const refs = Array.isArray(container.object_refs) ? container.object_refs : [];
		const named = refs.flatMap((ref) => (typeof ref === "string" ? [ref] : []));
		fill(builder, named, byId, placed, `${container.id}`, notes);
		placed.set(container.id, builder);
	}
	const rest = [...byId.values()].filter((object) => !placed.has(object.id) && !CONTAINERS.has(object.type));
	const orphans = rest.filter((object) => !CONTEXT_TYPES.has(object.type) && !isLink(object));
	if (orphans.length > 0) {
		const builder = new EventBuilder(orphanEvent(orphans, options));
		fill(
			builder,
			orphans.map((object) => object.id),
			byId,
			placed,
			"objects outside any report",
			notes,
		);
		builders.push(builder);
	}
	for (const object of byId.values()) {
		if (object.type === "relationship") placeRelationship(object, byId, placed, notes);
		else if (object.type === "sighting") placeSighting(object, byId, placed, notes);
		else if (CONTEXT_TYPES.has(object.type))
			notes.push({ path: object.id, reason: CONTEXT_REASONS[object.type] ?? "" });
	}
	return { events: builders.map((builder) => builder.finish(notes)), notes };
}

/** The lines of MISP's hashes.csv for one event: md5 of each value (each part of an `a|b` value), the event uuid. */
export function md5HashesOf(event: MispEventJson): string[] {
	const body = (event.Event ?? event) as Partial<MispEvent>;
	const uuid = body.uuid ?? "";
	const attributes = [
		...(body.Attribute ?? []),
		...(body.Object ?? []).flatMap((object) => object.Attribute),
	];
	return attributes.flatMap((attribute) =>
		(attribute.type.includes("|") ? attribute.value.split("|") : [attribute.value]).map(
			(value) => `${createHash("md5").update(value).digest("hex")},${uuid}`,
		),
	);
}

function isLink(object: StixObject): boolean {
	return object.type === "relationship" || object.type === "sighting";
}

/** One object per id: the latest version when several are given. */
function latestById(objects: readonly StixObject[]): Map<string, StixObject> {
	const byId = new Map<string, StixObject>();
	for (const object of objects) {
		const known = byId.get(object.id);
		if (known === undefined || String(object.modified ?? "") > String(known.modified ?? ""))
			byId.set(object.id, object);
	}
	return byId;
}

/**
 * Converts the objects `ids` names into `builder`'s event: indicators, observed-data and SDOs first, then the SCOs no
 * observed-data of this event read. An attribute already in an earlier event stays there (noted).
 */
function fill(
	builder: EventBuilder,
	ids: readonly string[],
	byId: ReadonlyMap<string, StixObject>,
	placed: Map<string, EventBuilder>,
	path: string,
	notes: ConversionNote[],
): void {
	const read = new Set<string>();
	const scos: StixObject[] = [];
	// Indicators first: misp-stix writes an attribute as an indicator and an observed-data of the same uuid, and the
	// indicator's is the attribute (to_ids on).
	const ordered = [...ids].sort(
		(a, b) => Number(!a.startsWith("indicator--")) - Number(!b.startsWith("indicator--")),
	);
	for (const id of ordered) {
		const object = byId.get(id);
		if (object === undefined) {
			notes.push({
				path: `${path}.object_refs`,
				reason: `${id} is not among the objects converted; not kept`,
			});
			continue;
		}
		const elsewhere = placed.get(id);
		if (
			elsewhere !== undefined &&
			elsewhere !== builder &&
			object.type !== "sighting" &&
			object.type !== "relationship"
		) {
			if (!GALAXY_TYPES.has(object.type)) {
				notes.push({
					path: `${path}.object_refs`,
					reason: `${id} is already in event ${elsewhere.event.uuid}; MISP holds an attribute in one event`,
				});
				continue;
			}
		}
		if (object.type === "indicator") {
			const converted = indicatorToMisp(object, id, notes);
			builder.add(withTags(converted, object, id, notes), id);
		} else if (object.type === "observed-data") {
			const result = observedToMisp(object, byId, id, notes);
			for (const converted of result.converted) {
				const uuid = "attribute" in converted ? converted.attribute.uuid : converted.object.uuid;
				if (!builder.has(uuid)) builder.add(withTags(converted, object, id, notes), id);
			}
			for (const sco of result.read) {
				read.add(sco);
				placed.set(sco, builder);
			}
		} else if (GALAXY_TYPES.has(object.type)) {
			// A cluster named by several reports is in each event; what it lost is noted once.
			const first = elsewhere === undefined;
			builder.addGalaxy(object, galaxyOf(object, id, first ? notes : []));
			if (first && (object.object_marking_refs ?? []).length > 0) {
				notes.push({
					path: `${id}.object_marking_refs`,
					reason: "a galaxy cluster in an event carries no tags; its markings are the event's",
				});
			}
		} else if (
			object.type === "relationship" ||
			object.type === "sighting" ||
			CONTEXT_TYPES.has(object.type)
		) {
			// Placed after every event is filled (relationships, sightings) or read where named (identities, markings).
		} else if (isSco(object)) {
			scos.push(object);
		} else {
			notes.push({ path: id, reason: `a ${object.type} has no MISP form in an event; not kept` });
			continue;
		}
		placed.set(id, builder);
	}
	for (const sco of scos) {
		if (read.has(sco.id) || builder.has(uuidOf(sco.id))) continue;
		builder.add(
			withTags(scoToMisp(sco, byId, builder.event.timestamp, sco.id, notes), sco, sco.id, notes),
			sco.id,
		);
	}
}

/** SCOs have no `created` (STIX 2.1 §6): the types whose objects carry none. */
function isSco(object: StixObject): boolean {
	return object.created === undefined && object.modified === undefined;
}

/** The object's markings and labels as tags on the attribute, or on each attribute of the object. */
function withTags<T extends { attribute: MispAttribute } | { object: MispObject }>(
	converted: T,
	source: StixObject,
	path: string,
	notes: ConversionNote[],
): T {
	const tags = tagsOf(source, path, notes);
	if (tags.length === 0) return converted;
	if ("attribute" in converted) converted.attribute.Tag = tags;
	else for (const attribute of converted.object.Attribute) attribute.Tag = tags;
	return converted;
}
