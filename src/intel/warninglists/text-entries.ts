// The entries of string, substring and hostname lists, folded so a lookup is one Map probe (string), one probe per
// label (hostname), or one scan (substring). Warninglists compare without case: MISP's own lists mix it (TLDs in
// capitals, hashes in lower case), and a flag on a value that differs only in case costs an analyst nothing.

/** An entry as compared: lower case, and for a host name without a leading `*.`/`.` or a trailing dot. */
export function foldEntry(entry: string, hostname: boolean): string {
	const lower = entry.trim().toLowerCase();
	if (!hostname) return lower;
	let start = 0;
	let end = lower.length;
	if (lower.startsWith("*.")) start = 2;
	else if (lower.startsWith(".")) start = 1;
	if (lower.endsWith(".")) end--;
	return lower.slice(start, end);
}

/**
 * Entries of many lists by folded text (string lists look a value up, hostname lists a host and its parents), each
 * naming the positions of the lists that hold it: one number, or several when lists share an entry.
 */
export class EntryTable {
	readonly #entries = new Map<string, number | number[]>();

	add(key: string, list: number): void {
		const found = this.#entries.get(key);
		if (found === undefined) this.#entries.set(key, list);
		else if (typeof found === "number") {
			if (found !== list) this.#entries.set(key, [found, list]);
		} else if (!found.includes(list)) found.push(list);
	}

	/** The positions of the lists holding `key`: one, several, or undefined. */
	lookup(key: string): number | readonly number[] | undefined {
		return this.#entries.get(key);
	}

	get size(): number {
		return this.#entries.size;
	}
}

/** The host of a URL in normal form (`scheme://[user@]host[:port]/…`), or undefined. */
export function hostOfUrl(url: string): string | undefined {
	const scheme = url.indexOf("://");
	if (scheme === -1) return undefined;
	let start = scheme + 3;
	let end = url.length;
	for (let i = start; i < url.length; i++) {
		const ch = url.charCodeAt(i);
		// "/", "?", "#" end the authority.
		if (ch === 0x2f || ch === 0x3f || ch === 0x23) {
			end = i;
			break;
		}
	}
	const at = url.lastIndexOf("@", end);
	if (at >= start) start = at + 1;
	let host = url.slice(start, end);
	if (host.startsWith("[")) return undefined; // an IPv6 literal: not a host name
	const colon = host.indexOf(":");
	if (colon !== -1) host = host.slice(0, colon);
	return host === "" ? undefined : host.toLowerCase();
}

/** The domain of an e-mail address, or undefined. */
export function domainOfEmail(email: string): string | undefined {
	const at = email.lastIndexOf("@");
	return at === -1 || at === email.length - 1 ? undefined : email.slice(at + 1).toLowerCase();
}
