// GET /export/{format}: rules, intel files, CSV, lists and bundles for sensors and firewalls to poll with a token,
// streamed page by page; every object through the egress gate for the caller (D56).
import {
	EXPORT_FORMATS,
	type ExportFormat,
	exportChunks,
	exporterFor,
	releaseEach,
} from "../exports/index.ts";
import type { ObservableKind } from "../observables/index.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import { EXPORT_ROUTE_FORMATS } from "./shapes/index.ts";

/** Store versions read per page: one page of text in memory at a time. */
const PAGE = 1000;

// The route's formats are the room's (a tsc error if a name drifts either way).
EXPORT_ROUTE_FORMATS satisfies readonly ExportFormat[];
EXPORT_FORMATS satisfies readonly (typeof EXPORT_ROUTE_FORMATS)[number][];

/** The export route, over `services`. */
export function exportRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "GET /export/{format}",
			operationId: "exportForSensors",
			tag: "export",
			summary: "Export rules, intel files or lists",
			description:
				"What you receive, as Suricata 7 or Snort 3 rules, a Zeek Intel framework file, CSV, an external dynamic " +
				"list (one value a line), a STIX bundle or MISP events; streamed, for a sensor or firewall to poll with its token. " +
				"Indicators only unless `types` says otherwise (stix and misp: every type). With `since`, only what changed " +
				"after it, and removals (revoked or expired objects) in the format's form. The `X-Entente-Next-Since` " +
				"header is the `since` to pass next time. Line formats end with comment lines: what was exported, " +
				"removed, left out and why (never what the policy withholds from you: a hidden object is answered like a missing one).",
			action: "objects.read",
			errors: [400],
			produces: ["text/plain", "text/csv", "application/stix+json;version=2.1", "application/json"],
			handle: async ({ user, params, query, context }) => {
				const viewer = viewerOf(user, query.purpose);
				const format = params.format;
				// Sensors take indicators; a bundle and MISP events (reports become events) take every type.
				const types =
					query.types?.split(",") ?? (format === "stix" || format === "misp" ? undefined : ["indicator"]);
				const horizon = await services.store.commitHorizon();
				const exporter = exporterFor(format, {
					...(query.kinds === undefined ? {} : { kinds: query.kinds.split(",") as ObservableKind[] }),
					...(query.since === undefined ? {} : { since: query.since }),
					...(horizon === undefined ? {} : { nextSince: horizon }),
					recipient: user.organizationId,
					objectUrlBase: objectUrlBase(context.req.url),
					comments: query.comments === "true",
					bundleId: `bundle--${crypto.randomUUID()}`,
				});
				const versions = services.store.latestVersionPages({
					upTo: horizon,
					pageSize: PAGE,
					...(types === undefined ? {} : { types }),
					...(query.since === undefined ? {} : { addedAfter: query.since }),
				});
				// The first page is read before the answer starts, so a store that refuses the read answers an
				// error status rather than a 200 cut short.
				const first = await versions.next();
				const pages = releaseEach(startedWith(first, versions), (page) =>
					services.gate.releasePage(viewer, page),
				);
				// Line formats are formatted on threads while this one reads and asks the gate (D56).
				const body = ReadableStream.from(exportChunks(exporter, pages, { sayWithheld: false }));
				return new Response(body, {
					headers: {
						"content-type": exporter.mediaType,
						"content-disposition": `inline; filename="entente.${exporter.extension}"`,
						...(horizon === undefined ? {} : { "x-entente-next-since": horizon }),
					},
				});
			},
		}),
	];
}

/** Where this node serves objects, from the request's own URL (`…/api/v1/export/zeek` → `…/api/v1/objects/`). */
function objectUrlBase(requestUrl: string): string {
	const url = new URL(requestUrl);
	return `${url.origin}${url.pathname.slice(0, url.pathname.lastIndexOf("/export/"))}/objects/`;
}

/** The pages of `rest` with `first` (already read from it) in front. */
async function* startedWith<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
	if (first.done === true) return;
	yield first.value;
	yield* rest;
}
