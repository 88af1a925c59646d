// Parses the PCRE subset that a linear-time engine can run (§9.6.1: MATCHES takes PCRE, DOTALL, searched).

/** A set of code points as sorted, disjoint, inclusive ranges. */
export type Ranges = readonly (readonly [number, number])[];

export type RegexNode =
	| { kind: "empty" }
	| { kind: "set"; ranges: Ranges }
	| { kind: "assert"; what: AssertKind }
	| { kind: "concat"; items: RegexNode[] }
	| { kind: "alternation"; items: RegexNode[] }
	| { kind: "repeat"; node: RegexNode; min: number; max: number };

/** `^`/`\A` start, `$`/`\Z` end or before a final newline, `\z` end, `\b`, `\B`. */
export type AssertKind = "start" | "end-or-newline" | "end" | "word" | "not-word";

/** Thrown with a message naming the construct and, where there is one, the alternative. */
export class RegexSyntaxError extends Error {}

/** Largest count accepted in `{n}`, `{n,}`, `{n,m}` (as the parser's regex check). */
export const MAX_REPEAT = 1000;

const MAX_CODE_POINT = 0x10ffff;
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [
	[0x30, 0x39],
	[0x41, 0x5a],
	[0x5f, 0x5f],
	[0x61, 0x7a],
];
// PCRE2's \s: space, \t \n \v \f \r.
const SPACE: Ranges = [
	[0x09, 0x0d],
	[0x20, 0x20],
];
const VERTICAL: Ranges = [
	[0x0a, 0x0d],
	[0x85, 0x85],
	[0x2028, 0x2029],
];
const HORIZONTAL: Ranges = [
	[0x09, 0x09],
	[0x20, 0x20],
	[0xa0, 0xa0],
	[0x1680, 0x1680],
	[0x180e, 0x180e],
	[0x2000, 0x200a],
	[0x202f, 0x202f],
	[0x205f, 0x205f],
	[0x3000, 0x3000],
];
const ANY: Ranges = [[0, MAX_CODE_POINT]];

/** Sorts and merges ranges. */
export function normalise(ranges: readonly (readonly [number, number])[]): Ranges {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
	const out: [number, number][] = [];
	for (const [lo, hi] of sorted) {
		const last = out[out.length - 1];
		if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
		else out.push([lo, hi]);
	}
	return out;
}

/** Every code point not in `ranges`. */
export function complement(ranges: Ranges): Ranges {
	const out: [number, number][] = [];
	let next = 0;
	for (const [lo, hi] of normalise(ranges)) {
		if (lo > next) out.push([next, lo - 1]);
		next = hi + 1;
	}
	if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
	return out;
}

/** Adds the other case of every letter in `ranges` (simple case folding, as `(?i)`). Bounded: ranges over 4096 code points are taken as they are plus ASCII letters. */
function withOtherCase(ranges: Ranges): Ranges {
	const extra: [number, number][] = [];
	for (const [lo, hi] of ranges) {
		const end = Math.min(hi, lo + 4096);
		for (let c = lo; c <= end; c++) {
			const s = String.fromCodePoint(c);
			for (const variant of [s.toLowerCase(), s.toUpperCase()]) {
				const v = variant.codePointAt(0) as number;
				if (variant.length === String.fromCodePoint(v).length && v !== c) extra.push([v, v]);
			}
		}
	}
	return normalise([...ranges, ...extra]);
}

/**
 * Parses `source` into a tree, or throws RegexSyntaxError. PCRE's (?x) spacing and comments, (?#…), \Q…\E and
 * POSIX classes are read. Backreferences and lookaround are refused: no linear-time engine can run them (their
 * meaning needs backtracking). An atomic group or possessive quantifier is run as its plain, greedy form only
 * where that provably matches the same texts (see `atomicIsPlain`), and refused otherwise.
 */
export function parseRegex(source: string): RegexNode {
	const parser = new Parser(source);
	const node = parser.alternation();
	if (parser.pos < source.length) throw new RegexSyntaxError(`unmatched ')' at index ${parser.pos}`);
	return node;
}

/** An atomic group or possessive quantifier met while parsing: its plain form and where it was written. */
interface Atomic {
	node: RegexNode;
	at: number;
}

class Parser {
	pos = 0;
	private fold = false;
	/** (?x): whitespace and `#` comments outside classes are not part of the pattern. */
	private extended = false;
	/** Groups open around the current position: an atomic item at depth 0 ending its sequence has nothing after it. */
	private depth = 0;
	private readonly text: string;

