// GET /export/{format}: the formats, the query (since, types, kinds) and the answer, a streamed text (D56).
import { z } from "zod";
import { PurposeParam } from "./requests.ts";
import { VALUE_KINDS } from "./vocabulary.ts";

/** The formats the route writes (src/exports' EXPORT_FORMATS; a tsc error in export-routes.ts if they drift). */
export const EXPORT_ROUTE_FORMATS = ["stix", "suricata", "snort", "zeek", "csv", "edl", "misp"] as const;

const STIX_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const kindList = new RegExp(`^(${VALUE_KINDS.join("|")})(,(${VALUE_KINDS.join("|")}))*$`);

export const ExportParams = z.strictObject({
	format: z.enum(EXPORT_ROUTE_FORMATS).meta({
		description:
			"stix (a bundle), suricata or snort (rules), zeek (an Intel framework file), csv, edl (one value a line), " +
			"misp (MISP events, `{response: [{Event}]}`, at most 100,000 objects)",
	}),
});
export type ExportParams = z.output<typeof ExportParams>;

export const ExportQuery = z.strictObject({
	since: z
		.string()
		.regex(
			STIX_TIME,
			"expected an RFC 3339 UTC time such as 2026-12-01T00:00:00Z (a previous answer's next since)",
		)
		.optional()
		.meta({
			description:
				"only changes since this time, with removals (revoked or expired objects); pass the previous answer's " +
				"`X-Entente-Next-Since` header (also written in its header comment)",
		}),
	types: z
		.string()
		.regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, "expected STIX types separated by commas")
		.optional()
		.meta({ description: "STIX types, comma separated; default indicator (every type for stix)" }),
	kinds: z
		.string()
		.regex(kindList, `expected kinds separated by commas, of ${VALUE_KINDS.join(", ")}`)
		.optional()
		.meta({ description: "only values of these kinds, comma separated (e.g. ipv4,ipv6 for an IP list)" }),
	comments: z.enum(["true", "false"]).default("true").meta({
		description: "false: no header or summary comment lines (for list readers that refuse them)",
	}),
	purpose: PurposeParam,
});
export type ExportQuery = z.output<typeof ExportQuery>;

export const ExportText = z.string().meta({
	id: "ExportText",
	description:
		"the export, streamed: rules, an intel file, CSV or a list (text), or a STIX bundle (JSON); line formats end " +
		"with comment lines saying what was exported, removed, left out and why, and how many objects policy withheld",
});
