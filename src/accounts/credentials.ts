// Who is asking: the user an Authorization header value proves, HTTP Basic (user name or id + API token as
// password) or a bearer token. Shared by TAXII (§1.6.9, §8.2.2) and the REST API; each answers a failure
// with its own error.
import type { Store, User } from "../store/index.ts";
import { authenticate } from "./organizations.ts";

/** The longest credentials read; anything longer cannot be a token of ours. */
const MAX_CREDENTIALS = 4096;

/**
 * The user an `Authorization` header value proves, or undefined when it proves none (missing, malformed,
 * unknown token). Basic's user name must name the token's owner (its name or id), so a SIEM configured
 * with the wrong account fails loudly instead of acting as another one.
 * @example await userOfAuthorization(store, "Bearer ent_…") // the token's user, or undefined
 */
export async function userOfAuthorization(
	store: Store,
	authorization: string | undefined,
): Promise<User | undefined> {
	const header = (authorization ?? "").trim();
	const space = header.indexOf(" ");
	const scheme = space < 0 ? header.toLowerCase() : header.slice(0, space).toLowerCase();
	const credentials = space < 0 ? "" : header.slice(space + 1).trim();
	if (credentials === "" || credentials.length > MAX_CREDENTIALS) return undefined;
	if (scheme === "bearer") return authenticate(store, credentials);
	if (scheme === "basic") {
		const decoded = Buffer.from(credentials, "base64").toString("utf8");
		const colon = decoded.indexOf(":");
		if (colon < 0) return undefined;
		const name = decoded.slice(0, colon);
		const token = decoded.slice(colon + 1);
		if (token === "") return undefined;
		const user = await authenticate(store, token);
		return user !== undefined && (name === user.name || name === user.id) ? user : undefined;
	}
	return undefined;
}