	constructor(text: string) {
		this.text = text;
	}

	alternation(): RegexNode {
		const items = [this.concat()];
		while (this.text[this.pos] === "|") {
			this.pos++;
			items.push(this.concat());
		}
		return items.length === 1 ? (items[0] as RegexNode) : { kind: "alternation", items };
	}

	private concat(): RegexNode {
		const items: RegexNode[] = [];
		const atomics = new Map<number, number>(); // item index → where it was written
		while (this.pos < this.text.length && this.text[this.pos] !== "|" && this.text[this.pos] !== ")") {
			if (this.skipExtended()) continue;
			const atom = this.atom();
			if (atom === null) continue;
			const { node, atomic } = this.quantified(atom);
			if (atomic !== undefined) atomics.set(items.length, atomic.at);
			items.push(node);
		}
		for (const [index, at] of atomics) {
			const next = items[index + 1];
			if (!atomicIsPlain(items[index] as RegexNode, next, next === undefined && this.depth === 0))
				throw atomicRefused(at);
		}
		if (items.length === 0) return { kind: "empty" };
		return items.length === 1 ? (items[0] as RegexNode) : { kind: "concat", items };
	}

	/** Skips whitespace or a `#` comment in (?x) mode; true when it skipped something. */
	private skipExtended(): boolean {
		if (!this.extended) return false;
		const c = this.text[this.pos] as string;
		if (/\s/.test(c)) {
			this.pos++;
			return true;
		}
		if (c !== "#") return false;
		const end = this.text.indexOf("\n", this.pos);
		this.pos = end < 0 ? this.text.length : end + 1;
		return true;
	}

	/** The atom with its quantifiers; `atomic` when the last was possessive or the atom an atomic group. */
	private quantified(atom: RegexNode | Atomic): { node: RegexNode; atomic?: Atomic } {
		let node = "at" in atom ? atom.node : atom;
		let atomic = "at" in atom ? atom : undefined;
		for (;;) {
			const at = this.pos;
			const q = this.quantifier();
			if (q === null) return atomic === undefined ? { node } : { node, atomic };
			const next = this.text[this.pos];
			if (next === "?") this.pos++; // lazy: the same set of matches
			// A repeated atomic group commits at every repetition: plain only when its body matches one way.
			if (atomic !== undefined && !matchesOneWay(atomic.node)) throw atomicRefused(atomic.at);
			node = { kind: "repeat", node, min: q.min, max: q.max };
			atomic = undefined;
			if (next === "+") {
				this.pos++;
				atomic = { node, at };
			}
		}
	}

