// Checked by `tsc --noEmit -p web` (part of `npm test`), never run nor bundled (nothing imports it). Each
// `@ts-expect-error` proves that the route table (api/shapes/routes.ts) rejects a request or an answer field the
// API does not have: if a route, query key, body or answer field drifts so that the line compiles, tsc fails on the
// unused directive.

import { useApiQuery } from "../use-api-query.ts";
import { apiGet, apiPost } from "./client.ts";
import { fillPath } from "./routes.ts";
import type { StixObject } from "./types.ts";

declare const token: string;
declare const id: string;

/** Requests the API has: each answer is its route's shape. */
export async function accepted(): Promise<void> {
	const entry = await apiGet(token, "/objects/{id}", {
		params: { id },
		query: { purpose: "network-defence" },
	});
	entry.object satisfies StixObject;
	const page = await apiGet(token, "/objects", { query: { q: "x", limit: 10, cursor: undefined } });
	page.next satisfies string | undefined;
	const referrers = await apiGet(token, "/objects/{id}/referrers", {
		params: { id },
		query: { limit: "20" },
	});
	referrers.items[0]?.kinds satisfies string[] | undefined;
	(await apiGet(token, "/me")).user.role satisfies "admin" | "analyst" | "reader";
	const preview = await apiPost(token, "/policy/preview", { objects: [], purpose: "network-defence" });
	preview.objects satisfies unknown[];
	(await apiPost(token, "/objects", { type: "bundle", objects: [] })).results satisfies unknown[];
}

/** Requests the API does not have, and answer fields no route gives. */
export async function rejected(): Promise<void> {
	// @ts-expect-error: no such route (it is /objects/{id})
	await apiGet(token, "/object/{id}", { params: { id } });
	// @ts-expect-error: a path with its parameter already filled is not a route; fillPath is apiGet's job
	await apiGet(token, `/objects/${id}`);
	// @ts-expect-error: /facets answers GET only
	await apiPost(token, "/facets", {});
	// @ts-expect-error: /objects/{id} needs params.id
	await apiGet(token, "/objects/{id}");
	// @ts-expect-error: params of the wrong name
	await apiGet(token, "/objects/{id}", { params: { object: id } });
	// @ts-expect-error: /facets takes no query key `purpse`
	await apiGet(token, "/facets", { query: { purpse: "network-defence" } });
	// @ts-expect-error: not a purpose
	await apiGet(token, "/facets", { query: { purpose: "marketing" } });
	// @ts-expect-error: /policy/explain needs `to`
	await apiGet(token, "/policy/explain", { query: { object: id } });
	// @ts-expect-error: a share body carries `objects`
	await apiPost(token, "/objects", { object: [] });
	const facets = await apiGet(token, "/facets");
	// @ts-expect-error: /facets answers `types`, not another route's `items`
	facets.items;
	const entry = await apiGet(token, "/objects/{id}", { params: { id } });
	// @ts-expect-error: an object entry has no `next` (that is the search page's)
	entry.next;
}

/** The cached hook is typed by the same table. */
export function Hooked(): void {
	useApiQuery("/policy/versions").data?.items satisfies unknown[] | undefined;
	// @ts-expect-error: /objects/{id} needs params.id
	useApiQuery("/objects/{id}", { query: { purpose: "network-defence" } });
	// @ts-expect-error: a policy answer has no `items` (the versions route's)
	useApiQuery("/policy").data?.items;
	fillPath("/objects/{id}", { id });
}
