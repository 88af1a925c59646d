// Telling MISP JSON from STIX, and finding the events in what MISP writes (one event, a list, a REST response).
import { AppError } from "../errors/index.ts";
import type { MispEventJson } from "./types.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An event: `{ "Event": { … } }`, or a bare event (`info`/`uuid` with `Attribute` or `Object`, no STIX `type`). */
function isEvent(value: unknown): boolean {
	if (!isRecord(value)) return false;
	if (isRecord(value.Event)) return true;
	if (typeof value.type === "string" && typeof value.spec_version === "string") return false;
	return "info" in value && ("Attribute" in value || "Object" in value || "Orgc" in value || "uuid" in value);
}

/**
 * True when parsed JSON looks like a MISP event, a list of events or a MISP REST answer (`{ "response": [ … ] }`)
 * rather than STIX (a bundle, an envelope, an object with `type`, or a list of those).
 * @example isMispJson({ Event: { info: "x", Attribute: [] } }) // true
 */
export function isMispJson(value: unknown): boolean {
	if (Array.isArray(value)) return value.length > 0 && value.every(isEvent);
	if (!isRecord(value)) return false;
	if (Array.isArray(value.response)) return value.response.every(isEvent);
	return isEvent(value);
}

/**
 * The events of MISP JSON (one event, a list, or `{ response: [ … ] }`), each as MISP wrote it.
 * @throws AppError E_MISP_INVALID when `value` is none of these; the message says what MISP writes.
 */
export function mispEventsOf(value: unknown): MispEventJson[] {
	const list = Array.isArray(value)
		? value
		: isRecord(value) && Array.isArray(value.response)
			? value.response
			: [value];
	list.forEach((item, index) => {
		if (!isEvent(item))
			throw new AppError(
				"E_MISP_INVALID",
				`${list === value || list.length > 1 ? `[${index}]` : "$"}: not a MISP event; give { "Event": { "uuid", "info", "Attribute": [ … ] } }, a list of them, or MISP's { "response": [ … ] }`,
				{ details: { index } },
			);
	});
	return list as MispEventJson[];
}

/**
 * True for a MISP feed's manifest.json (event uuid → { info, Orgc, timestamp, … }): it lists the feed's events,
 * which are read from their own `<uuid>.json` files; it holds nothing to import itself.
 */
export function isMispFeedManifest(value: unknown): boolean {
	if (!isRecord(value)) return false;
	const entries = Object.entries(value);
	return (
		entries.length > 0 &&
		entries.every(
			([key, entry]) =>
				/^[0-9a-f-]{36}$/i.test(key) && isRecord(entry) && "info" in entry && "timestamp" in entry,
		)
	);
}
