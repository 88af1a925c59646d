// URLs: the WHATWG parse, then the RFC 3986 §6.2.2 normalisations it leaves out; the fragment dropped.
import { normalDomain } from "./domain.ts";

/** Schemes whose URLs WHATWG parses fully (host lower-cased, IDNA, default port dropped, dot segments). */
const SPECIAL_SCHEMES: ReadonlySet<string> = new Set(["http:", "https:", "ftp:", "ws:", "wss:"]);
const WITH_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;
const OPAQUE_SCHEME = /^(?:mailto|data|javascript|file|magnet|tel|sms):/i;
const PERCENT_ESCAPE = /%[0-9a-f]{2}/gi;

/**
 * The normal form of a URL, or a sentence saying why it is none:
 * - no scheme (`evil.example/x`, as many feeds write) means `http://`;
 * - WHATWG URL parsing: scheme and host lower case, IDN host to punycode, default port dropped, `.`/`..`
 *   segments resolved, IPv4/IPv6 hosts in their normal form; a host's trailing dot dropped;
 * - RFC 3986 §6.2.2.2: escapes of unreserved characters decoded (`%7E` → `~`), others upper-cased (`%2f` → `%2F`);
 * - the fragment dropped: it never leaves the browser, so proxy and server logs never carry it (D45).
 */
export function normalUrl(text: string): string | { error: string } {
	const written = WITH_AUTHORITY.test(text) || OPAQUE_SCHEME.test(text) ? text : `http://${text}`;
	let url: URL;
	try {
		url = new URL(written);
	} catch {
		return {
			error:
				"it cannot be parsed as a URL: write scheme://host/path (e.g. https://evil.example/a), with no spaces",
		};
	}
	url.hash = "";
	if (url.search === "") url.search = "";
	if (url.hostname !== "") {
		const host = hostProblem(url);
		if (host !== undefined) return { error: host };
	}
	return url.href.replace(PERCENT_ESCAPE, normalEscape);
}

/** Lower-cases and checks the host (non-special schemes such as ldap:// keep it as written otherwise). */
function hostProblem(url: URL): string | undefined {
	const hostname = url.hostname;
	if (hostname.startsWith("[") || /^[\d.]+$/.test(hostname)) return undefined;
	const special = SPECIAL_SCHEMES.has(url.protocol);
	const decoded = special ? hostname : decodeHost(hostname);
	const domain = normalDomain(decoded);
	if (typeof domain !== "string")
		return `its host ${JSON.stringify(decoded)} is not a domain name: ${domain.error}`;
	if (domain !== hostname) url.hostname = domain;
	return undefined;
}

function decodeHost(hostname: string): string {
	try {
		return decodeURIComponent(hostname);
	} catch {
		return hostname;
	}
}

function normalEscape(percentEscape: string): string {
	const code = Number.parseInt(percentEscape.slice(1), 16);
	const unreserved =
		(code >= 65 && code <= 90) ||
		(code >= 97 && code <= 122) ||
		(code >= 48 && code <= 57) ||
		code === 45 ||
		code === 46 ||
		code === 95 ||
		code === 126;
	return unreserved ? String.fromCharCode(code) : percentEscape.toUpperCase();
}
