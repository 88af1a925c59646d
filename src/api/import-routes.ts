// Free-text import through the API (D52): the observables of a text to review, then the STIX draft of the rows kept,
// which the share routes preview and publish. Neither route stores anything.
import { importDraft } from "./import-draft.ts";
import { readJsonValue } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import {
	DEFAULT_PURPOSE,
	ImportCommitBody,
	ImportTextBody,
	MAX_IMPORT_ROWS,
	MAX_SHARE_OBJECTS,
} from "./shapes/index.ts";
import { previewTextImport, readImportText } from "./text-import.ts";
import { parseInput } from "./validate.ts";

/** 10,000 rows of long URLs: a commit body is larger than a share request's. */
const MAX_COMMIT_BODY_BYTES = 8 * 1024 * 1024;

/** The import routes, over `services`. */
export function importRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "POST /import/text/preview",
			operationId: "previewTextImport",
			tag: "objects",
			summary: "Find the observables in a report, a CSV or an e-mail",
			description:
				"Every observable in the text — IPv4/IPv6 addresses and CIDR blocks, domains with a public suffix, URLs, " +
				"e-mail addresses, MD5/SHA-1/SHA-256/SHA-512 hashes, file names with a common extension, ASNs, registry " +
				"keys, wallet addresses — refanged (`hxxp`, `[.]`, `(dot)`, `[@]`), in its normal form, once each in order " +
				"of first appearance with the text as written, its count and first offset; CVE and ATT&CK technique ids " +
				"apart as `references`. `known` says whether this node holds an observable object of the value that it " +
				`releases to you. At most 10 MiB of text (413 above) and ${MAX_IMPORT_ROWS} rows. **Nothing is stored.**`,
			action: "objects.write",
			requestBody: { content: { "application/json": ImportTextBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readImportText(context, services);
				const viewer = viewerOf(user, body.purpose ?? DEFAULT_PURPOSE);
				return previewTextImport(services, body, viewer, context.req.raw.signal);
			},
		}),
		defineRoute({
			route: "POST /import/text/commit",
			operationId: "commitTextImport",
			tag: "objects",
			summary: "Build the STIX draft of the rows kept",
			description:
				"The included rows (each re-normalised as the kind given: a row whose value is not of its kind is a 400 " +
				"naming it) as indicators with a STIX pattern, observable objects, or both, and a `report` grouping them, " +
				"all created by your organisation with the markings given. **Nothing is stored**: the answer's `objects` " +
				"go to POST /policy/preview (who would receive what) and then POST /objects (publish), as the Share " +
				`screen's do. The draft must fit one share preview (${MAX_SHARE_OBJECTS} objects with the report).`,
			action: "objects.write",
			requestBody: { content: { "application/json": ImportCommitBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ user, context }) => {
				const body = parseInput(
					"body",
					ImportCommitBody,
					await readJsonValue(context, MAX_COMMIT_BODY_BYTES, services.bodies),
				);
				return importDraft(user, body);
			},
		}),
	];
}
