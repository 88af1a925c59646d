// Free-text import through the API (D52): the observables of a text to review, then the STIX draft of the rows kept,
// which the share routes preview and publish. Neither route stores anything.
import { importDraft } from "./import-draft.ts";
import { importMisp, readMispBody } from "./misp-import.ts";
import { readJsonValue } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import {
	DEFAULT_PURPOSE,
	ImportCommitBody,
	ImportTextBody,
	MAX_IMPORT_ROWS,
	MAX_MISP_BODY_BYTES,
	MAX_SHARE_OBJECTS,
	MispImportBody,
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
		defineRoute({
			route: "POST /import/misp",
			operationId: "importMisp",
			tag: "objects",
			summary: "Import MISP events as your organisation",
			description:
				'One MISP event (`{ "Event": { … } }` or the bare event), a list of them, or MISP\'s REST answer ' +
				'`{ "response": [ … ] }`, converted to the STIX 2.1 MISP\'s own exporter (misp-stix) writes — ids are ' +
				"MISP's uuids, so a MISP instance and this node correlate — then published as POST /objects publishes: " +
				"stored as your organisation, pushed by the federation as the egress gate releases. Tags tlp:* and PAP:* " +
				"become TLP 2.0 and PAP markings, distribution a TLP no wider than it, other tags labels (D53). Every " +
				"event is converted before anything is stored: one that is not MISP's shape refuses the request " +
				"(`E_MISP_INVALID`, 400, naming the event and the path: `[2].Event.Attribute[7].value: …`) and nothing " +
				`is stored; an event of more than 100,000 attributes is \`E_MISP_TOO_LARGE\` (413), a body over ` +
				`${MAX_MISP_BODY_BYTES} bytes 413. The answer lists each object's result, each event, and the notes: ` +
				"what could not be kept as MISP wrote it (an unmapped type kept as `x-misp-attribute`, a deleted " +
				"attribute left out…), never dropped silently.",
			action: "objects.write",
			requestBody: { content: { "application/json": MispImportBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ user, query, context }) => {
				const body = await readMispBody(context, services);
				return importMisp(services, user, body, viewerOf(user, query.purpose ?? DEFAULT_PURPOSE));
			},
		}),
	];
}
