// Which peer URLs the node will talk to: HTTPS anywhere, plain HTTP only to loopback (demo and tests).
import { isIP } from "node:net";
import { AppError } from "../errors/index.ts";

/** True for hosts that never leave the machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
	if (host === "localhost" || host.endsWith(".localhost")) return true;
	if (isIP(host) === 4) return host.startsWith("127.");
	return host === "::1";
}

/**
 * Checks and normalises a peer's base URL (no trailing slash, no credentials, no query).
 * @throws AppError E_FEDERATION_PEER_URL for another scheme, credentials, or http:// off loopback.
 * @example checkPeerUrl("https://node.example.org/") // "https://node.example.org"
 */
export function checkPeerUrl(text: string): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new AppError("E_FEDERATION_PEER_URL", `not a URL: ${JSON.stringify(text)}`);
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") {
		throw new AppError("E_FEDERATION_PEER_URL", `a peer URL must be https:// (got ${url.protocol})`);
	}
	if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
		throw new AppError(
			"E_FEDERATION_PEER_URL",
			`plain http:// is allowed only to loopback; ${url.host} needs https://`,
		);
	}
	if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
		throw new AppError("E_FEDERATION_PEER_URL", "a peer URL carries no credentials, query or fragment");
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
