// What the sighting routes take and answer: a sighting to record, and one object's sightings as a viewer may know them.
import { z } from "zod";
import { StixObject } from "./objects.ts";
import { PurposeParam, StixId } from "./requests.ts";
import { MAX_SIGHTING_COUNT, PUBLISH_STATUSES, SIGHTING_KINDS } from "./vocabulary.ts";

/** A sighting is one small object: its request body is read under this many bytes. */
export const MAX_SIGHTING_BODY_BYTES = 64 * 1024;

const timestamp = z
	.string()
	.max(40)
	.regex(
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/,
		"expected a STIX timestamp (UTC, ending in Z)",
	);
const kinds = z.enum(SIGHTING_KINDS);
const counts = z.strictObject({ seen: z.number(), "false-positive": z.number(), expired: z.number() });

export const SightingBody = z
	.strictObject({
		sighting_of_ref: StixId.meta({
			description: "what was seen: an indicator, an observable, any object you receive",
		}),
		kind: kinds.meta({
			description:
				"seen (a detection), false-positive (it matched something benign) or expired (it no longer applies); " +
				"MISP's sighting types 0, 1 and 2",
		}),
		count: z
			.number()
			.int()
			.min(1)
			.max(MAX_SIGHTING_COUNT)
			.optional()
			.meta({ description: "how many times; default 1" }),
		first_seen: timestamp.optional().meta({ description: "start of the window; default last_seen" }),
		last_seen: timestamp.optional().meta({ description: "end of the window; default first_seen, else now" }),
		observed_data_refs: z
			.array(StixId.refine((id) => id.startsWith("observed-data--"), "expected an observed-data id"))
			.max(100)
			.optional()
			.meta({ description: "observed-data you receive that shows it" }),
		description: z.string().max(10_000).optional(),
		object_marking_refs: z.array(StixId).min(1).max(20).meta({
			description:
				"the sighting's markings: it says who saw what, so it is shared under the policy like any object",
		}),
		audience: z
			.enum(["originator", "markings"])
			.optional()
			.meta({
				description:
					"originator (default): only the originator of what was seen may receive it (`x_entente_audience`), " +
					"within what the markings and agreements allow; markings: the markings and agreements alone decide",
			}),
		purpose: PurposeParam.optional(),
	})
	.meta({ id: "SightingBody" });
export type SightingBody = z.output<typeof SightingBody>;

export const RecordedSighting = z
	.strictObject({
		status: z.enum(PUBLISH_STATUSES),
		reason: z.string().optional(),
		sighting: StixObject.meta({ description: "the sighting as stored and released to you" }),
	})
	.meta({ id: "RecordedSighting" });
export type RecordedSighting = z.output<typeof RecordedSighting>;

const KindTally = z.strictObject({
	reports: z.number().meta({ description: "sighting objects" }),
	count: z.number().meta({ description: "the sum of their counts" }),
	last: z.string().optional().meta({ description: "the latest last_seen" }),
});

export const SightingsResult = z
	.strictObject({
		id: z.string(),
		kinds: z.strictObject({ seen: KindTally, "false-positive": KindTally, expired: KindTally }),
		organisations: z.array(
			z.strictObject({
				id: z.string().meta({ description: "where it was sighted (an identity id), or `undisclosed`" }),
				name: z.string().optional(),
				counts,
				latestKind: kinds,
				last: z.string(),
				falsePositiveStands: z
					.boolean()
					.meta({ description: "it reported a false positive after its latest seen report" }),
			}),
		),
		timeline: z
			.array(
				z.strictObject({
					day: z.string(),
					seen: z.number(),
					"false-positive": z.number(),
					expired: z.number(),
				}),
			)
			.meta({ description: "counts per UTC day of last_seen, oldest first; days without any left out" }),
		score: z.strictObject({
			value: z.number().meta({ description: "0 … 100" }),
			status: z.enum(["active", "expired"]),
			halfLife: z.strictObject({ days: z.number(), of: z.string() }),
			evidence: z.string().optional().meta({ description: "the latest evidence freshness counts from" }),
			factors: z.array(
				z.strictObject({
					name: z.enum(["freshness", "corroboration", "false-positives", "expired"]),
					multiplier: z.number(),
					detail: z.record(z.string(), z.union([z.number(), z.string()])),
				}),
			),
		}),
		explanation: z.string().meta({ description: "the counts and the score in words" }),
		truncated: z.boolean().meta({
			description: "more sightings are stored than one answer reads (10,000); only those read are counted",
		}),
	})
	.meta({ id: "SightingsResult" });
export type SightingsResult = z.output<typeof SightingsResult>;
