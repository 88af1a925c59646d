// REST import of MISP JSON (D53): every event of the request converted whole by misp/ first — one refused event
// refuses the request, nothing stored — then all their STIX published through the same ingest as POST /objects.
import type { Context } from "hono";
import { AppError, isAppError } from "../errors/index.ts";
import { type ConversionNote, mispEventsOf, mispToStix } from "../misp/index.ts";
import type { User } from "../store/index.ts";
import type { ApiViewer } from "./gate.ts";
import { publishObjects } from "./publish.ts";
import { readJsonValue } from "./request-body.ts";
import type { ApiServices } from "./services.ts";
import { MAX_MISP_BODY_BYTES, type MispImportResult, type Presented } from "./shapes/index.ts";

/** The MISP JSON a request carries, parsed under the untrusted-JSON rules and MAX_MISP_BODY_BYTES. */
export function readMispBody(context: Context, services: ApiServices): Promise<unknown> {
	return readJsonValue(context, MAX_MISP_BODY_BYTES, services.bodies);
}

/**
 * Converts every event of `body` (one, a list, or `{ response: [...] }`), then publishes all their objects as
 * `user`'s organisation; the answer is POST /objects' with each event and the conversion notes.
 * @throws AppError E_MISP_INVALID / E_MISP_TOO_LARGE naming the event (`[2].Event.Attribute[7].value: …`) when
 *   any event is not MISP's shape: the request is refused whole and nothing is stored.
 */
export async function importMisp(
	services: ApiServices,
	user: User,
	body: unknown,
	viewer: ApiViewer,
): Promise<Presented<MispImportResult>> {
	const events = mispEventsOf(body);
	const objects: unknown[] = [];
	const converted: MispImportResult["events"] = [];
	const notes: (ConversionNote & { event: number })[] = [];
	for (const [index, event] of events.entries()) {
		const conversion = located(events.length, index, () => mispToStix(event));
		objects.push(...conversion.objects);
		const container = conversion.objects.at(-1);
		converted.push({
			index,
			uuid: container === undefined ? "" : container.id.slice(container.id.indexOf("--") + 2),
			objects: conversion.objects.length,
			attributes: conversion.attributes,
		});
		for (const note of conversion.notes) notes.push({ event: index, ...note });
	}
	const published = await publishObjects(services, user, objects, viewer);
	return { ...published, events: converted, notes };
}

/** Runs one event's conversion; in a list, its refusal names the event's index first. */
function located<T>(count: number, index: number, convert: () => T): T {
	try {
		return convert();
	} catch (error) {
		if (count === 1 || !isAppError(error)) throw error;
		throw new AppError(error.code, `[${index}].${error.message}`, {
			cause: error,
			details: { ...error.details, event: index },
		});
	}
}
