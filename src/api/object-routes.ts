// Objects: search, one object, its versions, its referrers. Every object comes out of the egress gate; a hidden
// object is a missing one.
import { markingLabel } from "../stix/markings/index.ts";
import type { ApiViewer } from "./gate.ts";
import { SEARCH_RESULTS, searchHits, searchPage } from "./index-search.ts";
import { indexed } from "./indexed.ts";
import {
	objectNotFound,
	releasedLatest,
	releasedOwnSetAside,
	releasedUnder,
	releasedUnderDerivedId,
} from "./released-object.ts";
import { releasedReferrers } from "./released-referrers.ts";
import { type ReleasedEntry, type ReleasedRead, type ScanRequest, scanReleased } from "./released-scan.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";

/** Store reads one listing page may make, so a page of mostly withheld objects cannot read the whole node. */
const SEARCH_READS = 20;
/** The scope of listing cursors: their positions are dateAdded values (see CursorSeal). */
const SEARCH_CURSOR = "search";

/**
 * The scope of a query's cursors: their positions are places in that query's hits (index-search.ts), so a cursor
 * opens only for the same query and types.
 */
function queryCursorScope(q: string, types: readonly string[] | undefined): string {
	return `search-index\n${q}\n${types?.join(",") ?? ""}`;
}

/** A page of GET /objects?q=: the query's hits from the cursor's position, through the gate. */
async function indexedPage(
	services: ApiServices,
	viewer: ApiViewer,
	q: string,
	types: readonly string[] | undefined,
	query: { limit: number; cursor?: string | undefined },
) {
	const scope = queryCursorScope(q, types);
	const from = query.cursor === undefined ? 0 : Number(services.cursors.open(query.cursor, scope));
	const hits = searchHits((await indexed(services)).index, q, types);
	const page = await searchPage(services, viewer, hits, { from, limit: query.limit });
	return presentPage(
		page.items,
		page.resumeAt === undefined ? undefined : services.cursors.seal(String(page.resumeAt), scope),
	);
}

