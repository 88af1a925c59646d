// What one trimmed, refanged token is: an observable kind (to be normalised), a reference (CVE, ATT&CK
// technique), or nothing. Each test is a small anchored expression over one token, never over the text.
import ipaddr from "ipaddr.js";
import type { ObservableKind } from "../kinds.ts";
import { domainOrFile } from "./domain-or-file.ts";

/** Identifiers analysts cite that are not observables: they name knowledge, not things seen on a network. */
export type ReferenceKind = "cve" | "attack-technique";

export type TokenClass =
	| { kind: ObservableKind; candidate: string }
	| { reference: ReferenceKind; candidate: string };

const URL_SCHEME = /^(?:https?|ftps?|sftp|wss?):\/\/[^/\s]/i;
const REGISTRY =
	/^(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)|HKLM|HKCU|HKCR|HKU|HKCC)\\./i;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@([^@\s]{4,253})$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?(?::\d{1,5})?$/;
const IPV6_SHAPE = /^[0-9A-Fa-f:.]{3,45}(\/\d{1,3})?$/;
const HEX = /^[0-9A-Fa-f]+$/;
const HASH_BY_LENGTH: Readonly<Record<number, ObservableKind>> = {
	32: "md5",
	40: "sha1",
	64: "sha256",
	128: "sha512",
};
const ASN = /^ASN?(\d{1,10})$/i;
const CVE = /^CVE-\d{4}-\d{4,7}$/i;
const TECHNIQUE = /^T\d{4}(?:\.\d{3})?$/;
const PORT = /:\d{1,5}$/;
/** Ethereum, bech32 segwit (bc1…, ltc1…) and Base58 (Bitcoin, Litecoin, …) shapes; normalise checks the checksums. */
const WALLET =
	/^(?:0x[0-9A-Fa-f]{40}|(?:bc|tb|ltc|tltc)1[02-9ac-hj-np-z]{11,71}|[1-9A-HJ-NP-Za-km-z]{25,35})$/;

/** The class of `value` (trimmed and refanged); `defanged` when the writer defanged it. */
export function classifyToken(value: string, defanged: boolean): TokenClass | undefined {
	if (URL_SCHEME.test(value)) return { kind: "url", candidate: value };
	if (REGISTRY.test(value)) return { kind: "registry-key", candidate: value };
	if (value.includes("@")) return emailOf(value);
	return addressOf(value) ?? identifierOf(value) ?? nameOf(value, defanged);
}

/** An address whose domain has a public suffix. A message id (<id@host>) has the same shape and is kept too. */
function emailOf(value: string): TokenClass | undefined {
	const match = EMAIL.exec(value);
	if (match === null || domainOrFile(match[1] ?? "", true) !== "domain") return undefined;
	return { kind: "email", candidate: value };
}

/** IPv4 (a port dropped, a CIDR kept) and IPv6 addresses and blocks. */
function addressOf(value: string): TokenClass | undefined {
	const first = value.charCodeAt(0);
	if (first >= 0x30 && first <= 0x39) {
		const match = IPV4.exec(value);
		if (match !== null) {
			const octets = [match[1], match[2], match[3], match[4]].map(Number);
			if (octets.every((octet) => octet <= 255) && Number((match[5] ?? "/0").slice(1)) <= 32)
				return { kind: "ipv4", candidate: `${octets.join(".")}${match[5] ?? ""}` };
		}
	}
	if (!value.includes(":") || !IPV6_SHAPE.test(value)) return undefined;
	const [address = "", prefix] = value.split("/");
	if (address.indexOf(":") === address.lastIndexOf(":") || !ipaddr.IPv6.isValid(address)) return undefined;
	if (!/[0-9A-Fa-f]/.test(address) || (prefix !== undefined && Number(prefix) > 128)) return undefined;
	return { kind: "ipv6", candidate: value };
}

/** Hashes by length, ASNs, CVE and technique ids, wallets: tokens without dots. */
function identifierOf(value: string): TokenClass | undefined {
	const hash = HASH_BY_LENGTH[value.length];
	if (hash !== undefined && HEX.test(value)) return { kind: hash, candidate: value };
	const first = value.charCodeAt(0) | 0x20;
	if (first === 0x61 && ASN.test(value)) return { kind: "asn", candidate: value };
	if (first === 0x63 && CVE.test(value)) return { reference: "cve", candidate: value.toUpperCase() };
	if (value.charCodeAt(0) === 0x54 && TECHNIQUE.test(value))
		return { reference: "attack-technique", candidate: value };
	if (value.length >= 25 && value.length <= 90 && WALLET.test(value))
		return { kind: "wallet", candidate: value };
	return undefined;
}

/**
 * Domains and file names. A path keeps its last part ("C:\Temp\a.exe" → a.exe, "/tmp/x.sh" → x.sh) unless it
 * starts with a domain ("evil.com/gate.php" without a scheme names the domain evil.com); a port is dropped.
 */
function nameOf(value: string, defanged: boolean): TokenClass | undefined {
	if (!value.includes(".")) return undefined;
	const slash = value.indexOf("/");
	if (slash > 0) {
		const head = value.slice(0, slash).replace(PORT, "");
		if (domainOrFile(head, defanged) === "domain") return { kind: "domain", candidate: head };
	}
	const name = value.slice(Math.max(value.lastIndexOf("\\"), value.lastIndexOf("/")) + 1).replace(PORT, "");
	if (name.length < 3) return undefined;
	const kind = domainOrFile(name, defanged);
	return kind === undefined ? undefined : { kind, candidate: name };
}
