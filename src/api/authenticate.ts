// Who is asking: the same credentials as TAXII (bearer token, or Basic with user name and token).
import { userOfAuthorization } from "../accounts/index.ts";
import { AppError } from "../errors/index.ts";
import type { Store, User } from "../store/index.ts";

/**
 * The user an Authorization header proves, or 401 E_API_UNAUTHENTICATED (server/ adds the
 * `WWW-Authenticate: Basic realm="entente", Bearer` challenge to every 401).
 */
export async function authenticateRequest(store: Store, authorization: string | undefined): Promise<User> {
	const user = await userOfAuthorization(store, authorization);
	if (user !== undefined) return user;
	throw new AppError(
		"E_API_UNAUTHENTICATED",
		"authenticate with a bearer token (Authorization: Bearer <token>) or HTTP Basic (user name and token)",
	);
}
