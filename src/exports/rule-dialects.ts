// What a Suricata 7 and a Snort 3 rule test for each kind of network value: the rule header and detection options,
// with the key that names the rule within its indicator (the sid derives from it). Keywords checked against each
// engine's documentation (D56): Suricata's dns.query, tls.sni, http.host, http.uri, ja3.hash sticky buffers with
// bsize; Snort 3's service rules, http_header:field host, http_uri and bufferlen, and DNS names matched on the wire.
import type { FoundObservable } from "../observables/index.ts";
import { byteLength, contentOf, dnsWireContent } from "./rule-text.ts";

/** One rule for one value: its header (`alert ip any any -> 198.51.100.7 any`), detection options, and key. */
export interface RuleSpec {
	key: string;
	header: string;
	detection: string;
}

/** A rule engine's way of testing values; `rulesFor` answers the rules, or why the value cannot be tested. */
export interface RuleDialect {
	readonly title: string;
	/** Header lines saying what this dialect cannot test at all (written once). */
	readonly notes: readonly string[];
	rulesFor(value: FoundObservable): RuleSpec[] | string;
}

/** Suricata 7. */
export const SURICATA: RuleDialect = {
	title: "Suricata 7 rules",
	notes: ["JA3 rules need app-layer.protocols.tls.ja3-fingerprints (enabled on demand unless set to no)"],
	rulesFor(value) {
		switch (value.kind) {
			case "ipv4":
			case "ipv6":
				return [ipRule(value)];
			case "domain": {
				const exact = `content:"${contentOf(value.value)}"; nocase; bsize:${byteLength(value.value)};`;
				return [
					{
						key: `dns:${value.value}`,
						header: "alert dns any any -> any any",
						detection: `dns.query; ${exact}`,
					},
					{
						key: `tls:${value.value}`,
						header: "alert tls any any -> any any",
						detection: `flow:established,to_server; tls.sni; ${exact}`,
					},
					{
						key: `http:${value.value}`,
						header: "alert http any any -> any any",
						detection: `flow:established,to_server; http.host; content:"${contentOf(value.value)}"; bsize:${byteLength(value.value)};`,
					},
				];
			}
			case "url": {
				const parts = httpParts(value.value);
				if (typeof parts === "string") return parts;
				return [
					{
						key: `url:${value.value}`,
						header: "alert http any any -> any any",
						detection:
							`flow:established,to_server; http.host; content:"${contentOf(parts.host)}"; bsize:${byteLength(parts.host)}; ` +
							`http.uri; content:"${contentOf(parts.uri)}"; bsize:${byteLength(parts.uri)};`,
					},
				];
			}
			case "ja3":
				return [
					{
						key: `ja3:${value.value}`,
						header: "alert tls any any -> any any",
						detection: `ja3.hash; content:"${value.value}";`,
					},
				];
			default:
				return `not a network value Suricata rules test (${value.kind})`;
		}
	},
};

/** Snort 3. */
export const SNORT: RuleDialect = {
	title: "Snort 3 rules",
	notes: [
		"Snort 3 has no TLS SNI or JA3 rule option: domains are matched in DNS queries and HTTP Host headers only",
		"a DNS rule matches the domain and its sub-domains (the name as the query carries it on the wire)",
	],
	rulesFor(value) {
		switch (value.kind) {
			case "ipv4":
			case "ipv6":
				return [ipRule(value)];
			case "domain":
				return [
					{
						key: `dns:${value.value}`,
						header: "alert udp any any -> any 53",
						detection: `content:"${dnsWireContent(value.value)}",nocase;`,
					},
					{
						key: `http:${value.value}`,
						header: "alert http",
						detection: `http_header:field host; content:"${contentOf(value.value)}",nocase; bufferlen:${byteLength(value.value)};`,
					},
				];
			case "url": {
				const parts = httpParts(value.value);
				if (typeof parts === "string") return parts;
				return [
					{
						key: `url:${value.value}`,
						header: "alert http",
						detection:
							`http_header:field host; content:"${contentOf(parts.host)}",nocase; bufferlen:${byteLength(parts.host)}; ` +
							`http_uri; content:"${contentOf(parts.uri)}"; bufferlen:${byteLength(parts.uri)};`,
					},
				];
			}
			case "ja3":
				return "Snort 3 has no JA3 rule option";
			default:
				return `not a network value Snort rules test (${value.kind})`;
		}
	},
};

/**
 * An address or block: to it when the pattern names a destination (`dst_ref`), from it for a source (`src_ref`),
 * else either way (`<>`).
 */
function ipRule(value: FoundObservable): RuleSpec {
	const address = value.value;
	const header = value.path.includes("src_ref")
		? `alert ip ${address} any -> any any`
		: value.path.includes("dst_ref")
			? `alert ip any any -> ${address} any`
			: `alert ip any any <> ${address} any`;
	return { key: `ip:${address}`, header, detection: "" };
}

/** An http(s) URL's host and request target (path and query) as a request carries them. */
function httpParts(url: string): { host: string; uri: string } | string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return "a URL that does not parse";
	}
	if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
		return `a ${parsed.protocol.slice(0, -1)} URL (rules test HTTP requests)`;
	const host = parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname;
	return { host, uri: `${parsed.pathname}${parsed.search}` };
}
