// MISP's regex entries: PCRE written between delimiters with flags (`/^abuse@/i`), read and compiled for a
// linear-time engine, so no list can make matching a value take more than a bounded, linear amount of work.

/** A compiled regex entry: whether it matches anywhere in a value. */
export type RegexTest = (value: string) => boolean;

/** Flags whose meaning a one-line value cannot see (m, s, D: newlines and a final newline; u, U: no effect on
 * whether a value matches); `i` folds case; any other is refused. */
const HARMLESS_FLAGS = new Set(["m", "s", "D", "u", "U"]);

/** Closing delimiters of the bracket pairs PCRE accepts. */
const CLOSING: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/** A regex entry read: its pattern, and whether it ignores case. */
export interface MispRegex {
	pattern: string;
	ignoreCase: boolean;
}

/**
 * Reads `/pattern/flags` (any non-alphanumeric delimiter, or a bracket pair), or says what is wrong with it.
 * @example readMispRegex("/^(security|abuse)\\@.*$/i") // { pattern: "^(security|abuse)\\@.*$", ignoreCase: true }
 */
export function readMispRegex(entry: string): MispRegex | { error: string } {
	const open = entry[0];
	if (open === undefined || /[\p{L}\p{N}\\\s]/u.test(open)) {
		return { error: "a MISP regex is written between delimiters, with flags after: /^abuse@/i" };
	}
	const close = CLOSING[open] ?? open;
	const end = entry.lastIndexOf(close);
	if (end < 1) return { error: `the closing delimiter ${close} is missing: write /pattern/flags` };
	const flags = entry.slice(end + 1);
	for (const flag of flags) {
		if (flag !== "i" && !HARMLESS_FLAGS.has(flag)) {
			return { error: `flag '${flag}' is not supported (only i, m, s, u, D and U are): remove it` };
		}
	}
	return { pattern: entry.slice(1, end), ignoreCase: flags.includes("i") };
}

/**
 * Compiles a regex entry for matching, or says why it cannot be.
 * Until the linear-time engine of STIX pattern evaluation (issue 12, item 4) is on this node, no regex entry is
 * accepted: a backtracking engine would let a list hang the event loop (`.*.*.*x` takes minutes on 1,000 characters).
 */
export function compileRegexEntry(entry: string): RegexTest | { error: string } {
	const read = readMispRegex(entry);
	if ("error" in read) return read;
	return {
		error:
			"regex lists wait for the node's linear-time regex engine (issue 12, item 4); until then use a string, substring or hostname list",
	};
}
