// A cursor over tokens for the parser: lookahead, expectations with messages, and the nesting bound.

import { describePosition, PatternAbort } from "./errors.ts";
import { KEYWORDS, type Token } from "./lexer.ts";

/** Bounds that keep a hostile pattern cheap to reject. */
export interface PatternLimits {
	/** Longest accepted pattern, in UTF-16 code units. */
	maxLength: number;
	/** Deepest nesting of `[`, `(` at both levels together. */
	maxDepth: number;
	/** Most comparisons in the whole pattern. */
	maxComparisons: number;
}

/** How a token is named in a message. */
export function describe(token: Token): string {
	switch (token.kind) {
		case "eof":
			return "end of pattern";
		case "string": {
			const shown = token.text.length > 30 ? `${token.text.slice(0, 27)}…'` : token.text;
			return `string ${shown}`;
		}
		case "identifier": {
			const upper = token.text.toUpperCase();
			return KEYWORDS.has(upper) ? `'${token.text}' (keywords are upper case: ${upper})` : `'${token.text}'`;
		}
		default:
			return `'${token.text}'`;
	}
}

/** Token access shared by the parser's grammar rules; the parser extends it. */
export class TokenStream {
	protected readonly text: string;
	protected readonly tokens: Token[];
	protected readonly limits: Readonly<PatternLimits>;
	protected pos = 0;
	protected depth = 0;

	constructor(text: string, tokens: Token[], limits: Readonly<PatternLimits>) {
		this.text = text;
		this.tokens = tokens;
		this.limits = limits;
	}

	protected peek(): Token {
		return this.tokens[this.pos] as Token;
	}

	protected next(): Token {
		return this.tokens[this.pos++] as Token;
	}

	protected isKeyword(word: string): boolean {
		const t = this.peek();
		return t.kind === "keyword" && t.text === word;
	}

	protected fail(at: Token | number, message: string): never {
		const offset = typeof at === "number" ? at : at.offset;
		throw new PatternAbort({ code: "syntax", offset, message });
	}

	protected open(token: Token): void {
		if (++this.depth > this.limits.maxDepth) {
			throw new PatternAbort({
				code: "too-deep",
				offset: token.offset,
				message: `brackets and parentheses nest deeper than the limit of ${this.limits.maxDepth} levels`,
			});
		}
	}

	protected close(kind: "]" | ")", opener: Token, what: string): void {
		const t = this.peek();
		if (t.kind !== kind) {
			const where = describePosition(this.text, opener.offset);
			this.fail(t, `expected '${kind}' to close the ${what} opened at ${where}, found ${describe(t)}`);
		}
		this.pos++;
		this.depth--;
	}

	/** One operator level, n-ary so that long chains cost no stack. */
	protected chain<T extends { offset: number }, Op extends string, N>(
		operator: Op,
		operand: () => T,
		build: (operator: Op, operands: T[], offset: number) => N,
	): T | N {
		const first = operand();
		if (!this.isKeyword(operator)) return first;
		const operands = [first];
		while (this.isKeyword(operator)) {
			this.pos++;
			operands.push(operand());
		}
		return build(operator, operands, first.offset);
	}

	protected expectKeyword(word: string, where: string): void {
		const t = this.next();
		if (t.kind !== "keyword" || t.text !== word)
			this.fail(t, `expected ${word} ${where}, found ${describe(t)}`);
	}
}
