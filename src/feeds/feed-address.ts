// Where a feed fetch may connect (D55 addendum): a redirect or a DNS answer must not lead a feed to the machine's
// own addresses — link-local (where cloud metadata services answer, 169.254.169.254), loopback, unspecified (0.0.0.0
// reaches the host itself) — unless the feed's configured URL is itself on that class of address. Other private
// addresses stay reachable: only admins define feeds, and an internal feed server is legitimate.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { AppError } from "../errors/index.ts";
import { type ParsedCidr, parseCidr, parsedContains } from "../observables/index.ts";

/** The classes of address a feed reaches only when its configured URL is on the same class. */
export type GuardedClass = "link-local" | "loopback" | "unspecified";

const BLOCKS: readonly [string, GuardedClass][] = [
	["169.254.0.0/16", "link-local"],
	["fe80::/10", "link-local"],
	["127.0.0.0/8", "loopback"],
	["::1/128", "loopback"],
	["0.0.0.0/8", "unspecified"],
	["::/128", "unspecified"],
];
const PARSED = BLOCKS.map(([block, kind]) => ({ block: parseCidr(block) as ParsedCidr, kind }));

/**
 * The guarded class of an IP address (an IPv4-mapped IPv6 address judged as its IPv4 address), or undefined for
 * any other address or for text that is no address.
 * @example addressClass("169.254.169.254") // "link-local"
 */
export function addressClass(address: string): GuardedClass | undefined {
	const parsed = parseCidr(address);
	if (parsed === undefined) return undefined;
	return PARSED.find((rule) => parsedContains(rule.block, parsed))?.kind;
}

/**
 * The guarded class a URL's host names without asking DNS: an IP literal's class, and loopback for `localhost`
 * and its sub-domains (RFC 6761 reserves them for loopback). A host name is otherwise judged by its DNS answer.
 */
export function hostClass(url: URL): GuardedClass | undefined {
	const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
	if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
	return addressClass(host);
}

/**
 * Refuses, before any connection, a redirect `target` whose host is a guarded class the feed's own URL is not on.
 * @throws AppError E_FEED_ADDRESS naming the fix.
 */
export function checkRedirectTarget(feedUrl: string, allowed: GuardedClass | undefined, target: URL): void {
	const kind = hostClass(target);
	if (kind === undefined || kind === allowed) return;
	throw addressError(`${feedUrl} redirects to ${target.host}, a ${kind} address`);
}

/**
 * A `lookup` for node:http(s) that refuses a DNS answer of a guarded class other than `allowed` (the class of the
 * feed's configured URL), so a name that resolves — or rebinds — to the metadata service is never connected to.
 * Every address of the answer is checked, since the connection may try any of them.
 */
export function guardedLookup(feedUrl: string, allowed: GuardedClass | undefined): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
			if (error !== null) return callback(error, "");
			for (const { address } of addresses) {
				const kind = addressClass(address);
				if (kind !== undefined && kind !== allowed) {
					const refused = addressError(`${feedUrl}: ${hostname} resolves to ${address}, a ${kind} address`);
					return callback(refused as NodeJS.ErrnoException, "");
				}
			}
			if ((options as LookupOptions).all === true) return callback(null, addresses);
			const first = addresses[0];
			if (first === undefined) return callback(null, "");
			return callback(null, first.address, first.family);
		});
	};
}

function addressError(what: string): AppError {
	return new AppError(
		"E_FEED_ADDRESS",
		`${what}, which the feed's own URL is not on: refused (cloud metadata services answer on link-local ` +
			"addresses). If the feed really is served there, give that address itself as the feed's URL",
	);
}
