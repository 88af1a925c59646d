// Address blocks that never name an attacker's host on the Internet: private, loopback, link-local, shared (CGNAT),
// documentation, multicast and reserved space, from the RFCs and the IANA special-purpose registries (RFC 6890).
import type { Warninglist } from "../warninglist.ts";

const IP_KINDS = ["ip-src", "ip-dst", "domain|ip", "ip-src|port", "ip-dst|port"];

/** Every special-purpose block, one list per reason a value there is not worth alerting on. */
export const SPECIAL_ADDRESS_LISTS: readonly Warninglist[] = [
	{
		name: "Entente: private-use networks (RFC 1918, RFC 4193)",
		description:
			"Private addresses: they name a host inside some organisation's network, never one on the Internet.",
		type: "cidr",
		matchingAttributes: IP_KINDS,
		entries: [
			// RFC 1918 §3: the three blocks reserved for private internets.
			"10.0.0.0/8",
			"172.16.0.0/12",
			"192.168.0.0/16",
			// RFC 4193 §3.1: IPv6 unique local addresses.
			"fc00::/7",
		],
		version: 1,
		source: "built-in: RFC 1918 §3, RFC 4193 §3.1",
		builtIn: true,
	},
	{
		name: "Entente: loopback, link-local and unspecified addresses",
		description: "Addresses that only mean something on one host or one link.",
		type: "cidr",
		matchingAttributes: IP_KINDS,
		entries: [
			// RFC 6890 §2.2.2 (after RFC 1122 §3.2.1.3): "this network" and loopback.
			"0.0.0.0/8",
			"127.0.0.0/8",
			// RFC 3927: IPv4 link-local.
			"169.254.0.0/16",
			// RFC 4291 §2.5.2, §2.5.3, §2.5.6: IPv6 unspecified, loopback, link-local.
			"::/128",
			"::1/128",
			"fe80::/10",
		],
		version: 1,
		source: "built-in: RFC 6890 §2.2, RFC 1122 §3.2.1.3, RFC 3927, RFC 4291 §2.5",
		builtIn: true,
	},
	{
		name: "Entente: shared address space for carrier-grade NAT (RFC 6598)",
		description:
			"Addresses between an ISP's carrier-grade NAT and its customers: never routed on the Internet.",
		type: "cidr",
		matchingAttributes: IP_KINDS,
		// RFC 6598 §7: 100.64.0.0/10.
		entries: ["100.64.0.0/10"],
		version: 1,
		source: "built-in: RFC 6598 §7",
		builtIn: true,
	},
	{
		name: "Entente: documentation and benchmarking addresses",
		description:
			"Blocks reserved for examples in documents and for benchmark labs: a report naming one quotes an example.",
		type: "cidr",
		matchingAttributes: IP_KINDS,
		entries: [
			// RFC 5737 §3: TEST-NET-1, -2, -3.
			"192.0.2.0/24",
			"198.51.100.0/24",
			"203.0.113.0/24",
			// RFC 2544 appendix C.2.2 (as RFC 6890 lists it): benchmarking.
			"198.18.0.0/15",
			// RFC 3849 §4 and RFC 9637 §6: IPv6 documentation; RFC 5180 §8: IPv6 benchmarking.
			"2001:db8::/32",
			"3fff::/20",
			"2001:2::/48",
		],
		version: 1,
		source: "built-in: RFC 5737 §3, RFC 2544, RFC 3849 §4, RFC 9637 §6, RFC 5180 §8",
		builtIn: true,
	},
	{
		name: "Entente: multicast addresses",
		description: "Multicast groups: a destination many hosts listen on, not one attacker's host.",
		type: "cidr",
		matchingAttributes: IP_KINDS,
		// RFC 5771 §2 (IPv4 224.0.0.0/4); RFC 4291 §2.7 (IPv6 ff00::/8).
		entries: ["224.0.0.0/4", "ff00::/8"],
		version: 1,
		source: "built-in: RFC 5771 §2, RFC 4291 §2.7",
		builtIn: true,
	},
	{
		name: "Entente: reserved and protocol-assigned addresses (RFC 6890)",
		description: "Blocks the IANA special-purpose registries reserve for protocols, future use or broadcast.",
		type: "cidr",
		matchingAttributes: IP_KINDS,
		entries: [
			// RFC 6890 §2.2.2: IETF protocol assignments.
			"192.0.0.0/24",
			// RFC 7526 §2: the deprecated 6to4 relay anycast block (RFC 3068).
			"192.88.99.0/24",
			// RFC 1112 §4: reserved for future use (holding RFC 919 §7's limited broadcast, 255.255.255.255).
			"240.0.0.0/4",
			// RFC 6666 §4: the IPv6 discard-only prefix; RFC 2928 §2 (RFC 6890 §2.2.3): IETF protocol assignments.
			"100::/64",
			"2001::/23",
		],
		version: 1,
		source: "built-in: RFC 6890 §2.2.2-2.2.3, RFC 7526 §2, RFC 1112 §4, RFC 919 §7, RFC 6666 §4, RFC 2928 §2",
		builtIn: true,
	},
];
