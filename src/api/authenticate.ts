// Who is asking: the same credentials as TAXII (bearer token, or Basic with user name and token), through the
// node's one sign-in guard (failed attempts limited and logged per source address, requests limited per user).
import { partnerAdminMessage, type SignInGuard } from "../accounts/index.ts";
import { AppError } from "../errors/index.ts";
import type { User } from "../store/index.ts";

/**
 * The user an Authorization header proves, and whether its organisation is one of the node's own.
 * @throws AppError 401 E_API_UNAUTHENTICATED (server/ adds the `WWW-Authenticate: Basic realm="entente",
 * Bearer` challenge to every 401), 429 E_API_RATE_LIMITED (with Retry-After), 403 E_ACCOUNT_PARTNER_ADMIN.
 */
export async function authenticateRequest(
	guard: SignInGuard,
	authorization: string | undefined,
	source: string,
): Promise<{ user: User; local: boolean }> {
	const signIn = await guard.signIn(authorization, source, "api");
	switch (signIn.outcome) {
		case "signed-in":
			return { user: signIn.user, local: signIn.local };
		case "rate-limited":
			throw new AppError("E_API_RATE_LIMITED", `too many requests; retry in ${signIn.retryAfterSeconds} s`, {
				details: { retry_after_seconds: signIn.retryAfterSeconds },
			});
		case "partner-admin":
			throw new AppError("E_ACCOUNT_PARTNER_ADMIN", partnerAdminMessage(signIn.user));
		case "unauthenticated":
			throw new AppError(
				"E_API_UNAUTHENTICATED",
				"authenticate with a bearer token (Authorization: Bearer <token>) or HTTP Basic (user name and token)",
			);
	}
}