	private quantifier(): { min: number; max: number } | null {
		const c = this.text[this.pos];
		if (c === "*" || c === "+" || c === "?") {
			this.pos++;
			return { min: c === "+" ? 1 : 0, max: c === "?" ? 1 : Number.POSITIVE_INFINITY };
		}
		if (c !== "{") return null;
		const m = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.pos, this.pos + 24));
		if (m === null) return null; // a literal '{', as in PCRE
		const min = Number(m[1]);
		const max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
		if (min > MAX_REPEAT || (Number.isFinite(max) && max > MAX_REPEAT)) {
			throw new RegexSyntaxError(`repetition count in '${m[0]}' exceeds the limit of ${MAX_REPEAT}`);
		}
		if (max < min) throw new RegexSyntaxError(`'${m[0]}': the maximum is below the minimum`);
		this.pos += m[0].length;
		return { min, max };
	}

	/** One atom, or null for a construct that matches nothing and only changes flags (`(?i)`) or comments. */
	private atom(): RegexNode | Atomic | null {
		const c = this.text[this.pos] as string;
		if (c === "(") return this.group();
		if (c === "[") return this.set(this.characterClass());
		if (c === "\\") return this.escape();
		if (c === "*" || c === "+" || c === "?" || (c === "{" && this.quantifierAhead())) {
			throw new RegexSyntaxError(`quantifier '${c}' at index ${this.pos} follows nothing`);
		}
		this.pos++;
		if (c === ".") return { kind: "set", ranges: ANY }; // DOTALL (§9.6.1)
		if (c === "^") return { kind: "assert", what: "start" };
		if (c === "$") return { kind: "assert", what: "end-or-newline" };
		const cp = this.text.codePointAt(this.pos - 1) as number;
		if (cp > 0xffff) this.pos++;
		return this.literal(cp);
	}

	private quantifierAhead(): boolean {
		return /^\{\d+(,\d*)?\}/.test(this.text.slice(this.pos, this.pos + 24));
	}

	private literal(cp: number): RegexNode {
		return this.set([[cp, cp]]);
	}

	private set(ranges: Ranges): RegexNode {
		return { kind: "set", ranges: this.fold ? withOtherCase(ranges) : ranges };
	}

	private group(): RegexNode | Atomic | null {
		const start = this.pos;
		this.pos++;
		const rest = this.text.slice(this.pos, this.pos + 40);
		const outerFold = this.fold;
		const outerExtended = this.extended;
		let atomic = false;
		if (rest.startsWith("?#")) {
			const end = this.text.indexOf(")", this.pos);
			if (end < 0) throw new RegexSyntaxError(`comment opened at index ${start} is not closed`);
			this.pos = end + 1;
			return null;
		}
		if (rest.startsWith("?")) {
			const named = /^\?(P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*')/.exec(rest);
			const flags = /^\?(\^)?([a-zA-Z]*)(?:-([a-zA-Z]*))?(\)|:)/.exec(rest);
			if (named !== null) {
				this.pos += named[0].length;
			} else if (rest.startsWith("?>")) {
				this.pos += 2;
				atomic = true;
			} else if (flags !== null) {
				this.pos += flags[0].length;
				if (flags[1] !== undefined) [this.fold, this.extended] = [false, false]; // (?^): defaults
				this.applyFlags(flags[2] ?? "", flags[3] ?? "", start);
				if (flags[4] === ")") return null; // to the end of the enclosing group, as in PCRE
			} else {
				const what = /^\?(=|!|<=|<!)/.test(rest)
					? "lookaround"
					: rest.startsWith("?P=") ||
							rest.startsWith("?P>") ||
							rest.startsWith("?&") ||
							/^\?[+-]?\d/.test(rest) ||
							rest.startsWith("?R")
						? "a backreference or recursion"
						: rest.startsWith("?(")
							? "a conditional group"
							: "this group syntax";
				throw new RegexSyntaxError(
					`${what} at index ${start} is not supported by the linear-time engine (it needs backtracking)`,
				);
			}
		}
		this.depth++;
		const inner = this.alternation();
		this.depth--;
		if (this.text[this.pos] !== ")")
			throw new RegexSyntaxError(`group opened at index ${start} is not closed`);
		this.pos++;
		this.fold = outerFold;
		this.extended = outerExtended;
		return atomic ? { node: inner, at: start } : inner;
	}

	/** Applies inline flags: i folds case, x spaces the pattern; s (always on), n, J and U change no match. */
	private applyFlags(on: string, off: string, at: number): void {
		for (const [flags, value] of [
			[on, true],
			[off, false],
		] as const) {
			for (const flag of flags) {
				if (flag === "i") this.fold = value;
				else if (flag === "x") this.extended = value;
				else if (flag !== "s" && flag !== "U" && flag !== "n" && flag !== "J")
					throw new RegexSyntaxError(
						`flag '${flag}' at index ${at} is not supported by the linear-time engine; only i, x, s, n, J and U are`,
					);
			}
		}
	}

	private escape(): RegexNode | null {
		const at = this.pos;
		const c = this.text[this.pos + 1];
		if (c === undefined) throw new RegexSyntaxError("pattern ends with a lone backslash");
		this.pos += 2;
		switch (c) {
			case "Q":
				return this.quoted();
			case "E":
				return null; // an \E without \Q is ignored, as in PCRE
			case "b":
				return { kind: "assert", what: "word" };
			case "B":
				return { kind: "assert", what: "not-word" };
			case "A":
				return { kind: "assert", what: "start" };
			case "Z":
				return { kind: "assert", what: "end-or-newline" };
			case "z":
				return { kind: "assert", what: "end" };
		}
		const ranges = this.escapeRanges(c, at);
		return this.set(ranges);
	}

	/** `\Q…\E`: the text up to `\E` (or the end), every character literal. */
	private quoted(): RegexNode {
		const end = this.text.indexOf("\\E", this.pos);
		const text = this.text.slice(this.pos, end < 0 ? this.text.length : end);
		this.pos = end < 0 ? this.text.length : end + 2;
		const items = [...text].map((ch) => this.literal(ch.codePointAt(0) as number));
		if (items.length === 0) return { kind: "empty" };
		return items.length === 1 ? (items[0] as RegexNode) : { kind: "concat", items };
	}

	/** The code points an escape stands for, inside or outside a class. */
	private escapeRanges(c: string, at: number): Ranges {
		const classes: Record<string, Ranges> = {
			d: DIGIT,
			D: complement(DIGIT),
			w: WORD,
			W: complement(WORD),
			s: SPACE,
			S: complement(SPACE),
			v: VERTICAL,
			V: complement(VERTICAL),
			h: HORIZONTAL,
			H: complement(HORIZONTAL),
		};
		const known = classes[c];
		if (known !== undefined) return known;
		const controls: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27, "0": 0 };
		const control = controls[c];
		if (control !== undefined) return [[control, control]];
		if (c === "x" || c === "u") return single(this.hexEscape(c, at));
		if (c === "c") {
			const letter = this.text.charCodeAt(this.pos);
			this.pos++;
			return single(letter ^ 0x40);
		}
		if (/[1-9]/.test(c) || c === "k" || c === "g") {
			throw new RegexSyntaxError(
				`backreference '\\${c}' at index ${at} is not supported by the linear-time engine (it needs backtracking)`,
			);
		}
		if (/[A-Za-z0-9]/.test(c)) {
			throw new RegexSyntaxError(`escape '\\${c}' at index ${at} is not supported by the linear-time engine`);
		}
		const cp = this.text.codePointAt(this.pos - 1) as number;
		if (cp > 0xffff) this.pos++;
		return single(cp);
	}

	private hexEscape(kind: "x" | "u", at: number): number {
		const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.text.slice(this.pos, this.pos + 9));
		const plain = (kind === "x" ? /^[0-9a-fA-F]{2}/ : /^[0-9a-fA-F]{4}/).exec(this.text.slice(this.pos));
		const digits = braced?.[1] ?? plain?.[0];
		if (digits === undefined) throw new RegexSyntaxError(`malformed '\\${kind}' escape at index ${at}`);
		this.pos += (braced?.[0] ?? plain?.[0] ?? "").length;
		const value = Number.parseInt(digits, 16);
		if (value > MAX_CODE_POINT)
			throw new RegexSyntaxError(`'\\${kind}' escape at index ${at} is beyond U+10FFFF`);
		return value;
	}

	/** `[...]`: ranges, escapes and negation; POSIX classes are refused with a replacement. */
	private characterClass(): Ranges {
		const start = this.pos;
		this.pos++;
		const negated = this.text[this.pos] === "^";
		if (negated) this.pos++;
		const ranges: [number, number][] = [];
		let first = true;
		for (;;) {
			const c = this.text[this.pos];
			if (c === undefined)
				throw new RegexSyntaxError(`character class opened at index ${start} is not closed`);
			if (c === "]" && !first) break;
			first = false;
			if (c === "[" && this.text[this.pos + 1] === ":") {
				ranges.push(...this.posixClass());
				continue;
			}
			const lo = this.classAtom();
			if (lo.length !== 1 || this.text[this.pos] !== "-" || this.text[this.pos + 1] === "]") {
				ranges.push(...lo.map(([a, b]) => [a, b] as [number, number]));
				continue;
			}
			this.pos++;
			const hi = this.classAtom();
			const low = lo[0] as readonly [number, number];
			const high = hi[0] as readonly [number, number];
			if (hi.length !== 1 || low[0] !== low[1] || high[0] !== high[1]) {
				ranges.push([low[0], low[1]], [0x2d, 0x2d], ...hi.map(([a, b]) => [a, b] as [number, number]));
				continue;
			}
			if (high[0] < low[0]) throw new RegexSyntaxError(`range out of order in the class at index ${start}`);
			ranges.push([low[0], high[0]]);
		}
		this.pos++;
		const set = normalise(ranges);
		return negated ? complement(this.fold ? withOtherCase(set) : set) : set;
	}

	/** `[:name:]` or `[:^name:]` inside a class (ASCII, as PCRE without UCP). */
	private posixClass(): [number, number][] {
		const m = /^\[:(\^?)([a-z]+):\]/.exec(this.text.slice(this.pos, this.pos + 16));
		const ranges = m === null ? undefined : POSIX[m[2] as string];
		if (m === null || ranges === undefined)
			throw new RegexSyntaxError(`unknown POSIX class at index ${this.pos}; use e.g. [:alpha:] or [:digit:]`);
		this.pos += m[0].length;
		return (m[1] === "^" ? complement(ranges) : ranges).map(([a, b]) => [a, b]);
	}

	private classAtom(): Ranges {
		const c = this.text[this.pos] as string;
		if (c === "\\") {
			const at = this.pos;
			const e = this.text[this.pos + 1];
			if (e === undefined) throw new RegexSyntaxError("pattern ends with a lone backslash");
			this.pos += 2;
			if (e === "b") return single(8);
			return this.escapeRanges(e, at);
		}
		const cp = this.text.codePointAt(this.pos) as number;
		this.pos += cp > 0xffff ? 2 : 1;
		return single(cp);
	}
}

