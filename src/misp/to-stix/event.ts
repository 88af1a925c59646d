// mispToStix: one MISP event → the STIX MISP's own 2.1 exporter (misp-stix) writes for it, ids and all (D53).
import { AppError } from "../../errors/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { MispConversion, MispEventJson, MispToStixOptions } from "../types.ts";
import { convertAttribute } from "./attribute.ts";
import { relationship } from "./build.ts";
import { EventContext } from "./context.ts";
import { convertEventReport } from "./event-report.ts";
import { galaxyObjects } from "./galaxy-links.ts";
import { DISTRIBUTION_NAMES, DISTRIBUTION_TLP, strictest } from "./markings.ts";
import { convertObject } from "./misp-object.ts";
import { invalid, isRecord, type Json, optionalText, records, uuidOf } from "./read.ts";
import { identityOf } from "./sightings.ts";
import { readTags } from "./tags.ts";
import { epochMs, stamp } from "./time.ts";

/**
 * The most attributes (objects' included) one event may hold: MISP's own UI pages far below this, and an event
 * this large is converted in memory. A bigger one is refused whole, with E_MISP_TOO_LARGE.
 */
export const MAX_EVENT_ATTRIBUTES = 100_000;

/**
 * Converts one MISP event (`{ "Event": {…} }` or the bare event) to STIX 2.1, following misp-stix's mapping
 * (../shared/data/misp/misp-stix-mapping): the event becomes `report--<uuid>` when published, else
 * `grouping--<uuid>`; each attribute `observed-data--<uuid>` with its observables, plus `indicator--<uuid>` and
 * a `based-on` relationship when to_ids; each MISP object the same under the object's uuid; ObjectReferences
 * relationships; galaxies domain objects; sightings `sighting--<uuid>`; event reports notes. Tags tlp:* and
 * PAP:* become the TLP 2.0 and PAP marking refs, distribution a TLP no wider than it (D53), other tags labels.
 * What cannot be kept as it was is listed in `notes`, never dropped silently.
 * @throws AppError E_MISP_INVALID (the path and the fix) when the event is not MISP's shape; E_MISP_TOO_LARGE
 * past MAX_EVENT_ATTRIBUTES. Nothing of a refused event is returned.
 * @example const { objects, notes } = mispToStix(JSON.parse(readFileSync("event.json", "utf8")));
 */
export function mispToStix(input: MispEventJson, options: MispToStixOptions = {}): MispConversion {
	const wrapped = isRecord(input.Event);
	const event = wrapped ? (input.Event as Json) : input;
	const path = wrapped ? "Event" : "event";
	if (!isRecord(event)) throw invalid(path, 'not an object; give a MISP event { "Event": { … } }');
	const attributes = records(event, "Attribute", path);
	const mispObjects = records(event, "Object", path);
	const total = attributes.length + mispObjects.reduce((sum, object) => sum + lengthOf(object.Attribute), 0);
	if (total > MAX_EVENT_ATTRIBUTES)
		throw new AppError(
			"E_MISP_TOO_LARGE",
			`${path}: ${total.toLocaleString("en")} attributes, more than ${MAX_EVENT_ATTRIBUTES.toLocaleString("en")} in one event; ` +
				"split it in MISP, or export it as a MISP feed and subscribe to that",
			{ details: { path, attributes: total, limit: MAX_EVENT_ATTRIBUTES } },
		);
	const uuid = uuidOf(event, path);
	const eventMs =
		event.timestamp === undefined ? dateMs(event, path) : epochMs(event.timestamp, `${path}.timestamp`);
	const tags = readTags(records(event, "Tag", path), `${path}.Tag`);
	const distribution = optionalText(event, "distribution", path);
	const sharingGroup = isRecord(event.SharingGroup) ? event.SharingGroup : undefined;
	const distributionTlp =
		sharingGroup !== undefined ? DISTRIBUTION_TLP["4"] : DISTRIBUTION_TLP[distribution ?? "3"];
	const handling = strictest(tags.handling, { tlp: distributionTlp ?? -1, pap: -1 });
	const creator = isRecord(event.Orgc) ? event.Orgc : isRecord(event.Org) ? event.Org : undefined;
	const creatorPath = `${path}.${isRecord(event.Orgc) ? "Orgc" : "Org"}`;
	const createdByRef = creator === undefined ? undefined : `identity--${uuidOf(creator, creatorPath)}`;
	const authored = new EventContext(
		createdByRef,
		eventMs,
		handling,
		options.defaultMarkingRefs ?? [],
		options.indicatorsOnly === true,
	);
	if (creator !== undefined) identityOf(authored, creator, creatorPath, eventMs);
	const published = event.published === true || event.published === "1" || event.published === 1;
	const containerId = `${published ? "report" : "grouping"}--${uuid}`;

	attributes.forEach((attribute, index) => {
		convertAttribute(authored, attribute, `${path}.Attribute[${index}]`);
	});
	mispObjects.forEach((object, index) => {
		convertObject(authored, object, `${path}.Object[${index}]`);
	});
	resolveReferences(authored);
	for (const object of galaxyObjects(authored, records(event, "Galaxy", path), tags.galaxies, path))
		authored.add(object);
	authored.galaxyRelations.resolve(authored);
	records(event, "EventReport", path).forEach((report, index) => {
		convertEventReport(authored, report, `${path}.EventReport[${index}]`, containerId);
	});
	const container = containerOf(authored, event, path, {
		id: containerId,
		published,
		labels: [
			...tags.labels,
			...(distribution === undefined
				? []
				: [`misp:distribution="${DISTRIBUTION_NAMES[distribution] ?? distribution}"`]),
			...(sharingGroup === undefined ? [] : [`misp:sharing-group="${sharingGroupName(sharingGroup)}"`]),
		],
	});
	authored.add(container, false);
	return { objects: authored.objects, notes: authored.notes, attributes: total };
}

