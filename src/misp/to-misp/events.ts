// The event a report or grouping becomes (uuid, title, dates, creator, tags, its description as an event report),
// and the event of the objects no report names.
import type { StixObject } from "../../stix/core.ts";
import { uuidV5 } from "../../stix/ids/index.ts";
import { epochSeconds, noteLeftovers, uuidOf } from "./leftovers.ts";
import type { ConversionNote, MispEvent, MispOrg } from "./misp-json.ts";
import { tagsOf } from "./tags.ts";

export interface StixToMispOptions {
	/** The title of the event holding the objects no report or grouping names. */
	orphanEventInfo?: string;
	/** Its uuid; by default derived from the title, so the same call names the same event. */
	orphanEventUuid?: string;
	/** The creator of events whose report names no identity among the objects. */
	org?: MispOrg;
}

const ORPHANS_NAMESPACE = "2f0b51a1-4b7e-4c55-9d6a-57c3f1b0e3c9";
const DEFAULT_ORG: MispOrg = { name: "Entente", uuid: "00000000-0000-4000-8000-000000000000" };
const REPORT_READ = ["name", "description", "object_refs", "published", "context", "report_types"];

/** The event of one report or grouping, empty: its contents are added by the caller. */
export function eventOf(
	container: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	options: StixToMispOptions,
	notes: ConversionNote[],
): MispEvent {
	const path = container.id;
	noteLeftovers(container, REPORT_READ, path, "a MISP event", notes);
	if (Array.isArray(container.report_types) && container.report_types.length > 0) {
		notes.push({ path: `${path}.report_types`, reason: "a MISP event has no report type; not kept" });
	}
	if (typeof container.context === "string" && container.context !== "suspicious-activity") {
		notes.push({ path: `${path}.context`, reason: "a MISP event has no grouping context; not kept" });
	}
	const event = emptyEvent(
		uuidOf(container.id),
		typeof container.name === "string" ? container.name : container.id,
		container,
		orgOf(container, byId, options),
	);
	event.Tag = tagsOf(container, path, notes);
	if (typeof container.published === "string") {
		event.published = true;
		event.publish_timestamp = epochSeconds(container.published);
	}
	if (typeof container.description === "string" && container.description !== "") {
		event.EventReport.push({
			uuid: uuidV5(ORPHANS_NAMESPACE, `${container.id}|description`),
			name: "Description",
			content: container.description,
			timestamp: event.timestamp,
			distribution: "5",
		});
	}
	return event;
}

/** The event of the objects no report or grouping names: titled and keyed by the options, dated by its objects. */
export function orphanEvent(orphans: readonly StixObject[], options: StixToMispOptions): MispEvent {
	const info = options.orphanEventInfo ?? "Objects outside any report";
	const first = orphans.reduce(
		(min, object) => (String(object.created ?? "") < min ? String(object.created) : min),
		"~",
	);
	return emptyEvent(
		options.orphanEventUuid ?? uuidV5(ORPHANS_NAMESPACE, info),
		info,
		{ type: "report", id: "", created: first === "~" ? "1970-01-01T00:00:00Z" : first },
		options.org ?? DEFAULT_ORG,
	);
}

function emptyEvent(uuid: string, info: string, dated: StixObject, org: MispOrg): MispEvent {
	return {
		uuid,
		info,
		date: String(dated.created ?? "1970-01-01").slice(0, 10),
		timestamp: epochSeconds(dated.modified ?? dated.created),
		publish_timestamp: "0",
		published: false,
		analysis: "2",
		threat_level_id: "4",
		distribution: "0",
		Orgc: org,
		Tag: [],
		Attribute: [],
		Object: [],
		Galaxy: [],
		EventReport: [],
	};
}

/** The report's creator as MISP's Orgc, when its identity is among the objects. */
function orgOf(
	container: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	options: StixToMispOptions,
): MispOrg {
	const creator = container.created_by_ref === undefined ? undefined : byId.get(container.created_by_ref);
	if (creator !== undefined && typeof creator.name === "string")
		return { name: creator.name, uuid: uuidOf(creator.id) };
	return options.org ?? DEFAULT_ORG;
}