function single(cp: number): Ranges {
	return [[cp, cp]];
}

const LOWER: Ranges = [[0x61, 0x7a]];
const UPPER: Ranges = [[0x41, 0x5a]];
const POSIX: Readonly<Record<string, Ranges>> = {
	alpha: [...UPPER, ...LOWER],
	digit: DIGIT,
	alnum: [...DIGIT, ...UPPER, ...LOWER],
	upper: UPPER,
	lower: LOWER,
	space: SPACE,
	blank: [
		[0x09, 0x09],
		[0x20, 0x20],
	],
	xdigit: [
		[0x30, 0x39],
		[0x41, 0x46],
		[0x61, 0x66],
	],
	word: WORD,
	punct: [
		[0x21, 0x2f],
		[0x3a, 0x40],
		[0x5b, 0x60],
		[0x7b, 0x7e],
	],
	cntrl: [
		[0x00, 0x1f],
		[0x7f, 0x7f],
	],
	print: [[0x20, 0x7e]],
	graph: [[0x21, 0x7e]],
	ascii: [[0x00, 0x7f]],
};

/**
 * Whether an atomic group (or possessive quantifier) over `node` matches exactly the texts its plain, greedy form
 * does, so the linear-time engine may run the plain form. An atomic item commits to the first way its body
 * matches; that differs only when a later part of the pattern needed the body to match another way. Provably not:
 * - the body matches in one way at most (no alternation, no repeat of variable count), whatever follows; or
 * - the body repeats one character set S, and what follows cannot begin with a character of S: nothing (the end
 *   of the pattern: a search only asks whether some match exists), a set or a repeat of at least one of a set
 *   disjoint from S, or an end-of-text assertion (a shorter run leaves S characters, so `$` and `\z` fail there
 *   whenever they fail after the longest run).
 */
