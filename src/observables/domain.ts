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
	const shape = asciiShape(name);
	if (shape === "non-ascii") {
		const ascii = domainToASCII(name);
		if (ascii === "")
			return {
				error:
					"it is not a valid internationalised domain name (IDNA): check for spaces, symbols or a misplaced dot",
			};
		name = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
	} else if (shape === "upper") {
		name = name.toLowerCase();
	}
	const problem = labelProblem(name);
	return problem === undefined ? name : { error: kindHint(name) ?? problem };
}

/** A clearer refusal for a value of another kind given as a domain (only computed when refusing). */
function kindHint(name: string): string | undefined {
	if (name.includes("://")) return "it is a URL: use kind url, or give only its host (evil.example)";
	if (name.includes("@")) return "it is an e-mail address: use kind email, or give only the part after the @";
	return undefined;
}

/** Whether a name is plain ASCII ("lower" when already lower case), so the IDNA step can be skipped. */
function asciiShape(name: string): "lower" | "upper" | "non-ascii" {
	let upper = false;
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		if (c > 127) return "non-ascii";
		if (c >= 65 && c <= 90) upper = true;
	}
	return upper ? "upper" : "lower";
}

/** The first rule a lower-case ASCII name breaks, or undefined. One pass, no regex. */
function labelProblem(name: string): string | undefined {
	if (name.length > MAX_DOMAIN_LENGTH) return tooLong(name.length).error;
	let labelStart = 0;
	let allDigits = true;
	for (let i = 0; i <= name.length; i++) {
		const c = i === name.length ? 46 : name.charCodeAt(i);
		if (c === 46) {
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
		} else if (c >= 48 && c <= 57) {
			// a digit keeps allDigits as it is
		} else if ((c >= 97 && c <= 122) || c === 45 || c === 95) {
			allDigits = false;
		} else {
			return c === 42
				? "a wildcard is a pattern, not a domain: write the domain it covers (*.example.com → example.com)"
				: `the character ${JSON.stringify(name[i])} is not allowed in a domain name (letters, digits, "-", "_" and dots only)`;
		}
	}
	return undefined;
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