function lengthOf(value: unknown): number {
	return Array.isArray(value) ? value.length : 0;
}

/** An event without `timestamp` is dated by its `date` (YYYY-MM-DD), as MISP shows it. */
function dateMs(event: Json, path: string): number {
	const date = optionalText(event, "date", path);
	const ms = date === undefined ? Number.NaN : Date.parse(`${date}T00:00:00Z`);
	if (Number.isNaN(ms))
		throw invalid(
			`${path}.timestamp`,
			'missing, and no valid date either; MISP writes "timestamp": "1603642920"',
		);
	return ms;
}

function sharingGroupName(group: Json): string {
	const name = typeof group.name === "string" ? group.name : "";
	const uuid = typeof group.uuid === "string" ? group.uuid : "";
	return uuid === "" ? name : `${name} (${uuid})`;
}

/** ObjectReferences → relationships, once every id is known; one naming nothing of this event is a note. */
function resolveReferences(context: EventContext): void {
	for (const reference of context.pending) {
		const target = context.mainIdOf.get(reference.targetUuid);
		if (target === undefined) {
			context.note(
				reference.path,
				`references ${reference.targetUuid}, which is not an attribute or object of this event; not imported`,
			);
			continue;
		}
		context.add(
			relationship(
				context,
				{ source: reference.sourceId, type: reference.relationshipType, target },
				reference.ms,
				reference.markingRefs,
			),
		);
	}
}

/** The event as a report (published) or grouping (not yet), naming everything made from it. */
function containerOf(
	context: EventContext,
	event: Json,
	path: string,
	shape: { id: string; published: boolean; labels: readonly string[] },
): StixObject {
	const refs = context.containerRefs.length > 0 ? [...context.containerRefs] : emptyEventRefs(context, path);
	const markings = context.markingRefsFor({ tlp: -1, pap: -1 });
	const publishedMs =
		shape.published && event.publish_timestamp !== undefined && event.publish_timestamp !== "0"
			? epochMs(event.publish_timestamp, `${path}.publish_timestamp`)
			: context.eventMs;
	return {
		type: shape.published ? "report" : "grouping",
		spec_version: "2.1",
		id: shape.id,
		...(context.createdByRef === undefined ? {} : { created_by_ref: context.createdByRef }),
		created: stamp(context.eventMs),
		modified: stamp(context.eventMs),
		name: optionalText(event, "info", path) || `MISP event ${shape.id.slice(shape.id.indexOf("--") + 2)}`,
		...(shape.published ? { published: stamp(publishedMs) } : { context: "suspicious-activity" }),
		object_refs: refs,
		labels: ["Threat-Report", 'misp:tool="MISP-STIX-Converter"', ...shape.labels],
		...(markings.length > 0 ? { object_marking_refs: [...markings] } : {}),
	};
}

/** STIX requires a container to name something: an empty event names its creator (MISP's exporter does likewise). */
function emptyEventRefs(context: EventContext, path: string): string[] {
	if (context.createdByRef !== undefined) {
		context.note(path, "the event has no attribute or object; its report names only its creator");
		return [context.createdByRef];
	}
	throw invalid(
		path,
		"no attribute, no object and no Orgc: nothing to import; give the event content or its creator",
	);
}
