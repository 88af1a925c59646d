// Checks a MATCHES regex against PCRE2's syntax (§9.6.1 names PCRE), not JavaScript's: inline flags with
// (?x) comments, (?#…), possessive quantifiers, atomic groups, named groups and back-references of every
// spelling, \Q…\E, POSIX classes, conditionals and verbs are valid. Whether our engine can *run* a construct
// is another question, answered at evaluation (evaluate/regex/syntax.ts).

const ESCAPE_LETTERS = new Set([..."dDwWsShHvVRNXCbBAZzGKtnrfaeE"]);
const POSIX_CLASSES = new Set([
	"alnum",
	"alpha",
	"ascii",
	"blank",
	"cntrl",
	"digit",
	"graph",
	"lower",
	"print",
	"punct",
	"space",
	"upper",
	"word",
	"xdigit",
]);
const VERBS =
	/^\(\*(?:ACCEPT|FAIL|F|COMMIT|PRUNE|SKIP|THEN|MARK|atomic|pla|plb|nla|nlb|positive_lookahead|negative_lookahead|positive_lookbehind|negative_lookbehind|non_atomic_positive_lookahead|napla|naplb|sr|script_run|asr|atomic_script_run)?(?::[^)]*)?\)?/;

/** Thrown inside the checker; its message is the answer. */
class PcreSyntaxError extends Error {}

/**
 * The first PCRE2 syntax error in `source` with where it is, or null when PCRE2 would compile it (with
 * PCRE2_DOTALL; `\u` escapes are accepted as PCRE2_ALT_BSUX does, since JavaScript-minded writers use them).
 * @example pcreSyntaxError("(?i)a++(?>b)(?<n>c)\\k<n>") // null
 */
export function pcreSyntaxError(source: string): string | null {
	try {
		const checker = new Checker(source);
		checker.check();
		return null;
	} catch (error) {
		if (error instanceof PcreSyntaxError) return error.message;
		throw error;
	}
}

class Checker {
	readonly #text: string;
	#pos = 0;
	/** Whitespace and `#` comments are ignored outside classes ((?x)); a stack by group. */
	#extended = false;
	#groups = 0;
	readonly #names = new Set<string>();
	readonly #namedRefs: [string, number][] = [];
	readonly #numberedRefs: [number, number][] = [];

	constructor(text: string) {
		this.#text = text;
	}

	check(): void {
		this.#alternation();
		if (this.#pos < this.#text.length) this.#fail(`unmatched ')' at index ${this.#pos}`);
		for (const [name, at] of this.#namedRefs)
			if (!this.#names.has(name))
				this.#fail(`reference to a group named '${name}' at index ${at}, which the regex does not define`);
		for (const [number, at] of this.#numberedRefs)
			if (number > this.#groups)
				this.#fail(`reference to group ${number} at index ${at}, but the regex has ${this.#groups}`);
	}

	#fail(message: string): never {
		throw new PcreSyntaxError(message);
	}

	#alternation(): void {
		const extended = this.#extended;
		this.#sequence();
		while (this.#text[this.#pos] === "|") {
			this.#pos++;
			this.#sequence();
		}
		this.#extended = extended; // flags set inside a group end with it
	}

	/** Items up to `|`, `)` or the end; each atom may take one quantifier, then `?` (lazy) or `+` (possessive). */
	#sequence(): void {
		let repeatable = false;
		while (this.#pos < this.#text.length) {
			const c = this.#text[this.#pos] as string;
			if (c === "|" || c === ")") return;
			if (this.#extended && this.#skipExtended()) continue;
			if (this.#quantifierAt()) {
				if (!repeatable) this.#fail(`quantifier at index ${this.#pos} does not follow a repeatable item`);
				this.#quantifier();
				repeatable = false;
				continue;
			}
			repeatable = this.#atom();
		}
	}

	/** Skips whitespace or a `#` comment in extended mode; true when it skipped something. */
	#skipExtended(): boolean {
		const c = this.#text[this.#pos] as string;
		if (/\s/.test(c)) {
			this.#pos++;
			return true;
		}
		if (c !== "#") return false;
		const end = this.#text.indexOf("\n", this.#pos);
		this.#pos = end < 0 ? this.#text.length : end + 1;
		return true;
	}

	#quantifierAt(): boolean {
		const c = this.#text[this.#pos];
		return c === "*" || c === "+" || c === "?" || (c === "{" && this.#bracesAhead() !== null);
	}

	/** `{n}`, `{n,}`, `{n,m}` (and PCRE2 10.43's `{,m}`) at the position, or null for a literal `{`. */
	#bracesAhead(): RegExpExecArray | null {
		return /^\{\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?\}/.exec(this.#text.slice(this.#pos, this.#pos + 32)) ?? null;
	}

	#quantifier(): void {
		const at = this.#pos;
		if (this.#text[this.#pos] === "{") {
			const m = this.#bracesAhead() as RegExpExecArray;
			const [min, comma, max] = [m[1] ?? "", m[2], m[3] ?? ""];
			if (min === "" && (comma === undefined || max === "")) {
				this.#pos++; // "{}" or "{,}": literal text in PCRE2
				return;
			}
			if (Number(min || 0) > 65535 || Number(max || 0) > 65535)
				this.#fail(`number too big in the quantifier at index ${at} (PCRE2's limit is 65535)`);
			if (max !== "" && min !== "" && Number(max) < Number(min))
				this.#fail(`numbers out of order in the quantifier at index ${at}`);
			this.#pos += m[0].length;
		} else this.#pos++;
		const mode = this.#text[this.#pos];
		if (mode === "?" || mode === "+") this.#pos++;
	}

	/** One atom; true when a quantifier may follow it. */
	#atom(): boolean {
		const c = this.#text[this.#pos] as string;
		if (c === "(") return this.#group();
		if (c === "[") {
			this.#characterClass();
			return true;
		}
		if (c === "\\") return this.#escape(false);
		this.#pos += (this.#text.codePointAt(this.#pos) as number) > 0xffff ? 2 : 1;
		return true;
	}

