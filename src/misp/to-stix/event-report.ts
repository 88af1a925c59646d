// MISP event reports (markdown) → STIX notes naming what the report mentions (@[attribute](uuid), @[object](uuid)).
import type { EventContext } from "./context.ts";
import { flag, type Json, optionalText, text, uuidOf } from "./read.ts";
import { epochMs, stamp } from "./time.ts";

const MENTION = /@!?\[(?:attribute|object)\]\(([0-9a-fA-F-]{36})\)/g;

/** Adds a note per event report; it names what the report mentions, else the event's own container. */
export function convertEventReport(
	context: EventContext,
	report: Json,
	path: string,
	containerId: string,
): void {
	if (flag(report, "deleted") === true) {
		context.note(path, "event report deleted in MISP: not imported");
		return;
	}
	const content = text(report, "content", path);
	const name = optionalText(report, "name", path);
	const ms =
		report.timestamp === undefined ? context.eventMs : epochMs(report.timestamp, `${path}.timestamp`);
	const named = new Set<string>();
	for (const match of content.matchAll(MENTION)) {
		for (const id of context.idsOf.get((match[1] ?? "").toLowerCase()) ?? []) named.add(id);
	}
	context.add({
		type: "note",
		spec_version: "2.1",
		id: `note--${uuidOf(report, path)}`,
		...(context.createdByRef === undefined ? {} : { created_by_ref: context.createdByRef }),
		created: stamp(ms),
		modified: stamp(ms),
		...(name === undefined || name === "" ? {} : { abstract: name }),
		content,
		object_refs: named.size > 0 ? [...named] : [containerId],
		labels: ['misp:data-layer="Event Report"'],
		...markingsOf(context.markingRefsFor({ tlp: -1, pap: -1 })),
	});
}

function markingsOf(refs: readonly string[]): { object_marking_refs?: string[] } {
	return refs.length > 0 ? { object_marking_refs: [...refs] } : {};
}
