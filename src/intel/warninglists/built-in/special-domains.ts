// Domain names that cannot be anyone's on the public Internet: reserved for examples, tests and local use. A report
// naming one quotes an example or leaks an internal name; flagging it (never dropping it) tells the analyst which.
import type { Warninglist } from "../warninglist.ts";

/** Special-use domain names, each with its sub-domains (a hostname list). */
export const SPECIAL_DOMAIN_LISTS: readonly Warninglist[] = [
	{
		name: "Entente: special-use domain names (RFC 2606, RFC 6761)",
		description:
			"Names reserved for documentation, testing and local use: never an attacker's registered domain.",
		type: "hostname",
		matchingAttributes: ["hostname", "domain", "url", "domain|ip", "email-src", "email-dst"],
		entries: [
			// RFC 2606 §2, §3 and RFC 6761 §6: .test, .example, .invalid, .localhost; example.com/.net/.org.
			"test",
			"example",
			"invalid",
			"localhost",
			"example.com",
			"example.net",
			"example.org",
			// RFC 8375 §4: home.arpa, for home networks; RFC 6762 §3: .local, multicast DNS on one link.
			"home.arpa",
			"local",
			// Not .onion (RFC 7686): hidden services are real destinations, and often the threat itself.
		],
		version: 1,
		source: "built-in: RFC 2606 §2-3, RFC 6761 §6, RFC 8375 §4, RFC 6762 §3",
		builtIn: true,
	},
];
