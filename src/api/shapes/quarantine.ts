// The quarantine's review (D65): items listed, one item beside the stored version it competes with, decisions.
import { z } from "zod";
import { QUARANTINE_ACTIONS, QUARANTINE_KINDS, QUARANTINE_STATES } from "./vocabulary.ts";

const KindList = z
	.string()
	.max(200)
	.transform((text) => text.split(",").filter((kind) => kind !== ""))
	.pipe(z.array(z.enum(QUARANTINE_KINDS)))
	.meta({
		description:
			"one kind or several, comma-separated: conflict, refused-version, refused-marking, forged-value, invalid, refused-delivery",
	});

const StateList = z
	.string()
	.max(100)
	.transform((text) => text.split(",").filter((state) => state !== ""))
	.pipe(z.array(z.enum(QUARANTINE_STATES)))
	.meta({ description: "held, accepted, rejected; comma-separated" });

export const QuarantineQuery = z.strictObject({
	kind: KindList.optional(),
	state: StateList.optional(),
	source: z
		.string()
		.min(1)
		.max(300)
		.optional()
		.meta({ description: "an organisation id, or a source such as `peer:NAME` or `api:publish`" }),
	cursor: z.coerce.number().int().min(1).optional().meta({ description: "`next` of the previous page" }),
	limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type QuarantineQuery = z.output<typeof QuarantineQuery>;

export const QuarantineItemView = z.strictObject({
	id: z.number().meta({ description: "the item's number" }),
	kind: z.enum(QUARANTINE_KINDS),
	state: z.enum(QUARANTINE_STATES),
	objectId: z.string().meta({ description: "the object's id; empty when the item had none" }),
	version: z.string(),
	receivedAt: z.string(),
	reason: z.string(),
	organizationId: z.string().meta({ description: "who sent it (a refused delivery: `peer:NAME`)" }),
	source: z.string(),
	bytes: z.number(),
	truncated: z.boolean().meta({ description: "only the first bytes of the body were kept (256 KiB)" }),
});
export type QuarantineItemView = z.output<typeof QuarantineItemView>;

export const QuarantineList = z.strictObject({
	items: z.array(QuarantineItemView),
	next: z.number().optional().meta({ description: "pass as `cursor` for the next (older) page" }),
});
export type QuarantineList = z.output<typeof QuarantineList>;

export const QuarantineActionView = z.strictObject({
	action: z.enum(QUARANTINE_ACTIONS),
	by: z.string(),
	at: z.string(),
	note: z.string(),
	state: z.enum(QUARANTINE_STATES),
});
export type QuarantineActionView = z.output<typeof QuarantineActionView>;

export const StoredCompetitor = z.strictObject({
	version: z.string(),
	dateAdded: z.string(),
	organizationId: z.string(),
	source: z.string(),
	object: z.record(z.string(), z.unknown()),
});

export const QuarantineEntry = z.strictObject({
	item: QuarantineItemView,
	held: z
		.unknown()
		.meta({ description: "the held content as JSON; null when rejected, when nothing parsed, or when cut" }),
	raw: z
		.string()
		.optional()
		.meta({ description: "the held text when it is not whole JSON (cut, or unparsable)" }),
	stored: StoredCompetitor.nullable().meta({
		description:
			"the stored version it competes with: the same version when stored, else the id's latest; null when none",
	}),
	differing: z
		.array(z.string())
		.meta({ description: "the top-level properties whose values differ between held and stored" }),
	actions: z.array(QuarantineActionView),
});
export type QuarantineEntry = z.output<typeof QuarantineEntry>;

export const QuarantineIdParams = z.strictObject({ id: z.coerce.number().int().min(1) });
export type QuarantineIdParams = z.output<typeof QuarantineIdParams>;

export const QuarantineActionBody = z.strictObject({
	note: z.string().max(2000).optional().meta({ description: "why; kept with the decision" }),
});
export type QuarantineActionBody = z.output<typeof QuarantineActionBody>;

export const QuarantineDecided = z.strictObject({
	item: QuarantineItemView,
	action: QuarantineActionView,
	stored: z
		.strictObject({ status: z.string(), id: z.string().optional(), version: z.string().optional() })
		.optional()
		.meta({
			description: "an accept's outcome: `stored`, or `duplicate` when that content was already there",
		}),
});
export type QuarantineDecided = z.output<typeof QuarantineDecided>;
