// A webhook receiver's URL as a user may set it (D51): HTTPS, no credentials in it, not an address inside the
// node's network; plain HTTP only to loopback and only where the operator allows private destinations (tests).
import { isIP } from "node:net";
import { AppError } from "../../errors/index.ts";
import { refusedAddress } from "./address-rules.ts";

/** Characters of a webhook URL. */
export const WEBHOOK_URL_MAX = 2048;

/**
 * Checks a receiver URL; a host name is checked again, by its addresses, at every connection (webhook-post.ts).
 * @throws AppError E_WEBHOOK_URL_INVALID naming what is wrong and what to send instead.
 * @example webhookUrlOf("https://siem.example.org/entente", false) // URL
 */
export function webhookUrlOf(raw: string, allowPrivate: boolean): URL {
	if (raw.length > WEBHOOK_URL_MAX) throw invalid(`a webhook URL is at most ${WEBHOOK_URL_MAX} characters`);
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw invalid(`'${raw.slice(0, 100)}' is not a URL: send https://host/path`);
	}
	if (url.username !== "" || url.password !== "") {
		throw invalid(
			"a webhook URL carries no user name or password: the receiver checks the signature header (X-Entente-Signature) instead",
		);
	}
	const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
	const loopback = host === "localhost" || /^127\./.test(host) || host === "::1";
	if (url.protocol === "http:") {
		if (!(allowPrivate && loopback)) {
			throw invalid(
				"a webhook URL must be https:// (plain http only to loopback, on nodes that allow private receivers)",
			);
		}
	} else if (url.protocol !== "https:") {
		throw invalid(`a webhook URL must be https://, not ${url.protocol}`);
	}
	if (isIP(host) !== 0) {
		const refused = refusedAddress(host, allowPrivate);
		if (refused !== undefined)
			throw invalid(`${refused}: a webhook may not point there; use a public receiver`);
	} else if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost"))) {
		throw invalid("localhost is inside this node: a webhook may not point there; use a public receiver");
	}
	url.hash = "";
	return url;
}

function invalid(message: string): AppError {
	return new AppError("E_WEBHOOK_URL_INVALID", message);
}