export function atomicIsPlain(node: RegexNode, next: RegexNode | undefined, atEnd: boolean): boolean {
	if (matchesOneWay(node)) return true;
	if (node.kind !== "repeat" || node.node.kind !== "set") return false;
	if (atEnd) return true;
	const own = node.node.ranges;
	if (next === undefined) return false;
	if (next.kind === "set") return disjoint(own, next.ranges);
	if (next.kind === "repeat" && next.min >= 1 && next.node.kind === "set")
		return disjoint(own, next.node.ranges);
	return next.kind === "assert" && (next.what === "end" || next.what === "end-or-newline");
}

function atomicRefused(at: number): RegexSyntaxError {
	return new RegexSyntaxError(
		`the atomic group or possessive quantifier at index ${at} cannot be run by the linear-time engine here: ` +
			"giving back nothing may change what matches, which only a backtracking engine can tell; " +
			"write the plain group or greedy quantifier if that is what is meant",
	);
}

function matchesOneWay(node: RegexNode): boolean {
	switch (node.kind) {
		case "empty":
		case "set":
		case "assert":
			return true;
		case "concat":
			return node.items.every(matchesOneWay);
		case "alternation":
			return false;
		case "repeat":
			return node.min === node.max && matchesOneWay(node.node);
	}
}

function disjoint(a: Ranges, b: Ranges): boolean {
	for (const [lo, hi] of a) for (const [l, h] of b) if (lo <= h && l <= hi) return false;
	return true;
}

/**
 * The longest run of literal characters every match must contain, or "" when there is none to rely on: runs are
 * read only from the top-level sequence (not inside alternatives or optional parts), and a case-insensitive
 * letter ends a run. A prefilter's hint: a text without it cannot match.
 * @example requiredLiteral("^x[0-9]+\\.bad\\.com$") // ".bad.com"
 */
export function requiredLiteral(source: string): string {
	let node: RegexNode;
	try {
		node = parseRegex(source);
	} catch {
		return "";
	}
	const items = node.kind === "concat" ? node.items : [node];
	let best = "";
	let run = "";
	for (const item of items) {
		const single =
			item.kind === "set" && item.ranges.length === 1 && item.ranges[0]?.[0] === item.ranges[0]?.[1];
		if (single) {
			run += String.fromCodePoint(item.ranges[0]?.[0] as number);
			continue;
		}
		if (run.length > best.length) best = run;
		run = "";
	}
	return run.length > best.length ? run : best;
}