	#group(): boolean {
		const start = this.#pos;
		const rest = this.#text.slice(start, start + 48);
		if (rest.startsWith("(*")) return this.#verb(start, rest);
		if (rest.startsWith("(?#")) {
			const end = this.#text.indexOf(")", start);
			if (end < 0) this.#fail(`comment opened at index ${start} is not closed`);
			this.#pos = end + 1;
			return false;
		}
		const extended = this.#extended;
		let capturing = false;
		let prefix = "(";
		if (rest.startsWith("(?")) {
			const named = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
			const reference =
				/^\(\?(?:P=([A-Za-z_]\w*)\)|P>([A-Za-z_]\w*)\)|&([A-Za-z_]\w*)\)|R\)|[+-]?\d+\))/.exec(rest);
			const flags = /^\(\?(\^)?([imnsxJU]*)(?:-([imnsxJU]*))?([:)])/.exec(rest);
			if (named !== null) {
				const name = (named[1] ?? named[2]) as string;
				this.#names.add(name);
				capturing = true;
				prefix = named[0];
			} else if (reference !== null) {
				this.#reference(reference, start);
				this.#pos = start + reference[0].length;
				return true;
			} else if (flags !== null) {
				const on = flags[2] ?? "";
				const off = flags[3] ?? "";
				const xOn = on.includes("x")
					? true
					: off.includes("x")
						? false
						: flags[1] !== undefined
							? false
							: undefined;
				if (flags[4] === ")") {
					if (xOn !== undefined) this.#extended = xOn; // to the end of the enclosing group
					this.#pos = start + flags[0].length;
					return false;
				}
				if (xOn !== undefined) this.#extended = xOn;
				prefix = flags[0];
			} else if (/^\(\?(?::|\||>|=|!|<=|<!|\*)/.test(rest)) {
				prefix = /^\(\?(?::|\||>|=|!|<=|<!|\*)/.exec(rest)?.[0] as string;
			} else if (rest.startsWith("(?(")) {
				return this.#conditional(start);
			} else if (/^\(\?C(\d*|[`'"^%#$]|\{)/.test(rest)) {
				const end = this.#text.indexOf(")", start);
				if (end < 0) this.#fail(`callout opened at index ${start} is not closed`);
				this.#pos = end + 1;
				return false;
			} else {
				this.#fail(`unrecognised group syntax '${rest.slice(0, 4)}' at index ${start}`);
			}
		} else capturing = true;
		if (capturing) this.#groups++;
		this.#pos = start + prefix.length;
		this.#alternation();
		if (this.#text[this.#pos] !== ")") this.#fail(`group opened at index ${start} is not closed`);
		this.#pos++;
		this.#extended = extended; // a group's own flags end with it
		return true;
	}

	#verb(start: number, rest: string): boolean {
		const verb = VERBS.exec(rest);
		if (verb === null || !verb[0].endsWith(")")) {
			// (*atomic: …) and the lookaround spellings take a group body.
			const body =
				/^\(\*(?:atomic|pla|plb|nla|nlb|napla|naplb|sr|asr|positive_lookahead|negative_lookahead|positive_lookbehind|negative_lookbehind|non_atomic_positive_lookahead|script_run|atomic_script_run):/.exec(
					rest,
				);
			if (body === null) this.#fail(`unrecognised verb at index ${start}`);
			this.#pos = start + body[0].length;
			this.#alternation();
			if (this.#text[this.#pos] !== ")") this.#fail(`group opened at index ${start} is not closed`);
			this.#pos++;
			return true;
		}
		this.#pos = start + verb[0].length;
		return false;
	}

	/** `(?(1)…|…)`, `(?(<name>)…)`, `(?('name')…)`, `(?(R)…)`, `(?(DEFINE)…)` or `(?(?=…)…|…)`. */
	#conditional(start: number): boolean {
		const rest = this.#text.slice(start + 2, start + 48);
		const condition =
			/^\((?:[+-]?\d+|<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|R\d*|R&[A-Za-z_]\w*|DEFINE|VERSION[<>]?=\d+(?:\.\d+)?|[A-Za-z_]\w*)\)/.exec(
				rest,
			);
		if (condition !== null) this.#pos = start + 2 + condition[0].length;
		else if (/^\(\?(?:=|!|<=|<!)/.test(rest)) {
			this.#pos = start + 2;
			this.#group();
		} else this.#fail(`malformed condition in the conditional group at index ${start}`);
		this.#alternation();
		if (this.#text[this.#pos] !== ")") this.#fail(`conditional group opened at index ${start} is not closed`);
		this.#pos++;
		return true;
	}

	#reference(match: RegExpExecArray, at: number): void {
		const name = match[1] ?? match[2] ?? match[3];
		if (name !== undefined) this.#namedRefs.push([name, at]);
		const numbered = /^\(\?\+?(\d+)\)$/.exec(match[0]);
		if (numbered?.[1] !== undefined) this.#numberedRefs.push([Number(numbered[1]), at]);
	}

	/** An escape outside (`inClass` false) or inside a class; true when a quantifier may follow it. */
	#escape(inClass: boolean): boolean {
		const at = this.#pos;
		const c = this.#text[this.#pos + 1];
		if (c === undefined) this.#fail("the regex ends with a lone backslash");
		this.#pos += 2;
		const rest = this.#text.slice(this.#pos, this.#pos + 40);
		if (c === "Q") {
			const end = this.#text.indexOf("\\E", this.#pos);
			this.#pos = end < 0 ? this.#text.length : end + 2;
			return true;
		}
		if (c === "x" || c === "o" || c === "u") return this.#codeEscape(c, rest, at);
		if (c === "p" || c === "P") {
			const property = /^(?:\{\^?[A-Za-z0-9_ &=:-]+\}|[A-Za-z])/.exec(rest);
			if (property === null) this.#fail(`malformed \\${c} property at index ${at}`);
			this.#pos += property[0].length;
			return true;
		}
		if (c === "c") {
			if (!/^[\x20-\x7e]/.test(rest))
				this.#fail(`\\c at index ${at} must be followed by a printable ASCII character`);
			this.#pos++;
			return true;
		}
		if (/[0-9]/.test(c)) return this.#digitEscape(c, inClass, at);
		if (!inClass && (c === "g" || c === "k")) return this.#backReference(c, rest, at);
		if (/[A-Za-z]/.test(c) && !ESCAPE_LETTERS.has(c))
			this.#fail(`unrecognised escape '\\${c}' at index ${at}`);
		if (inClass && /[BRXNAZzGK]/.test(c))
			this.#fail(`escape '\\${c}' at index ${at} is not allowed in a class`);
		return !/[bBAZzGKE]/.test(c);
	}

	#codeEscape(c: "x" | "o" | "u", rest: string, at: number): boolean {
		const forms: Record<typeof c, RegExp> = {
			x: /^(?:\{\s*[0-9a-fA-F]+\s*\}|[0-9a-fA-F]{0,2})/,
			o: /^\{[0-7]+\}/,
			u: /^(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/,
		};
		const m = forms[c].exec(rest);
		if (m === null) this.#fail(`malformed '\\${c}' escape at index ${at}`);
		const digits = m[0].replace(/[{}\s]/g, "");
		if (digits !== "" && Number.parseInt(digits, c === "o" ? 8 : 16) > 0x10ffff)
			this.#fail(`character code in '\\${c}' at index ${at} is beyond U+10FFFF`);
		this.#pos += m[0].length;
		return true;
	}

	/** `\0nn` octal, `\1`…`\9` back-references (or octal when they cannot be, as PCRE2 reads them). */
	#digitEscape(c: string, inClass: boolean, at: number): boolean {
		const digits = /^\d*/.exec(this.#text.slice(this.#pos - 1))?.[0] as string;
		if (c === "0" || inClass) {
			this.#pos += (/^[0-7]{0,2}/.exec(this.#text.slice(this.#pos))?.[0] ?? "").length;
			return true;
		}
		const number = Number(digits);
		// Single digits and numbers below 10 are always references; larger ones are octal when no such group exists.
		if (number < 10 || !/^[0-7]+$/.test(digits)) this.#numberedRefs.push([number, at]);
		this.#pos += digits.length - 1;
		return true;
	}

	/** `\g{n}`, `\g{-n}`, `\gn`, `\g{name}`, `\g<name>`/`\g'name'` (subroutines), `\k<n>`, `\k'n'`, `\k{n}`. */
	#backReference(c: "g" | "k", rest: string, at: number): boolean {
		const m =
			c === "k"
				? /^(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|\{([A-Za-z_]\w*)\})/.exec(rest)
				: /^(?:\{(-?\d+)\}|(-?\d+)|\{([A-Za-z_]\w*)\}|<([A-Za-z_]\w*|[+-]?\d+)>|'([A-Za-z_]\w*|[+-]?\d+)')/.exec(
						rest,
					);
		if (m === null) this.#fail(`malformed '\\${c}' reference at index ${at}`);
		this.#pos += m[0].length;
		const target = m.slice(1).find((part) => part !== undefined) as string;
		if (/^[+-]?\d+$/.test(target)) {
			const number = Number(target);
			if (number === 0 && c === "g" && !m[0].startsWith("<") && !m[0].startsWith("'"))
				this.#fail(`'\\g0' at index ${at} is not a back-reference`);
			if (number > 0 && !target.startsWith("+")) this.#numberedRefs.push([number, at]);
			if (number < 0 && -number > this.#groups)
				this.#fail(`relative reference at index ${at} goes before the first group`);
		} else this.#namedRefs.push([target, at]);
		return true;
	}

	/** `[...]`: `]` first is literal; ranges, escapes, POSIX classes `[:name:]`, `\Q…\E`. */
	#characterClass(): void {
		const start = this.#pos;
		this.#pos++;
		if (this.#text[this.#pos] === "^") this.#pos++;
		let first = true;
		for (;;) {
			const c = this.#text[this.#pos];
			if (c === undefined) this.#fail(`character class opened at index ${start} is not closed`);
			if (c === "]" && !first) break;
			first = false;
			if (c === "[" && /^\[[:.=]/.test(this.#text.slice(this.#pos, this.#pos + 2))) {
				const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.#text.slice(this.#pos, this.#pos + 16));
				if (posix === null || !POSIX_CLASSES.has(posix[2] as string))
					this.#fail(`unknown POSIX class at index ${this.#pos}`);
				this.#pos += posix[0].length;
				continue;
			}
			const low = this.#classAtom();
			if (this.#text[this.#pos] === "-" && this.#text[this.#pos + 1] !== "]" && low !== null) {
				this.#pos++;
				const high = this.#classAtom();
				if (high !== null && high < low) this.#fail(`range out of order in the class at index ${start}`);
			}
		}
		this.#pos++;
	}

	/** One class member: its code point, or null for a set such as `\d` (which cannot start a range). */
	#classAtom(): number | null {
		const c = this.#text[this.#pos] as string;
		if (c !== "\\") {
			const cp = this.#text.codePointAt(this.#pos) as number;
			this.#pos += cp > 0xffff ? 2 : 1;
			return cp;
		}
		const e = this.#text[this.#pos + 1] ?? "";
		const controls: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27, b: 8 };
		if (controls[e] !== undefined) {
			this.#pos += 2;
			return controls[e];
		}
		if (e === "x" || e === "u" || e === "o") {
			const before = this.#pos + 2;
			this.#escape(true);
			const digits = this.#text.slice(before, this.#pos).replace(/[{}\s]/g, "");
			return digits === "" ? 0 : Number.parseInt(digits, e === "o" ? 8 : 16);
		}
		if (/[A-Za-z0-9]/.test(e) || e === "") {
			this.#escape(true);
			return null;
		}
		this.#pos += 2;
		return e.codePointAt(0) as number;
	}
}
