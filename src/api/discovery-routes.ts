// Autocomplete and facets: strings and counts derived only from objects the egress gate releases, never from raw store counts.

import { ReleasedValues } from "../intel/index.ts";
import type { ApiViewer } from "./gate.ts";
import { copyShows, searchHits } from "./index-search.ts";
import { indexed } from "./indexed.ts";
import { releaseIds } from "./released-ids.ts";
import { scanReleased, textsOf } from "./released-scan.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import type { FacetsResult, Suggestion } from "./shapes/index.ts";

/** Store reads one autocomplete request may make (suggestions from the first objects found suffice). */
const AUTOCOMPLETE_READS = 20;
const SUGGESTED_FIELDS = ["name", "value"] as const;
/**
 * Store reads one facets request may make without `q` (5,000 latest versions): the Objects screen asks for them on
 * every visit, and counting a million objects through the gate took minutes (D68). Beyond them the counts are of
 * the first versions read, and say so (`partial`).
 */
export const FACET_READS = 10;

/** The autocomplete and facet routes, over `services`. */
export function discoveryRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "GET /autocomplete",
			operationId: "autocomplete",
			tag: "objects",
			summary: "Suggest names and values",
			description:
				"Names and values starting with `prefix` (case-insensitive) of objects released to you, as " +
				"released (a pseudonymised value is suggested as its pseudonym), sorted, without repeats.",
			action: "objects.read",
			errors: [400],
			handle: async ({ user, query }) => {
				const prefix = query.prefix.toLowerCase();
				const found = new Map<string, Suggestion>();
				const scan = scanReleased(services, {
					viewer: viewerOf(user, query.purpose),
					maxReads: AUTOCOMPLETE_READS,
				});
				for await (const read of scan) {
					for (const { object } of read.entries) {
						for (const text of textsOf(object, SUGGESTED_FIELDS)) {
							if (!found.has(text) && text.toLowerCase().startsWith(prefix)) {
								found.set(text, { text, type: object.type, id: object.id });
							}
						}
					}
					if (found.size >= query.limit) break;
				}
				const items = [...found.values()].sort((a, b) => a.text.localeCompare(b.text)).slice(0, query.limit);
				return { items };
			},
		}),
		defineRoute({
			route: "GET /facets",
			operationId: "facets",
			tag: "objects",
			summary: "Count released objects by type",
			description:
				"How many objects (latest versions) are released to you, per STIX type; with `q`, how many of " +
				"what GET /objects?q= finds, per type and per marking. Counted through the egress gate, so withheld " +
				"objects are in no count. Without `q`, at most the first 5,000 latest versions stored are counted: " +
				"`partial: true` when more are stored (the counts are then lower bounds).",
			action: "objects.read",
			errors: [400],
			handle: async ({ user, query }) => {
				if (query.q !== undefined) return queryFacets(services, viewerOf(user, query.purpose), query.q);
				const types = new Map<string, number>();
				let total = 0;
				let more = false;
				const viewer = viewerOf(user, query.purpose);
				for await (const read of scanReleased(services, { viewer, maxReads: services.facetReads })) {
					for (const { object } of read.entries) {
						types.set(object.type, (types.get(object.type) ?? 0) + 1);
						total++;
					}
					more = read.more;
				}
				const counts = Object.fromEntries([...types].sort(([a], [b]) => a.localeCompare(b)));
				return more ? { total, types: counts, partial: true } : { total, types: counts };
			},
		}),
	];
}

/** Released hits of `q` per type and per marking (each hit as GET /objects?q= would list it). */
async function queryFacets(services: ApiServices, viewer: ApiViewer, q: string): Promise<FacetsResult> {
	const hits = searchHits((await indexed(services)).index, q);
	const released = await releaseIds(services, viewer, hits.ids);
	const values = new ReleasedValues();
	const types: Record<string, number> = {};
	const markings: Record<string, number> = {};
	let total = 0;
	for (const [id, { object }] of released) {
		if (!copyShows(hits, id, object, values)) continue;
		total++;
		types[object.type] = (types[object.type] ?? 0) + 1;
		for (const marking of object.object_marking_refs ?? []) markings[marking] = (markings[marking] ?? 0) + 1;
	}
	return { total, types: sortedKeys(types), markings: sortedKeys(markings) };
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
