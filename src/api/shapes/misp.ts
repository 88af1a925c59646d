// What POST /import/misp takes and answers (D53): MISP JSON events in, each converted whole to STIX and published.
import { z } from "zod";
import { PublishResult } from "./share.ts";

/** The largest MISP body one request reads (under the node-wide body budget): a big event or a page of them. */
export const MAX_MISP_BODY_BYTES = 32 * 1024 * 1024;

export const MispEvent = z.record(z.string(), z.unknown()).meta({
	id: "MispEvent",
	description:
		'a MISP event as MISP writes it: `{ "Event": { "uuid", "info", "Attribute": [...], … } }` or the bare event',
});

export const MispImportBody = z
	.union([
		MispEvent,
		z.array(MispEvent),
		z.strictObject({ response: z.array(MispEvent) }).meta({ description: "MISP's REST answer (restSearch)" }),
	])
	.meta({
		id: "MispImportBody",
		description: "one MISP event, a list of them, or MISP's `{ response: [...] }`",
	});
export type MispImportBody = z.input<typeof MispImportBody>;

export const MispImportEvent = z
	.strictObject({
		index: z.number().int().meta({ description: "position among the request's events" }),
		uuid: z.string(),
		objects: z.number().int().meta({ description: "STIX objects made from it" }),
		attributes: z.number().int().meta({ description: "its attributes, those inside MISP objects included" }),
	})
	.meta({ id: "MispImportEvent" });

export const MispConversionNote = z
	.strictObject({
		event: z.number().int().meta({ description: "index of the event among the request's" }),
		path: z.string().meta({ description: "where in the event, e.g. `Event.Attribute[12] (type 'text')`" }),
		reason: z.string(),
	})
	.meta({ id: "MispConversionNote", description: "what could not be kept as MISP wrote it, and why" });

export const MispImportResult = PublishResult.extend({
	events: z.array(MispImportEvent),
	notes: z.array(MispConversionNote),
}).meta({
	id: "MispImportResult",
	description:
		"each event converted, what publishing did with each STIX object made, and the conversion notes",
});
export type MispImportResult = z.output<typeof MispImportResult>;
