// The objects that reference an object (GET /objects/{id}/referrers): only those released to you, whose
// released copy still names it. Read page by page up to what the graph draws.
import type { ReferrerEntry, ReferrersResult } from "../api/types.ts";

/** At most this many referrers are fetched and drawn, as for what the object references. */
export const MAX_REFERRERS = 60;
/** Pages followed at most: a page may be short (even empty) and still have `next`. */
const MAX_PAGES = 10;

export interface Referrers {
	/** By referrer id, as the API lists them. */
	items: ReferrerEntry[];
	/** More referrers may follow than were fetched. */
	more: boolean;
}

/**
 * Follows `fetchPage` (GET /objects/{id}/referrers with `limit` MAX_REFERRERS and the previous `next`) until
 * MAX_REFERRERS are in hand or the listing ends.
 */
export async function loadReferrers(
	fetchPage: (cursor: string | undefined) => Promise<ReferrersResult>,
): Promise<Referrers> {
	const items: ReferrerEntry[] = [];
	let cursor: string | undefined;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const page = await fetchPage(cursor);
		items.push(...page.items);
		if (items.length >= MAX_REFERRERS || page.next === undefined) {
			return {
				items: items.slice(0, MAX_REFERRERS),
				more: items.length > MAX_REFERRERS || page.next !== undefined,
			};
		}
		cursor = page.next;
	}
	return { items, more: true };
}
