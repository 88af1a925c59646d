// Who is asking (§1.6.9): HTTP Basic (user name or id + API token as password, §8.2.2) or a bearer token.
import { authenticate } from "../../accounts/index.ts";
import { AppError } from "../../errors/index.ts";
import type { Store, User } from "../../store/index.ts";

function unauthenticated(): AppError {
	return new AppError(
		"E_TAXII_UNAUTHENTICATED",
		"authenticate with HTTP Basic (user name and API token) or a bearer token",
	);
}

/**
 * The user an Authorization header proves, or a 401 AppError (the challenge header is added where
 * errors become responses). Basic's user name must name the token's owner (its name or id), so a
 * SIEM configured with the wrong account fails loudly instead of acting as another one.
 */
export async function userOfRequest(store: Store, authorization: string | undefined): Promise<User> {
	const header = (authorization ?? "").trim();
	const space = header.indexOf(" ");
	const scheme = space < 0 ? header.toLowerCase() : header.slice(0, space).toLowerCase();
	const credentials = space < 0 ? "" : header.slice(space + 1).trim();
	if (credentials === "" || credentials.length > 4096) throw unauthenticated();
	if (scheme === "bearer") {
		const user = await authenticate(store, credentials);
		if (user === undefined) throw unauthenticated();
		return user;
	}
	if (scheme === "basic") {
		const decoded = Buffer.from(credentials, "base64").toString("utf8");
		const colon = decoded.indexOf(":");
		if (colon < 0) throw unauthenticated();
		const name = decoded.slice(0, colon);
		const token = decoded.slice(colon + 1);
		if (token === "") throw unauthenticated();
		const user = await authenticate(store, token);
		if (user === undefined || (name !== user.name && name !== user.id)) throw unauthenticated();
		return user;
	}
	throw unauthenticated();
}
