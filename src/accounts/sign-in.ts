// Signing in, for every HTTP way in (TAXII, REST, /metrics): credentials → user, with failed attempts limited
// and logged per source address, requests limited per user, and no partner's user acting as a node administrator.
import type { Logger } from "../log/index.ts";
import type { Store, User } from "../store/index.ts";
import { userOfAuthorization } from "./credentials.ts";
import { isLocalOrganization } from "./organizations.ts";
import {
	DEFAULT_FAILED_SIGN_IN_LIMIT,
	DEFAULT_RATE_LIMIT,
	RateLimiter,
	type RateLimitOptions,
} from "./rate-limit.ts";
import { sourceKeyOf } from "./source-key.ts";
import { TokenUseRecorder } from "./token-use.ts";

/** What a sign-in attempt comes to; each way in answers the refusals with its own error codes. */
export type SignIn =
	| {
			outcome: "signed-in";
			user: User /** The user's organisation is one of the node's own. */;
			local: boolean;
	  }
	| { outcome: "unauthenticated" }
	| { outcome: "rate-limited"; retryAfterSeconds: number }
	/** A valid token of an admin whose organisation is not the node's own: never honoured (D35). */
	| { outcome: "partner-admin"; user: User };

export interface SignInOptions {
	/** Requests per signed-in user; DEFAULT_RATE_LIMIT otherwise. */
	userLimit?: RateLimitOptions;
	/** Failed attempts per source address; DEFAULT_FAILED_SIGN_IN_LIMIT otherwise. */
	failureLimit?: RateLimitOptions;
	/** Where refused attempts are reported (warn), with their source address. */
	logger?: Logger;
	/** Milliseconds of a monotonic clock (injectable for tests). */
	nowMillis?: () => number;
}

/**
 * The client's address as the HTTP server saw it (Hono's Node adapter puts the request in `env.incoming`);
 * "unknown" in-process. Proxy headers are not trusted: anyone can write them.
 */
export function sourceAddressOf(env: unknown): string {
	const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
	return incoming?.socket?.remoteAddress ?? "unknown";
}

/**
 * One per node, shared by TAXII and REST so that switching protocols buys no extra guesses or requests.
 * @example const result = await guard.signIn(request.headers.get("authorization"), "203.0.113.7", "api")
 */
export class SignInGuard {
	readonly #store: Store;
	readonly #users: RateLimiter;
	readonly #failures: RateLimiter;
	readonly #logger: Logger | undefined;
	/** Each token's last use and `token.use` audit line, once a minute per token (D66). */
	readonly tokenUses: TokenUseRecorder;

	constructor(store: Store, options: SignInOptions = {}) {
		this.#store = store;
		this.tokenUses = new TokenUseRecorder(store, {
			...(options.nowMillis === undefined ? {} : { nowMillis: options.nowMillis }),
			...(options.logger === undefined ? {} : { logger: options.logger }),
		});
		this.#users = new RateLimiter(options.userLimit ?? DEFAULT_RATE_LIMIT, options.nowMillis);
		this.#failures = new RateLimiter(options.failureLimit ?? DEFAULT_FAILED_SIGN_IN_LIMIT, options.nowMillis);
		this.#logger = options.logger;
	}

	/**
	 * Checks `authorization` from `source`. A source over its failed-attempt budget (an IPv4 address, an IPv6
	 * /64: `sourceKeyOf`) is refused before its credentials are even read; each invalid credential spends one of
	 * its tokens and is logged with the address. A signed-in user spends `costOf(user)` of its request budget.
	 */
	async signIn(
		authorization: string | undefined,
		source: string,
		channel: string,
		/** What this request costs the user's budget (1 by default): TAXII charges a page that follows its `next` less (D57). */
		costOf?: (user: User) => number,
	): Promise<SignIn> {
		const sourceKey = sourceKeyOf(source);
		const cooling = this.#failures.waitFor(sourceKey);
		if (cooling > 0) {
			this.#logger?.warn({ source, channel }, "sign-in refused: too many failed attempts from this address");
			return { outcome: "rate-limited", retryAfterSeconds: cooling };
		}
		const user = await userOfAuthorization(this.#store, authorization);
		if (user === undefined) {
			// No credentials at all is not a guess (a browser's first request, a forgotten header): not spent, not logged.
			if (authorization !== undefined && authorization.trim() !== "") {
				this.#failures.take(sourceKey);
				this.#logger?.warn({ source, channel }, "sign-in failed: invalid credentials");
			}
			return { outcome: "unauthenticated" };
		}
		const local = isLocalOrganization(await this.#store.getOrganization(user.organizationId));
		if (user.role === "admin" && !local) {
			this.#logger?.warn(
				{ source, channel, user: user.id, organization: user.organizationId },
				"sign-in refused: an admin of a partner party (partner users are never node administrators)",
			);
			return { outcome: "partner-admin", user };
		}
		const wait = this.#users.take(user.id, costOf === undefined ? 1 : costOf(user));
		if (wait > 0) return { outcome: "rate-limited", retryAfterSeconds: wait };
		this.tokenUses.note(user, channel);
		return { outcome: "signed-in", user, local };
	}
}

/** The message a refused partner admin reads: what is wrong and what the operator must do. */
export function partnerAdminMessage(user: User): string {
	return (
		`user ${user.name} is an admin of ${user.organizationId}, a partner party: partner users are never ` +
		"administrators of this node. Ask its operators to recreate the account with role analyst or reader " +
		"('entente users add --party … --role analyst')"
	);
}
