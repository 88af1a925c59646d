// What both backends share for `Store.referrersOf`: the limit check, and cutting rows read one referrer too
// far (`limit + 1` distinct referrers) into a page and whether more follow.
import { AppError } from "../errors/index.ts";
import type { Reference, ReferrerPage, ReferrerPageRequest } from "./store.ts";

/**
 * The number of distinct referrers a backend reads for `request`: one more than the page, so that the
 * page knows whether more follow without a second query.
 * @throws AppError E_STORE_QUERY_INVALID when the limit is not a whole number from 1.
 */
export function referrersToRead(request: ReferrerPageRequest): number {
	if (!Number.isSafeInteger(request.limit) || request.limit < 1) {
		throw new AppError("E_STORE_QUERY_INVALID", `limit must be a positive integer, got ${request.limit}`);
	}
	return request.limit + 1;
}

/** `references` (ordered by fromId, at most `limit + 1` referrers) cut to the page `limit` asks for. */
export function referrerPage(references: readonly Reference[], limit: number): ReferrerPage {
	const page: Reference[] = [];
	let referrers = 0;
	for (const reference of references) {
		if (reference.fromId !== page.at(-1)?.fromId) {
			if (referrers === limit) return { references: page, more: true };
			referrers++;
		}
		page.push(reference);
	}
	return { references: page, more: false };
}
