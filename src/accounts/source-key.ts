// Whose budget a failed sign-in spends: an IPv4 address, or the /64 network of an IPv6 one.
import { isIPv6 } from "node:net";

/** An IPv4 address as a dual-stack socket reports it (`::ffff:203.0.113.7`). */
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The key a source address's failed sign-ins are counted under. An IPv6 host chooses its own interface
 * identifier (privacy addresses give it 2^64), so one client is one /64 network, as for any per-address
 * limit on the Internet; an IPv4 address (mapped or not) is itself; anything else ("unknown") is kept whole.
 * @example sourceKeyOf("2001:db8:1:2:aaaa::1") === "2001:db8:1:2::/64"
 */
export function sourceKeyOf(address: string): string {
	const mapped = IPV4_MAPPED.exec(address)?.[1];
	if (mapped !== undefined) return mapped;
	const host = address.split("%")[0] ?? address; // a zone ("fe80::1%eth0") names our interface, not the client
	if (!isIPv6(host)) return address;
	return `${groupsOf(host).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, in hex without leading zeros. */
function groupsOf(address: string): string[] {
	const [head = "", tail] = address.split("::");
	// A dotted IPv4 tail (`::1.2.3.4`) is the low 32 bits, outside the /64: two groups whatever its value.
	const parts = (text: string) =>
		text === "" ? [] : text.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
	const left = parts(head);
	const right = tail === undefined ? [] : parts(tail);
	const zeros = Array.from({ length: 8 - left.length - right.length }, () => "0");
	return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}
