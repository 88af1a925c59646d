// The `next` tokens each user was handed and has not yet brought back: a page that follows one continues a paging
// run the user already paid for, so the rate limit charges it `nextPageCost` rather than a whole request (D57).

/** Open paging runs remembered per user; an older one falls out and its next page is charged in full. */
const RUNS_PER_USER = 16;

/**
 * Per user, the unredeemed `next` tokens, most recent last. Each token is redeemed once: replaying a page, or
 * inventing a token, costs a full request. Memory is at most RUNS_PER_USER short strings per user with a run open.
 * @example tokens.issue(user.id, next); … tokens.redeem(user.id, query.get("next")) // true once
 */
export class NextTokens {
	readonly #byUser = new Map<string, string[]>();

	/** Remembers `token` as handed to `userId` with a page that has more. */
	issue(userId: string, token: string): void {
		const open = this.#byUser.get(userId) ?? [];
		open.push(token);
		if (open.length > RUNS_PER_USER) open.shift();
		this.#byUser.set(userId, open);
	}

	/** True, and forgotten, when `token` is one `userId` was handed and has not brought back before. */
	redeem(userId: string, token: string | undefined): boolean {
		if (token === undefined) return false;
		const open = this.#byUser.get(userId);
		const at = open?.indexOf(token) ?? -1;
		if (open === undefined || at < 0) return false;
		open.splice(at, 1);
		if (open.length === 0) this.#byUser.delete(userId);
		return true;
	}
}
