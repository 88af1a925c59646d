// The shapes of sharing through the API: previewing objects before publishing them, and publishing them.
import { z } from "zod";
import { PURPOSES } from "./gate.ts";
import { DecisionSchema, PartyPreviewSchema, StixObjectSchema } from "./schemas.ts";

export const ShareQuery = z.strictObject({
	purpose: z.enum(PURPOSES).optional().meta({
		description: "why the parties would want it (default network-defence); a body's `purpose` wins",
	}),
});

export const StixIssue = z
	.strictObject({
		path: z.string().meta({ description: "JSONPath from the object's root, e.g. `$.pattern`" }),
		code: z.string(),
		message: z.string(),
		severity: z.enum(["error", "warning"]),
	})
	.meta({ id: "StixIssue", description: "one problem the STIX validator found in an object" });

export const PartyCopy = z
	.strictObject({
		outcome: z.enum(["as-written", "changed", "withheld"]),
		changed: z
			.array(z.string())
			.optional()
			.meta({ description: "the top-level properties that differ from what was written, when changed" }),
		object: StixObjectSchema.optional().meta({
			description: "the copy the party would receive, when changed",
		}),
	})
	.meta({
		id: "PartyCopy",
		description:
			"what the gate would release to the party: the object as written, a changed copy (transformed, fewer " +
			"references, a rewritten pattern, added markings), or nothing",
	});

export const DraftObject = z
	.strictObject({
		index: z.number().int().meta({ description: "position in the request's `objects`" }),
		id: z.string(),
		type: z.string(),
		version: z.string(),
		name: z.string().optional(),
		outcome: z.enum(["new", "duplicate", "quarantined"]).meta({
			description:
				"what publishing would do: store a new version; nothing (this version is stored already); or set it " +
				"aside, since other content is stored under this id and version (the preview then shows the stored one)",
		}),
		reason: z.string().optional(),
		flags: z.array(z.string()).meta({ description: "flags ingest would store, e.g. `unknown-marking`" }),
		warnings: z.array(StixIssue),
		changes: z.array(z.string()).optional().meta({ description: "STIX 2.0 → 2.1 upgrades applied" }),
		parties: z.array(PartyPreviewSchema).meta({
			description: "every party of the policy, as GET /policy/preview would answer once published",
		}),
		decisions: z.record(z.string(), DecisionSchema).meta({
			description: "per party id, the decision with its trace, as GET /policy/explain would answer",
		}),
		copies: z
			.record(z.string(), PartyCopy)
			.meta({ description: "per party id, what the gate would release" }),
	})
	.meta({ id: "DraftObject" });

export const DraftPreviewResult = z.strictObject({
	stored: z.literal(false).meta({ description: "a preview stores nothing" }),
	note: z.string(),
	purpose: z.string(),
	objects: z.array(DraftObject),
});

export const PublishedObject = z
	.strictObject({
		index: z.number().int(),
		status: z.enum(["stored", "duplicate", "quarantined", "rejected"]),
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

export const PublishResult = z.strictObject({
	counts: z.strictObject({
		stored: z.number().int(),
		duplicate: z.number().int(),
		quarantined: z.number().int(),
		rejected: z.number().int(),
	}),
	results: z.array(PublishedObject),
});
