// Where a webhook may not point (D51): a user of any organisation, a partner's too, names the URL and the node
// makes the request, so addresses inside the node's network are refused (server-side request forgery).
import { ipRangeOf, overlaps } from "../ip-range.ts";

/** Never a destination, whatever the operator allows: unroutable, multicast, and link-local (cloud metadata). */
const ALWAYS_REFUSED: readonly [string, string][] = [
	["0.0.0.0/8", "an unspecified address"],
	["169.254.0.0/16", "link-local (where cloud metadata services answer)"],
	["192.0.0.0/24", "reserved for protocol assignments"],
	["224.0.0.0/4", "multicast"],
	["240.0.0.0/4", "reserved (and broadcast)"],
	["::/128", "an unspecified address"],
	["fe80::/10", "link-local"],
	["ff00::/8", "multicast"],
];

/** Inside an organisation's own network: refused unless the operator allows private destinations. */
const PRIVATE: readonly [string, string][] = [
	["10.0.0.0/8", "private (RFC 1918)"],
	["100.64.0.0/10", "shared address space (RFC 6598)"],
	["127.0.0.0/8", "loopback"],
	["172.16.0.0/12", "private (RFC 1918)"],
	["192.168.0.0/16", "private (RFC 1918)"],
	["198.18.0.0/15", "benchmarking (RFC 2544)"],
	["::1/128", "loopback"],
	["fc00::/7", "unique local (RFC 4193)"],
	["64:ff9b::/96", "NAT64, which reaches IPv4 addresses"],
];

const ALWAYS = ALWAYS_REFUSED.map(([block, why]) => ({ range: ipRangeOf(block), why }));
const INSIDE = PRIVATE.map(([block, why]) => ({ range: ipRangeOf(block), why }));

/**
 * Why a webhook may not connect to `address` (an IPv4 or IPv6 address, as DNS answers it), or undefined when it
 * may. An IPv4-mapped IPv6 address is judged as its IPv4 address.
 * @example refusedAddress("169.254.169.254", true) // "169.254.169.254 is link-local (where cloud metadata services answer)"
 */
export function refusedAddress(address: string, allowPrivate: boolean): string | undefined {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
	const range = ipRangeOf(mapped ?? address);
	if (range === undefined) return `${address} is not an IP address`;
	for (const rule of allowPrivate ? ALWAYS : [...ALWAYS, ...INSIDE]) {
		if (rule.range !== undefined && overlaps(rule.range, range)) return `${address} is ${rule.why}`;
	}
	return undefined;
}
