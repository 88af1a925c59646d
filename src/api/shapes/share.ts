// What the share routes answer: a preview of objects not yet stored (what every party would receive), and what
// publishing did with each object.
import { z } from "zod";
import { StixObject } from "./objects.ts";
import { Decision, PartyPreview } from "./policy.ts";
import { DRAFT_OUTCOMES, PUBLISH_STATUSES, PURPOSES } from "./vocabulary.ts";

/** One problem the STIX validator found in an object (stix/core.ts ValidationIssue). */
export const StixIssue = z
	.strictObject({
		path: z.string().meta({ description: "JSONPath from the object's root, e.g. `$.pattern`" }),
		code: z.string(),
		message: z.string(),
		severity: z.enum(["error", "warning"]),
	})
	.meta({ id: "StixIssue", description: "one problem the STIX validator found in an object" });
export type StixIssue = z.output<typeof StixIssue>;

export const PartyCopy = z
	.discriminatedUnion("outcome", [
		z.strictObject({ outcome: z.enum(["as-written", "withheld"]) }),
		z.strictObject({
			outcome: z.literal("changed"),
			changed: z
				.array(z.string())
				.meta({ description: "the top-level properties that differ from what was written" }),
			object: StixObject.meta({ description: "the copy the party would receive" }),
		}),
	])
	.meta({
		id: "PartyCopy",
		description:
			"what the gate would release to the party: the object as written, a changed copy (transformed, fewer " +
			"references, a rewritten pattern, added markings), or nothing",
	});
export type PartyCopy = z.output<typeof PartyCopy>;

export const DraftObject = z
	.strictObject({
		index: z.number().int().meta({ description: "position in the request's `objects`" }),
		id: z.string(),
		type: z.string(),
		version: z.string(),
		name: z.string().optional(),
		outcome: z.enum(DRAFT_OUTCOMES).meta({
			description:
				"what publishing would do: store a new version; nothing (this version is stored already); or set it " +
				"aside, since other content is stored under this id and version (the preview then shows the stored one)",
		}),
		reason: z.string().optional(),
		flags: z.array(z.string()).meta({ description: "flags ingest would store, e.g. `unknown-marking`" }),
		warnings: z.array(StixIssue),
		changes: z.array(z.string()).optional().meta({ description: "STIX 2.0 → 2.1 upgrades applied" }),
		parties: z.array(PartyPreview).meta({
			description: "every party of the policy, as GET /policy/preview would answer once published",
		}),
		decisions: z.record(z.string(), Decision).meta({
			description: "per party id, the decision with its trace, as GET /policy/explain would answer",
		}),
		copies: z
			.record(z.string(), PartyCopy)
			.meta({ description: "per party id, what the gate would release" }),
	})
	.meta({ id: "DraftObject" });
export type DraftObject = z.output<typeof DraftObject>;

/** POST /policy/preview: nothing is stored. */
export const DraftPreview = z.strictObject({
	stored: z.literal(false).meta({ description: "a preview stores nothing" }),
	note: z.string(),
	purpose: z.enum(PURPOSES),
	objects: z.array(DraftObject),
});
export type DraftPreview = z.output<typeof DraftPreview>;

/** What happened to one object of a publish request (ingest/report.ts ObjectResult). */
export const PublishedObject = z
	.strictObject({
		index: z.number().int(),
		status: z.enum(PUBLISH_STATUSES),
		id: z.string().optional(),
		type: z.string().optional(),
		version: z.string().optional(),
		issues: z.array(StixIssue).optional(),
		reason: z.string().optional(),
		changes: z.array(z.string()).optional(),
		flags: z.array(z.string()).optional(),
		refused: z
			.literal(true)
			.optional()
			.meta({
				description:
					"quarantined because your organisation may not add this version: another organisation owns the id " +
					"(only its originator versions or revokes it), or the marking definition already has its content",
			}),
	})
	.meta({ id: "PublishedObject", description: "what happened to one object of the request" });
export type PublishedObject = z.output<typeof PublishedObject>;

/** POST /objects: what happened to each object, counted by status. */
export const PublishResult = z.strictObject({
	counts: z.strictObject(
		Object.fromEntries(PUBLISH_STATUSES.map((status) => [status, z.number().int()])) as Record<
			(typeof PUBLISH_STATUSES)[number],
			z.ZodNumber
		>,
	),
	results: z.array(PublishedObject),
});
export type PublishResult = z.output<typeof PublishResult>;
