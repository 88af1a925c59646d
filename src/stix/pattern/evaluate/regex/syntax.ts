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
 * Parses `source` into a tree, or throws RegexSyntaxError. Backreferences, lookaround, atomic groups and
 * possessive quantifiers are refused: no linear-time engine can run them (their meaning needs backtracking).
 */
export function parseRegex(source: string): RegexNode {
	const parser = new Parser(source);
	const node = parser.alternation();
	if (parser.pos < source.length) throw new RegexSyntaxError(`unmatched ')' at index ${parser.pos}`);
	return node;
}

class Parser {
	pos = 0;
	private fold = false;
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
		while (this.pos < this.text.length && this.text[this.pos] !== "|" && this.text[this.pos] !== ")") {
			const atom = this.atom();
			if (atom === null) continue;
			items.push(this.quantified(atom));
		}
		if (items.length === 0) return { kind: "empty" };
		return items.length === 1 ? (items[0] as RegexNode) : { kind: "concat", items };
	}

	private quantified(atom: RegexNode): RegexNode {
		let node = atom;
		for (;;) {
			const q = this.quantifier();
			if (q === null) return node;
			const next = this.text[this.pos];
			if (next === "+") {
				throw new RegexSyntaxError(
					`possessive quantifier at index ${this.pos} is not supported by the linear-time engine; drop the '+'`,
				);
			}
			if (next === "?") this.pos++; // lazy: the same set of matches
			node = { kind: "repeat", node, min: q.min, max: q.max };
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

	/** One atom, or null for a construct that matches nothing and only changes flags (`(?i)`). */
	private atom(): RegexNode | null {
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

	private group(): RegexNode | null {
		const start = this.pos;
		this.pos++;
		const rest = this.text.slice(this.pos, this.pos + 40);
		const outerFold = this.fold;
		if (rest.startsWith("?")) {
			const named = /^\?(P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*')/.exec(rest);
			const flags = /^\?([a-zA-Z]*)(?:-([a-zA-Z]*))?(\)|:)/.exec(rest);
			if (named !== null) {
				this.pos += named[0].length;
			} else if (flags !== null) {
				this.pos += flags[0].length;
				const fold = this.applyFlags(flags[1] ?? "", flags[2] ?? "", start);
				if (flags[3] === ")") {
					this.fold = fold; // to the end of the enclosing group, as in PCRE
					return null;
				}
				this.fold = fold;
			} else {
				const what = /^\?(=|!|<=|<!)/.test(rest)
					? "lookaround"
					: rest.startsWith("?>")
						? "an atomic group"
						: rest.startsWith("?P=") || rest.startsWith("?&") || /^\?\d/.test(rest) || rest.startsWith("?R")
							? "a backreference or recursion"
							: "this group syntax";
				throw new RegexSyntaxError(
					`${what} at index ${start} is not supported by the linear-time engine (it needs backtracking)`,
				);
			}
		}
		const inner = this.alternation();
		if (this.text[this.pos] !== ")")
			throw new RegexSyntaxError(`group opened at index ${start} is not closed`);
		this.pos++;
		this.fold = outerFold;
		return inner;
	}

	private applyFlags(on: string, off: string, at: number): boolean {
		let fold = this.fold;
		for (const [flags, value] of [
			[on, true],
			[off, false],
		] as const) {
			for (const flag of flags) {
				if (flag === "i") fold = value;
				else if (flag !== "s" && flag !== "U")
					throw new RegexSyntaxError(`flag '${flag}' at index ${at} is not supported; only i and s are`);
			}
		}
		return fold;
	}

	private escape(): RegexNode {
		const at = this.pos;
		const c = this.text[this.pos + 1];
		if (c === undefined) throw new RegexSyntaxError("pattern ends with a lone backslash");
		this.pos += 2;
		switch (c) {
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
				throw new RegexSyntaxError(
					`POSIX class at index ${this.pos} is not supported; use \\d, \\w, \\s or a range such as a-z`,
				);
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
