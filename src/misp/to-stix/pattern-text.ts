// Pieces of STIX patterns as MISP's exporter writes them: quoted values, quoted path segments.

/** A value inside single quotes: backslash and quote escaped (STIX 2.1 §9.3). */
export function quoted(value: string): string {
	return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

const KEYWORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A property path segment, quoted when it is not a bare word (`hashes.'SHA-256'`, `hashes.MD5`). */
export function segment(name: string): string {
	return KEYWORD.test(name) ? name : `'${name}'`;
}

/** `[a AND b …]`: one observation of one object. */
export function observation(comparisons: readonly string[]): string {
	return `[${comparisons.join(" AND ")}]`;
}
