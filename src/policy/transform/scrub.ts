// Scrubbing free text and URLs: e-mail addresses, IP addresses, URL credentials and query strings, home folders.
import { parseIp } from "./network.ts";

/** What replaces each removed piece of free text. */
export const REDACTED = "[redacted]";

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IPV4_IN_TEXT = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\w.]*\d)/g;
const IPV6_IN_TEXT = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\/\d{1,3})?(?![\w:])/g;
// The folder after a home root names a person: /home/alice, /Users/alice, C:\Users\alice.
const HOME_FOLDER = /((?:^|[\\/])(?:home|users|documents and settings)[\\/]+)([^\\/\s"'`]+)/gi;

/**
 * Free text with personal details replaced by `[redacted]`: e-mail addresses, IPv4 and IPv6
 * addresses (and blocks), URL user info and query strings (`?[redacted]`, fragment dropped), and
 * the user folder under a home root. Everything else is kept: the point is to share the threat.
 * @example scrubText("mail bob@example.org from 198.51.100.7") // "mail [redacted] from [redacted]"
 */
export function scrubText(text: string): string {
	return text
		.replace(URL_IN_TEXT, (url) => scrubUrl(url, REDACTED))
		.replace(EMAIL, REDACTED)
		.replace(IPV4_IN_TEXT, (match) => (parseIp(match) === undefined ? match : REDACTED))
		.replace(IPV6_IN_TEXT, (match) =>
			/[0-9a-f]/i.test(match) && parseIp(match) !== undefined ? REDACTED : match,
		)
		.replace(HOME_FOLDER, (_match, root: string) => `${root}${REDACTED}`);
}

/**
 * A URL with its user info and query string replaced by `marker` and its fragment dropped; the
 * scheme, host and path stay (they are usually the malicious infrastructure). For a `url` object's
 * value use a marker valid in RFC 3986 (`redacted`); in free text, `[redacted]`.
 * @example scrubUrl("https://u:p@example.com/a?victim=bob#x", "redacted") // "https://redacted@example.com/a?redacted"
 */
export function scrubUrl(url: string, marker = "redacted"): string {
	const hash = url.indexOf("#");
	let rest = hash === -1 ? url : url.slice(0, hash);
	const question = rest.indexOf("?");
	const query = question === -1 ? "" : `?${marker}`;
	if (question !== -1) rest = rest.slice(0, question);
	const authorityStart = rest.indexOf("://");
	if (authorityStart !== -1) {
		const from = authorityStart + 3;
		const slash = rest.indexOf("/", from);
		const authorityEnd = slash === -1 ? rest.length : slash;
		const at = rest.lastIndexOf("@", authorityEnd);
		if (at >= from) rest = `${rest.slice(0, from)}${marker}${rest.slice(at)}`;
	}
	return rest + query;
}
