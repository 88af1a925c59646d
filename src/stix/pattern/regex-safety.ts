// Bounds MATCHES regexes: they must be valid PCRE (§9.6.1) and avoid shapes known to backtrack exponentially.
import { pcreSyntaxError } from "./pcre-syntax.ts";

/** Longest regex accepted in a MATCHES constant. */
export const MAX_REGEX_LENGTH = 1024;
/** Largest count accepted in `{n}`, `{n,}`, `{n,m}`. */
export const MAX_REGEX_REPEAT = 1000;

/** One atom of a regex with its quantifier; groups keep their alternatives. */
interface Item {
	text: string;
	min: number;
	max: number;
	/** Anchors and lookarounds: they consume nothing. */
	zeroWidth: boolean;
	/** A group or backreference: treated as able to match anything. */
	opaque: boolean;
	/** The group or this atom repeats a variable number of times (`*`, `+`, `{n,m}` with n < m, but not `?`). */
	variable: boolean;
	/** For a group, the items of each alternative. */
	alternatives?: Item[][];
}

interface Frame {
	start: number;
	alternatives: Item[][];
	items: Item[];
	lookaround: boolean;
}

/**
 * Checks a MATCHES regex (§9.6.1: PCRE, DOTALL, search). Returns a message for the first problem, or
 * null. The shape check is a heuristic: it rejects a repeated group whose body can end in more than
 * one way (`(a+)+`, `(\w+\s?)*`, `(.*a)+`) or whose alternatives overlap (`(a|a)*`, `(\w|\d)+`,
 * `(a|aa)*`), and accepts separated repetition such as `([a-z0-9]+\.)+`.
 */
export function checkRegex(source: string): string | null {
	if (source.length > MAX_REGEX_LENGTH) {
		return `regular expression is ${source.length} characters long; the limit is ${MAX_REGEX_LENGTH}`;
	}
	// PCRE's syntax, not JavaScript's: (?i), (?x) comments, possessive quantifiers, atomic groups are valid.
	const syntax = pcreSyntaxError(source);
	if (syntax !== null) return `regular expression is not valid PCRE: ${syntax}`;
	return checkShape(source);
}

function checkShape(source: string): string | null {
	const stack: Frame[] = [{ start: 0, alternatives: [], items: [], lookaround: false }];
	const cache: Charsets = new Map();
	let i = 0;
	while (i < source.length) {
		const frame = stack[stack.length - 1] as Frame;
		const ch = source[i] as string;
		const start = i;
		if (ch === "\\") {
			i = escapeEnd(source, i);
			const text = source.slice(start, i);
			const zeroWidth = text === "\\b" || text === "\\B";
			const opaque = /^\\([1-9]|k<)/.test(text);
			frame.items.push({ text, min: 1, max: 1, zeroWidth, opaque, variable: false });
		} else if (ch === "[") {
			i = classEnd(source, i);
			frame.items.push({
				text: source.slice(start, i),
				min: 1,
				max: 1,
				zeroWidth: false,
				opaque: false,
				variable: false,
			});
		} else if (ch === "(" && source.startsWith("(?#", i)) {
			i = source.indexOf(")", i) + 1 || source.length; // a comment: nothing to repeat
		} else if (ch === "(") {
			const prefix = /^\(\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)?/.exec(source.slice(i, i + 64))?.[0] ?? "(";
			const lookaround = /^\(\?(=|!|<=|<!)$/.test(prefix);
			stack.push({ start: i, alternatives: [], items: [], lookaround });
			i += prefix.length;
		} else if (ch === ")" && stack.length === 1) {
			i++; // only in a (?x) comment: the syntax check has matched every real parenthesis
		} else if (ch === ")") {
			stack.pop();
			frame.alternatives.push(frame.items);
			i++;
			const variable = frame.alternatives.some((alt) => alt.some((item) => item.variable));
			const text = source.slice(frame.start, i);
			const alternatives = frame.alternatives;
			(stack[stack.length - 1] as Frame).items.push({
				text,
				min: 1,
				max: 1,
				zeroWidth: frame.lookaround,
				opaque: true,
				variable,
				alternatives,
			});
		} else if (ch === "|") {
			frame.alternatives.push(frame.items);
			frame.items = [];
			i++;
		} else if (
			ch === "*" ||
			ch === "+" ||
			ch === "?" ||
			(ch === "{" && /^\{\d+(,\d*)?\}/.test(source.slice(i)))
		) {
			const q = quantifier(source, i);
			i = q.end;
			if (q.min > MAX_REGEX_REPEAT || (q.max !== Number.POSITIVE_INFINITY && q.max > MAX_REGEX_REPEAT)) {
				return `repetition count in '${source.slice(start, i)}' exceeds the limit of ${MAX_REGEX_REPEAT}`;
			}
			const last = frame.items[frame.items.length - 1];
			if (last === undefined) continue;
			last.min = q.min;
			last.max = q.max;
			const repeats = q.max > 1 && q.max !== q.min;
			last.variable ||= repeats;
			if (repeats && last.alternatives !== undefined) {
				const problem = groupProblem(last.alternatives, `${last.text}${source.slice(start, i)}`, cache);
				if (problem) return problem;
			}
		} else {
			i++;
			const zeroWidth = ch === "^" || ch === "$";
			frame.items.push({ text: ch, min: 1, max: 1, zeroWidth, opaque: false, variable: false });
		}
	}
	return null;
}

function escapeEnd(source: string, i: number): number {
	const next = source[i + 1];
	if (next === "x") return i + 4;
	if (next === "u") return i + 6;
	if (next === "c") return i + 3;
	if (next === "k" && source[i + 2] === "<") return source.indexOf(">", i) + 1 || source.length;
	if (next !== undefined && /[1-9]/.test(next)) {
		let j = i + 2;
		while (/[0-9]/.test(source[j] ?? "")) j++;
		return j;
	}
	return i + 2;
}

function classEnd(source: string, i: number): number {
	let j = i + 1;
	if (source[j] === "^") j++;
	while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
	return j + 1;
}

function quantifier(source: string, i: number): { min: number; max: number; end: number } {
	const ch = source[i];
	let min = 0;
	let max = Number.POSITIVE_INFINITY;
	let end = i + 1;
	if (ch === "+") min = 1;
	else if (ch === "?") max = 1;
	else if (ch === "{") {
		const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) as RegExpExecArray;
		min = Number(m[1]);
		max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
		end = i + m[0].length;
	}
	if (source[end] === "?") end++;
	return { min, max, end };
}

