// What sort of value an observable is, its one normal form as a pair, and the key the index files it under.

/** Every kind of observable value Entente normalises, one normal form each (docs/decisions.md D45). */
export const OBSERVABLE_KINDS = [
	"ipv4",
	"ipv6",
	"domain",
	"url",
	"email",
	"md5",
	"sha1",
	"sha256",
	"sha512",
	"ssdeep",
	"tlsh",
	"filename",
	"asn",
	"mutex",
	"registry-key",
	"user-agent",
	"ja3",
	"ja4",
	"wallet",
] as const;

/**
 * `ipv4`/`ipv6` hold an address or a CIDR block ("10.0.0.1", "10.0.0.0/8": host bits cleared, /32 and /128
 * written bare).
 */
export type ObservableKind = (typeof OBSERVABLE_KINDS)[number];

/** A value in its one normal form; equal values are equal strings. */
export interface Observable {
	kind: ObservableKind;
	value: string;
}

const KIND_SET: ReadonlySet<string> = new Set(OBSERVABLE_KINDS);

/** Whether a string names an observable kind (for input read from a request or a file). */
export function isObservableKind(text: string): text is ObservableKind {
	return KIND_SET.has(text);
}

/**
 * `${kind}:${value}` — the index key; one per normal form.
 * @example observableKey({ kind: "ipv4", value: "198.51.100.7" }) // "ipv4:198.51.100.7"
 */
export function observableKey(o: Observable): string {
	return `${o.kind}:${o.value}`;
}
