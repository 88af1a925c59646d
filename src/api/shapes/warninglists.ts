// The warninglists' routes: the lists (no entries), and checking values against them (D50).
import { z } from "zod";
import { VALUE_KINDS, WARNINGLIST_TYPES } from "./vocabulary.ts";

/** The most values one check request may carry. */
export const MAX_CHECK_VALUES = 100_000;

export const WarninglistEntry = z.strictObject({
	name: z.string(),
	version: z.number().int(),
	description: z.string(),
	type: z
		.enum(WARNINGLIST_TYPES)
		.meta({ description: "how entries match: MISP's cidr, hostname, string, substring, regex" }),
	matchingAttributes: z
		.array(z.string())
		.meta({ description: "the MISP attribute types it applies to; empty: every kind of value" }),
	entryCount: z.number().int(),
	source: z
		.string()
		.meta({ description: "the file it was loaded from, or `built-in: …` with its references" }),
	builtIn: z.boolean(),
	loadedAt: z.string().optional().meta({ description: "when this content was loaded (loaded lists only)" }),
});
export type WarninglistEntry = z.output<typeof WarninglistEntry>;

export const WarninglistsResult = z.strictObject({ lists: z.array(WarninglistEntry) });
export type WarninglistsResult = z.output<typeof WarninglistsResult>;

/** A value is on a list (D50): every answer that shows a value's hits (check, free-text import, a value's page,
 *  matching) uses this one shape. A hit flags a value; it never hides or drops it. */
export const WarninglistHitShape = z
	.strictObject({
		list: z.string().meta({ description: "the list's name" }),
		description: z.string().meta({ description: "what the list is for: why a hit is likely not malicious" }),
		type: z.enum(WARNINGLIST_TYPES),
		entry: z
			.string()
			.meta({ description: "the list's entry that matched (the block, the parent domain, the substring)" }),
	})
	.meta({ id: "WarninglistHit" });
export type WarninglistHitShape = z.output<typeof WarninglistHitShape>;

export const Observed = z.strictObject({ kind: z.enum(VALUE_KINDS), value: z.string() });
export type Observed = z.output<typeof Observed>;

export const WarninglistCheckBody = z.strictObject({
	values: z
		.array(z.string().max(8192))
		.min(1)
		.max(MAX_CHECK_VALUES)
		.meta({
			description: `values as written (refanged and normalised here), at most ${MAX_CHECK_VALUES.toLocaleString("en")}`,
		}),
	kind: z
		.enum(VALUE_KINDS)
		.optional()
		.meta({ description: "what every value is; without it each value's kind is guessed from its shape" }),
});
export type WarninglistCheckBody = z.output<typeof WarninglistCheckBody>;

export const WarninglistCheckResult = z.strictObject({
	results: z.array(
		z.strictObject({
			value: z.string().meta({ description: "as sent" }),
			observable: Observed.nullable().meta({ description: "the value in normal form; null when it is none" }),
			problem: z
				.string()
				.optional()
				.meta({ description: "why the value was not read, and what to send instead" }),
			hits: z
				.array(WarninglistHitShape)
				.meta({ description: "the lists it is on; a hit flags a value, it never hides it" }),
		}),
	),
});
export type WarninglistCheckResult = z.output<typeof WarninglistCheckResult>;