/** Why a group repeated a variable number of times may backtrack exponentially, or null. */
function groupProblem(alternatives: Item[][], shown: string, cache: Charsets): string | null {
	const catastrophic = `'${shown}' can take exponential time to match (catastrophic backtracking)`;
	for (const items of alternatives) {
		const consuming = items.filter((item) => !item.zeroWidth);
		const variable = consuming.filter((item) => item.variable);
		if (variable.length === 0) continue;
		const trailing = [...consuming].reverse().find((item) => item.min >= 1);
		if (trailing === undefined || trailing.variable) return `nested repetition: ${catastrophic}`;
		if (variable.some((item) => overlaps(item, trailing, cache))) return `nested repetition: ${catastrophic}`;
	}
	const singles = alternatives.map((alt) => alt.map((item) => item.text).join("")).slice(0, 32);
	for (let a = 0; a < singles.length; a++) {
		for (let b = a + 1; b < singles.length; b++) {
			const x = singles[a] as string;
			const y = singles[b] as string;
			const [short, long] = x.length <= y.length ? [x, y] : [y, x];
			const repeated =
				short !== "" && long.length % short.length === 0 && long === short.repeat(long.length / short.length);
			const one = alternatives[a]?.length === 1 && alternatives[b]?.length === 1;
			const sameChar = one && overlaps(alternatives[a]?.[0] as Item, alternatives[b]?.[0] as Item, cache);
			if (repeated || sameChar) return `overlapping alternatives '${x}' and '${y}': ${catastrophic}`;
		}
	}
	return null;
}

// ASCII and a few characters beyond it that classes commonly single out.
const SAMPLES: readonly string[] = [
	...Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)),
	...["\u0085", "\u00a0", "\u00e9", "\u0100", "\u0400", "\u2028", "\u3000", "\u4e00", "\ufeff"],
];

/** Which samples an atom matches, computed once per distinct atom text in a regex. */
type Charsets = Map<string, boolean[]>;

/** Whether two atoms can match the same character, by sampling; groups and backreferences match anything. */
function overlaps(a: Item, b: Item, cache: Charsets): boolean {
	if (a.opaque || b.opaque) return true;
	const x = charset(a.text, cache);
	const y = charset(b.text, cache);
	return x.some((hit, i) => hit && y[i]);
}

function charset(text: string, cache: Charsets): boolean[] {
	let set = cache.get(text);
	if (set === undefined) {
		const re = new RegExp(`^(?:${text})$`, "s");
		set = SAMPLES.map((s) => re.test(s));
		cache.set(text, set);
	}
	return set;
}
