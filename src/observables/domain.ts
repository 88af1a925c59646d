// Domain names: one normal form (lower-case A-labels, no trailing dot), checked label by label.
import { domainToASCII } from "node:url";
import { getDomain } from "tldts";

/** RFC 1035 §2.3.4: 253 octets written (255 on the wire), 63 per label. */
export const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

/** Private suffixes count; hostname syntax is ours to check (tldts would refuse `abc-.blogspot.com`). */
export const TLDTS_OPTIONS = { allowPrivateDomains: true, validateHostname: false } as const;

/**
 * The normal form of a domain name, or a sentence saying why it is none. Lower case; one trailing dot dropped;
 * Unicode labels become punycode A-labels (IDNA/UTS #46 mapping, Node's `domainToASCII`). Labels are letters,
 * digits, `-` and `_` (underscores and edge hyphens are not hostname syntax but occur in real malicious names,
 * e.g. `_dmarc.` or `abc-.blogspot.com`, so refusing them would lose indicators); the last label is not all
 * digits, so an IPv4 address is never a domain. An ASCII value already in normal form is returned as is.
 */
export function normalDomain(text: string): string | { error: string } {
	let name = text.endsWith(".") ? text.slice(0, -1) : text;
	if (name.length === 0) return { error: "it is empty" };
	if (name.length > 4 * MAX_DOMAIN_LENGTH) return tooLong(name.length);
	let scan = scanName(name);
	if (scan === NON_ASCII) {
		const ascii = domainToASCII(name);
		if (ascii === "")
			return {
				error:
					"it is not a valid internationalised domain name (IDNA): check for spaces, symbols or a misplaced dot",
			};
		name = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
		scan = scanName(name);
	}
	if (typeof scan === "string") return { error: kindHint(name) ?? scan };
	return scan === UPPER ? name.toLowerCase() : name;
}

/** A clearer refusal for a value of another kind given as a domain (only computed when refusing). */
function kindHint(name: string): string | undefined {
	if (name.includes("://")) return "it is a URL: use kind url, or give only its host (evil.example)";
	if (name.includes("@")) return "it is an e-mail address: use kind email, or give only the part after the @";
	return undefined;
}

const LOWER = 0;
const UPPER = 1;
const NON_ASCII = 2;

/** Per ASCII code: 1 digit, 2 lower-case letter, `-` or `_`, 3 upper-case letter, 4 dot, 0 not allowed. */
const NAME_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) NAME_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) NAME_CLASS[c] = 2;
for (let c = 65; c <= 90; c++) NAME_CLASS[c] = 3;
NAME_CLASS[45] = 2;
NAME_CLASS[95] = 2;
NAME_CLASS[46] = 4;

/**
 * One pass over a name: LOWER or UPPER (valid, upper-case letters seen), NON_ASCII (IDNA must map it first),
 * or the first rule it breaks. No regex.
 */
function scanName(name: string): typeof LOWER | typeof UPPER | typeof NON_ASCII | string {
	let upper = false;
	let labelStart = 0;
	let allDigits = true;
	for (let i = 0; i <= name.length; i++) {
		const c = i === name.length ? 46 : name.charCodeAt(i);
		if (c > 127) return NON_ASCII;
		const kind = NAME_CLASS[c] as number;
		if (kind === 4) {
			const length = i - labelStart;
			if (length === 0)
				return i === 0
					? "it starts with a dot: remove it"
					: "it has an empty label (two dots in a row): remove one";
			if (length > MAX_LABEL_LENGTH)
				return `the label "${name.slice(labelStart, labelStart + 20)}…" is ${length} octets long; DNS allows at most ${MAX_LABEL_LENGTH}`;
			if (i === name.length && allDigits)
				return "its last label is all digits: write an IP address as kind ipv4";
			labelStart = i + 1;
			allDigits = true;
		} else if (kind === 0) {
			return c === 42
				? "a wildcard is a pattern, not a domain: write the domain it covers (*.example.com → example.com)"
				: `the character ${JSON.stringify(name[i])} is not allowed in a domain name (letters, digits, "-", "_" and dots only)`;
		} else if (kind !== 1) {
			allDigits = false;
			if (kind === 3) upper = true;
		}
	}
	if (name.length > MAX_DOMAIN_LENGTH) return tooLong(name.length).error;
	return upper ? UPPER : LOWER;
}

function tooLong(length: number): { error: string } {
	return { error: `it is ${length} characters long; a domain name has at most ${MAX_DOMAIN_LENGTH}` };
}

/**
 * The registrable domain (the public suffix plus one label), counting private suffixes such as
 * `duckdns.org` or `blogspot.com` as suffixes, since each name under them has its own owner. undefined
 * for a public suffix itself or a value that is not a domain.
 * @example registrableDomain("a.b.evil.co.uk") // "evil.co.uk"
 */
export function registrableDomain(domain: string): string | undefined {
	return getDomain(domain, TLDTS_OPTIONS) ?? undefined;
}

/**
 * The parents of a domain, nearest first, down to its registrable domain (not above it: `co.uk` is nobody's).
 * Empty for a registrable domain itself or a name with no registrable domain.
 * @example parentDomains("a.b.evil.co.uk") // ["b.evil.co.uk", "evil.co.uk"]
 */
export function parentDomains(domain: string): string[] {
	const registrable = registrableDomain(domain);
	if (registrable === undefined || registrable.length >= domain.length) return [];
	const parents: string[] = [];
	let dot = domain.indexOf(".");
	while (dot !== -1 && domain.length - dot - 1 >= registrable.length) {
		parents.push(domain.slice(dot + 1));
		dot = domain.indexOf(".", dot + 1);
	}
	return parents;
}
