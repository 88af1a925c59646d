// Objects: search, one object, its versions. Every object comes out of the egress gate; a hidden object is a missing one.
import { AppError } from "../errors/index.ts";
import type { StixObject } from "../stix/core.ts";
import { type ReleasedEntry, type ReleasedRead, releaseAll, scanReleased, textsOf } from "./released-scan.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import {
	ObjectEntry,
	ObjectIdParams,
	PurposeQuery,
	SearchQuery,
	SearchResult,
	VersionsResult,
} from "./schemas.ts";
import { type ApiServices, viewerOf } from "./services.ts";

/** Store reads one search page may make, so a rare match cannot make one request scan the whole node. */
const SEARCH_READS = 20;
const SEARCHED_FIELDS = ["name", "description", "pattern", "value"] as const;

/**
 * The single answer for an object that does not exist and one the requester may not see: same status,
 * code and words, so no response tells them apart.
 */
export function objectNotFound(): AppError {
	return new AppError("E_API_OBJECT_NOT_FOUND", "no such object");
}

function matches(object: StixObject, needle: string | undefined): boolean {
	return (
		needle === undefined ||
		textsOf(object, SEARCHED_FIELDS).some((text) => text.toLowerCase().includes(needle))
	);
}

/** The object routes, over `services`. */
export function objectRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			method: "get",
			path: "/objects",
			operationId: "searchObjects",
			tag: "objects",
			summary: "Search objects",
			description:
				"The latest version of each object released to you, oldest first, filtered by type and by text " +
				"in the released copy's name, description, pattern or value. A page may hold fewer than `limit` " +
				"items (even none) and still have `next`: keep following it until it is absent.",
			action: "objects.read",
			query: SearchQuery,
			response: SearchResult,
			errors: [400],
			handle: async ({ user, query }) => {
				const needle = query.q?.toLowerCase();
				const items: ReleasedEntry[] = [];
				let last: ReleasedRead | undefined;
				const scan = scanReleased(services, {
					viewer: viewerOf(user, query.purpose),
					maxReads: SEARCH_READS,
					...(query.type === undefined ? {} : { types: query.type.split(",") }),
					...(query.cursor === undefined ? {} : { after: services.cursors.open(query.cursor) }),
				});
				for await (const read of scan) {
					last = read;
					const found = read.entries.filter((entry) => matches(entry.object, needle));
					const room = query.limit - items.length;
					if (found.length >= room) {
						const taken = found.slice(0, room);
						items.push(...taken);
						const more = found.length > room || read.more;
						const stop = taken.at(-1)?.dateAdded;
						return presentPage(items, more && stop !== undefined ? services.cursors.seal(stop) : undefined);
					}
					items.push(...found);
				}
				// Out of reads with the page not full: resume where reading stopped, released or not (sealed).
				const resume = last?.more === true && last.lastRead !== undefined ? last.lastRead : undefined;
				return presentPage(items, resume === undefined ? undefined : services.cursors.seal(resume));
			},
		}),
		defineRoute({
			method: "get",
			path: "/objects/{id}",
			operationId: "getObject",
			tag: "objects",
			summary: "Get an object",
			description:
				"The latest version of the object as released to you. 404 when it does not exist or is not " +
				"released to you: the two answers are identical.",
			action: "objects.read",
			params: ObjectIdParams,
			query: PurposeQuery,
			response: ObjectEntry,
			errors: [400, 404],
			handle: async ({ user, params, query }) => {
				const [latest] = await services.store.getVersions(params.id, ["last"]);
				if (latest === undefined) throw objectNotFound();
				const [entry] = await releaseAll(services, viewerOf(user, query.purpose), [latest]);
				// A transformed copy carries a new id; answering under the stored one would confirm the value behind it.
				if (entry === undefined || entry.object.id !== params.id) throw objectNotFound();
				return entry;
			},
		}),
		defineRoute({
			method: "get",
			path: "/objects/{id}/versions",
			operationId: "listObjectVersions",
			tag: "objects",
			summary: "List an object's versions",
			description:
				"Every version of the object released to you, oldest first. 404 (the same as for a missing " +
				"object) when none is released to you.",
			action: "objects.read",
			params: ObjectIdParams,
			query: PurposeQuery,
			response: VersionsResult,
			errors: [400, 404],
			handle: async ({ user, params, query }) => {
				const versions = await services.store.getVersions(params.id, ["all"]);
				const released = await releaseAll(services, viewerOf(user, query.purpose), versions);
				const items = released.filter((entry) => entry.object.id === params.id);
				if (items.length === 0) throw objectNotFound();
				return { id: params.id, items };
			},
		}),
	];
}

function presentPage(
	items: ReleasedEntry[],
	next: string | undefined,
): { items: ReleasedEntry[]; next?: string } {
	return next === undefined ? { items } : { items, next };
}
