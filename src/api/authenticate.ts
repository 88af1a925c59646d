// Who is asking: the same credentials as TAXII (bearer token, or Basic with user name and token).
// TODO(#4): import userOfRequest from accounts/ once it moves there out of taxii/server/ (a deep import today).
import { AppError, isAppError } from "../errors/index.ts";
import type { Store, User } from "../store/index.ts";
import { userOfRequest } from "../taxii/server/credentials.ts";

/**
 * The user an Authorization header proves, or 401 E_API_UNAUTHENTICATED (server/ adds the
 * `WWW-Authenticate: Basic realm="entente", Bearer` challenge to every 401).
 */
export async function authenticateRequest(store: Store, authorization: string | undefined): Promise<User> {
	try {
		return await userOfRequest(store, authorization);
	} catch (error) {
		if (!isAppError(error) || error.kind !== "unauthenticated") throw error;
		throw new AppError(
			"E_API_UNAUTHENTICATED",
			"authenticate with a bearer token (Authorization: Bearer <token>) or HTTP Basic (user name and token)",
			{ cause: error },
		);
	}
}
