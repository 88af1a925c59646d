// Domains by their labels reversed ("a.evil.com" → "com.evil.a"), so a domain's sub-domains are one key range.
import { SortedKeys } from "./sorted-keys.ts";

/** "a.evil.com" → "com.evil.a". */
export function reversedLabels(domain: string): string {
	// One flat string (join), not slices appended with +=: the run keeps these keys, and a rope of slices costs a
	// header per piece and keeps the caller's string alive (one 1M run: 263 bytes an indicator against 251–256).
	return domain.split(".").reverse().join(".");
}

/**
 * `reversedLabels` for a key that is only compared, never kept: one pass from the end appending slices, with no
 * arrays (a sub-domain lookup pays this on every query; a kept key must be flat, see above).
 */
function reversedForQuery(domain: string): string {
	let end = domain.length;
	let dot = domain.lastIndexOf(".");
	if (dot < 0) return domain;
	let reversed = domain.slice(dot + 1, end);
	while (dot >= 0) {
		end = dot;
		// lastIndexOf clamps a negative start to 0, which would find a leading dot again.
		dot = end === 0 ? -1 : domain.lastIndexOf(".", end - 1);
		reversed += `.${domain.slice(dot + 1, end)}`;
	}
	return reversed;
}

/** The domains that a domain is below: "a.b.evil.com" → ["b.evil.com", "evil.com", "com"]. */
export function parentsOf(domain: string): string[] {
	const parents: string[] = [];
	for (let dot = domain.indexOf("."); dot >= 0; dot = domain.indexOf(".", dot + 1))
		parents.push(domain.slice(dot + 1));
	return parents;
}

/** Indexed domains (value ordinals) scanned by sub-domain. */
export class DomainTree {
	// Heads kept: every sub-domain lookup searches this run (16 bytes a domain; the labels run is read too rarely).
	readonly #ordered = new SortedKeys<string>({ heads: true });

	add(domain: string, ordinal: number, bulk = false): void {
		if (bulk) this.#ordered.addUnsorted(reversedLabels(domain), ordinal);
		else this.#ordered.add(reversedLabels(domain), ordinal);
	}

	/** Sorts what a rebuild appended. */
	seal(): void {
		this.#ordered.seal();
	}

	remove(domain: string, ordinal: number): void {
		this.#ordered.remove(reversedLabels(domain), ordinal);
	}

	/** Every indexed domain strictly below `domain`, in reversed-label order, until `visit` returns false. */
	subdomains(domain: string, visit: (ordinal: number) => boolean): void {
		this.#ordered.scanPrefix(`${reversedForQuery(domain)}.`, visit);
	}
}
