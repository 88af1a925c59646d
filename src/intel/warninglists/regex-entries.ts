// MISP's regex entries: PCRE written between delimiters with flags (`/^abuse@/i`), read and compiled for a
// linear-time engine, so no list can make matching a value take more than a bounded, linear amount of work.
import {
	Budget,
	BudgetExceeded,
	compileRegex,
	RegexSyntaxError,
	runRegex,
} from "../../stix/pattern/evaluate/index.ts";

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
 * The work one regex entry may do on one value, in engine steps (one thread on one character): a 1,000-instruction
 * program over a 1 KiB value. A check that would need more stops there and the entry does not match that value:
 * a hit only ever flags, and the node stays responsive whatever a list holds.
 */
const STEPS_PER_VALUE = 1_000_000;

/**
 * Compiles a regex entry for the linear-time engine of STIX pattern evaluation (a Pike VM: work grows with the
 * value's length times the program's, never exponentially), or says why it cannot be: a construct only a
 * backtracking engine runs (backreferences, lookaround, atomic groups), a program too large, a bad delimiter or flag.
 * @example compileRegexEntry("/^(security|abuse)\\@.*$/i")("Abuse@example.com") // true
 */
export function compileRegexEntry(entry: string): RegexTest | { error: string } {
	const read = readMispRegex(entry);
	if ("error" in read) return read;
	let compiled: ReturnType<typeof compileRegex>;
	try {
		compiled = compileRegex(read.ignoreCase ? `(?i)${read.pattern}` : read.pattern);
	} catch (error) {
		if (error instanceof RegexSyntaxError) return { error: error.message };
		throw error;
	}
	return (value) => {
		try {
			return runRegex(compiled, value, new Budget(STEPS_PER_VALUE));
		} catch (error) {
			if (error instanceof BudgetExceeded) return false;
			throw error;
		}
	};
}