/** The object routes, over `services`. */
export function objectRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "GET /objects",
			operationId: "searchObjects",
			tag: "objects",
			summary: "Search objects",
			description:
				"Without `q`: the latest version of each object released to you, oldest first, filtered by type. With " +
				"`q`, from the observable index, best first: a value (an IP or CIDR, a domain, a URL, a hash, …, " +
				"defanged or not) finds the objects naming it or a related value (a range containing an address, " +
				"addresses within a range, sub- and parent domains), then those mentioning it; text finds the objects " +
				"whose names, aliases, external ids, descriptions or values hold every word. Each hit counts only when " +
				`the copy released to you still shows it; at most ${SEARCH_RESULTS} hits are considered. A page may hold ` +
				"fewer than `limit` items (even none) and still have `next`: keep following it until it is absent.",
			action: "objects.read",
			errors: [400],
			handle: async ({ user, query }) => {
				const viewer = viewerOf(user, query.purpose);
				const types = query.type?.split(",");
				if (query.q !== undefined) return indexedPage(services, viewer, query.q, types, query);
				const items: ReleasedEntry[] = [];
				let last: ReleasedRead | undefined;
				const scan = scanReleased(services, {
					viewer,
					maxReads: SEARCH_READS,
					...(types === undefined ? {} : { types }),
					...dayAndMarking(query),
					...(query.cursor === undefined
						? dayStart(query)
						: { after: services.cursors.open(query.cursor, SEARCH_CURSOR) }),
				});
				for await (const read of scan) {
					last = read;
					const room = query.limit - items.length;
					if (read.entries.length >= room) {
						const taken = read.entries.slice(0, room);
						items.push(...taken);
						const more = read.entries.length > room || read.more;
						const stop = taken.at(-1)?.dateAdded;
						return presentPage(
							items,
							more && stop !== undefined ? services.cursors.seal(stop, SEARCH_CURSOR) : undefined,
						);
					}
					items.push(...read.entries);
				}
				// Out of reads with the page not full: resume where reading stopped, released or not (sealed).
				const resume = last?.more === true && last.lastRead !== undefined ? last.lastRead : undefined;
				return presentPage(
					items,
					resume === undefined ? undefined : services.cursors.seal(resume, SEARCH_CURSOR),
				);
			},
		}),
		defineRoute({
			route: "GET /objects/{id}",
			operationId: "getObject",
			tag: "objects",
			summary: "Get an object",
			description:
				"The latest version of the object as released to you. 404 when it does not exist or is not " +
				"released to you: the two answers are identical.",
			action: "objects.read",
			errors: [400, 404],
			handle: async ({ user, params, query }) =>
				releasedLatest(services, viewerOf(user, query.purpose), params.id),
		}),
		defineRoute({
			route: "GET /objects/{id}/versions",
			operationId: "listObjectVersions",
			tag: "objects",
			summary: "List an object's versions",
			description:
				"Every version of the object released to you, oldest first. 404 (the same as for a missing " +
				"object) when none is released to you.",
			action: "objects.read",
			errors: [400, 404],
			handle: async ({ user, params, query }) => {
				const viewer = viewerOf(user, query.purpose);
				const stored = await releasedUnder(services, viewer, params.id);
				let items =
					stored.length > 0 ? stored : await releasedUnderDerivedId(services, viewer, params.id, "all");
				if (items.length === 0) items = await releasedOwnSetAside(services, viewer, params.id);
				if (items.length === 0) throw objectNotFound();
				return { id: params.id, items };
			},
		}),
		defineRoute({
			route: "GET /objects/{id}/referrers",
			operationId: "listObjectReferrers",
			tag: "objects",
			summary: "List the objects that reference an object",
			description:
				"The objects released to you whose latest version, as released to you, names this object through any " +
				"reference property: containers (`object_refs`), relationships (`source_ref`, `target_ref`), sightings " +
				"(`sighting_of_ref`, …), observables (`src_ref`, `resolves_to_refs`, `extensions.archive-ext.contains_refs`, " +
				"…), each with the paths that name it, by referrer id. " +
				"404 exactly as GET /objects/{id} when the object does not exist or is not released to you. A page " +
				"may hold fewer than `limit` items (even none) and still have `next`: keep following it until it is absent.",
			action: "objects.read",
			errors: [400, 404],
			handle: async ({ user, params, query }) => {
				const viewer = viewerOf(user, query.purpose);
				// Hidden ≡ missing: the object is asked for exactly as GET /objects/{id} asks, so a hidden one's 404 is that
				// route's for a missing one, byte for byte, and nothing below runs for it.
				await releasedLatest(services, viewer, params.id);
				// Cursors of one object's referrers open only for that object (CursorSeal scopes).
				const scope = `referrers ${params.id}`;
				const page = await releasedReferrers(services, {
					viewer,
					id: params.id,
					limit: query.limit,
					...(query.cursor === undefined ? {} : { after: services.cursors.open(query.cursor, scope) }),
				});
				const next =
					page.resumeAfter === undefined ? undefined : services.cursors.seal(page.resumeAfter, scope);
				return { id: params.id, ...presentPage(page.items, next) };
			},
		}),
	];
}

function presentPage<T>(items: T[], next: string | undefined): { items: T[]; next?: string } {
	return next === undefined ? { items } : { items, next };
}

/** The dashboard's filters (D67): a day's versions (`added`), a marking's name on the released copy (`marking`). */
function dayAndMarking(query: {
	added?: string | undefined;
	marking?: string | undefined;
}): Pick<ScanRequest, "until" | "keep"> {
	const { added, marking } = query;
	return {
		...(added === undefined ? {} : { until: `${added}T23:59:59.999999Z` }),
		...(marking === undefined
			? {}
			: { keep: (object) => markingLabel(object.object_marking_refs) === marking }),
	};
}

/** Where a first page of `added` starts: just before that day. */
function dayStart(query: { added?: string | undefined }): { after?: string } {
	if (query.added === undefined) return {};
	const before = new Date(Date.parse(`${query.added}T00:00:00.000Z`) - 1).toISOString();
	return { after: `${before.slice(0, 23)}999Z` };
}
