// The Home screen's routes: the dashboard (D67) and the one-click sample set of an empty node (issue 16 item 7).
import { sampleSetObjects } from "../ingest/index.ts";
import { dashboardFor } from "./dashboard.ts";
import { publishObjects } from "./publish.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import { DEFAULT_PURPOSE, NoBody } from "./shapes/index.ts";

/** The dashboard and sample-set routes, over `services`. */
export function dashboardRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "GET /dashboard",
			operationId: "dashboard",
			tag: "dashboard",
			summary: "The node at a glance",
			description:
				"Objects in per day (by organisation and marking), out per day (released to partner parties, by party and marking) and withheld (by the deciding rule), from counters the node keeps as it works; each peer's queue depth, lag and last error; requests per minute (ingest, TAXII, REST) for the last three hours. Users of the node's own organisations see everything; a partner's user sees only its own party's rows (scope `party`).",
			action: "dashboard.read",
			errors: [400, 403],
			handle: async ({ user, query, context }) =>
				dashboardFor(
					{ store: services.store, requestRates: services.requestRates },
					user,
					context.get("local"),
					query.days,
				),
		}),
		defineRoute({
			route: "POST /samples",
			operationId: "loadSamples",
			tag: "dashboard",
			summary: "Load the sample set",
			description:
				"Publishes the sample set shipped with Entente (examples/samples/sample-set.json: an intrusion set, its campaign, malware, techniques, indicators, relationships and a report, TLP 2.0 marked) as your organisation, through the same ingest as POST /objects — so the policy shares it like anything you publish. Ids are derived from your organisation's: a second load stores nothing and answers `alreadyLoaded`.",
			action: "samples.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403],
			handle: async ({ user }) => {
				const objects = await sampleSetObjects(user.organizationId);
				const published = await publishObjects(services, user, objects, viewerOf(user, DEFAULT_PURPOSE));
				const report = objects.find((object) => object.type === "report");
				return {
					alreadyLoaded: published.counts.duplicate === objects.length,
					counts: published.counts,
					objects: objects.length,
					...(typeof report?.id === "string" ? { reportId: report.id } : {}),
				};
			},
		}),
	];
}
