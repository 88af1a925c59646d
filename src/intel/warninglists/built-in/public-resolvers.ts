// The documented addresses of the best-known public DNS resolvers: every network sends them queries, so a log
// line naming one is rarely a threat. From each operator's own documentation, cited per block.
import type { Warninglist } from "../warninglist.ts";

/** The resolvers' addresses (v4 and v6) and their DNS-over-HTTPS/TLS host names. */
export const PUBLIC_RESOLVER_LISTS: readonly Warninglist[] = [
	{
		name: "Entente: public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS)",
		description: "The documented addresses of well-known public DNS resolvers: traffic to them is ordinary.",
		type: "cidr",
		matchingAttributes: ["ip-src", "ip-dst", "domain|ip", "ip-src|port", "ip-dst|port"],
		entries: [
			// Google Public DNS, "Configure your network settings to use Google Public DNS".
			"8.8.8.8",
			"8.8.4.4",
			"2001:4860:4860::8888",
			"2001:4860:4860::8844",
			// Cloudflare 1.1.1.1, "IP addresses": the resolver, then "for Families" (malware; malware and adult).
			"1.1.1.1",
			"1.0.0.1",
			"2606:4700:4700::1111",
			"2606:4700:4700::1001",
			"1.1.1.2",
			"1.0.0.2",
			"2606:4700:4700::1112",
			"2606:4700:4700::1002",
			"1.1.1.3",
			"1.0.0.3",
			"2606:4700:4700::1113",
			"2606:4700:4700::1003",
			// Quad9, "Service addresses and features": recommended (secured), unsecured, secured with ECS.
			"9.9.9.9",
			"149.112.112.112",
			"2620:fe::fe",
			"2620:fe::9",
			"9.9.9.10",
			"149.112.112.10",
			"2620:fe::10",
			"2620:fe::fe:10",
			"9.9.9.11",
			"149.112.112.11",
			"2620:fe::11",
			"2620:fe::fe:11",
			// OpenDNS (Cisco Umbrella), "Umbrella and OpenDNS resolver addresses": Home, FamilyShield, IPv6.
			"208.67.222.222",
			"208.67.220.220",
			"208.67.222.220",
			"208.67.220.222",
			"208.67.222.123",
			"208.67.220.123",
			"2620:119:35::35",
			"2620:119:53::53",
		],
		version: 1,
		source: "built-in: Google Public DNS, Cloudflare 1.1.1.1, Quad9 and OpenDNS documentation",
		builtIn: true,
	},
	{
		name: "Entente: public DNS resolver host names",
		description:
			"The DNS-over-HTTPS and DNS-over-TLS host names of the same resolvers, and their sub-domains.",
		type: "hostname",
		matchingAttributes: ["hostname", "domain", "url", "domain|ip"],
		entries: [
			// Google: dns.google (DoH, DoT). Cloudflare: cloudflare-dns.com, one.one.one.one (and the families'
			// family./security.cloudflare-dns.com, sub-domains). Quad9: dns.quad9.net (and dns9/dns10/dns11, sub-domains).
			// OpenDNS: doh.opendns.com, doh.familyshield.opendns.com.
			"dns.google",
			"cloudflare-dns.com",
			"one.one.one.one",
			"dns.quad9.net",
			"dns9.quad9.net",
			"dns10.quad9.net",
			"dns11.quad9.net",
			"doh.opendns.com",
			"doh.familyshield.opendns.com",
		],
		version: 1,
		source: "built-in: Google Public DNS, Cloudflare 1.1.1.1, Quad9 and OpenDNS documentation",
		builtIn: true,
	},
];
