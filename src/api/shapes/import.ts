// What the free-text import routes take and answer (D52): a text's observables to review, then the STIX draft
// built from the rows kept, which the share flow previews (POST /policy/preview) and publishes (POST /objects).
import { z } from "zod";
import { OBSERVABLE_KINDS } from "../../observables/index.ts";
import { StixObject } from "./objects.ts";
import { PURPOSES } from "./vocabulary.ts";
import { WarninglistHitShape } from "./warninglists.ts";

/** The largest text one preview reads: a long report, a big CSV export or an e-mail with its headers. */
export const MAX_IMPORT_TEXT_BYTES = 10 * 1024 * 1024;
/** The most rows one preview answers and one commit takes. */
export const MAX_IMPORT_ROWS = 10_000;

const kind = z.enum(OBSERVABLE_KINDS);

export const ImportTextBody = z.strictObject({
	text: z
		.string()
		.meta({ description: `the report, CSV or e-mail, at most ${MAX_IMPORT_TEXT_BYTES} bytes of UTF-8` }),
	format: z
		.enum(["text", "csv", "email"])
		.optional()
		.meta({
			description:
				"`email` decodes a quoted-printable body first (base64 parts are not decoded); `text` (default) and " +
				"`csv` scan alike: separators, quotes and brackets end values wherever they are",
		}),
	limit: z
		.number()
		.int()
		.min(1)
		.max(MAX_IMPORT_ROWS)
		.optional()
		.meta({
			description: `most rows answered (default and most ${MAX_IMPORT_ROWS})`,
		}),
	purpose: z
		.enum(PURPOSES)
		.optional()
		.meta({ description: "the purpose `known` is judged for (default network-defence)" }),
});
export type ImportTextBody = z.input<typeof ImportTextBody>;

export const ImportRow = z
	.strictObject({
		kind,
		value: z.string().meta({ description: "the normal form (refanged, lower-cased where the kind is)" }),
		raw: z.string().meta({ description: "the text as first written, e.g. `hxxp://evil[.]com`" }),
		count: z.number().int().meta({ description: "times it appears" }),
		firstOffset: z.number().int().meta({ description: "UTF-16 offset of its first appearance in the text" }),
		known: z.boolean().meta({
			description:
				"whether this node holds an observable object of this value that it releases to you (hidden ≡ missing)",
		}),
		warninglists: z.array(WarninglistHitShape).optional().meta({
			description: "warninglists naming the value (D50), when the node has them; flagged, never dropped",
		}),
	})
	.meta({ id: "ImportRow", description: "one observable found in the text" });
export type ImportRow = z.output<typeof ImportRow>;

export const ImportReference = z
	.strictObject({
		kind: z.enum(["cve", "attack-technique"]),
		value: z.string(),
		raw: z.string(),
		count: z.number().int(),
		firstOffset: z.number().int(),
	})
	.meta({
		id: "ImportReference",
		description: "a CVE or ATT&CK technique id the text cites (not an observable)",
	});

export const ImportPreview = z.strictObject({
	rows: z.array(ImportRow),
	references: z.array(ImportReference),
	truncated: z.boolean().meta({ description: "more distinct values than `limit`: the rest were left out" }),
	kinds: z.array(kind).meta({ description: "the kinds a row may be given" }),
	note: z.string(),
});
export type ImportPreview = z.output<typeof ImportPreview>;

export const ImportCommitRow = z.strictObject({
	kind,
	value: z.string().min(1).max(8192),
	include: z.boolean(),
});

export const ImportCommitBody = z.strictObject({
	rows: z.array(ImportCommitRow).min(1).max(MAX_IMPORT_ROWS),
	as: z.enum(["indicators", "observables", "both"]).meta({
		description:
			"indicators with a pattern per value, observable objects (SCOs), or both (each indicator `based-on` its SCO)",
	}),
	markings: z.array(z.string().max(300)).max(20).meta({
		description: "marking definition ids every object gets (`object_marking_refs`)",
	}),
	name: z.string().min(1).max(500).meta({ description: "the report's name" }),
	description: z.string().max(100_000).optional(),
	confidence: z.number().int().min(0).max(100).optional(),
});
export type ImportCommitBody = z.input<typeof ImportCommitBody>;

export const ImportDraft = z.strictObject({
	stored: z.literal(false),
	note: z.string(),
	objects: z.array(StixObject).meta({
		description:
			"the draft, created by your organisation: preview it with POST /policy/preview and publish it with POST /objects",
	}),
	skipped: z
		.array(z.strictObject({ kind, value: z.string(), reason: z.string() }))
		.meta({ description: "included rows that make no object of the kind asked, and why" }),
});
export type ImportDraft = z.output<typeof ImportDraft>;
