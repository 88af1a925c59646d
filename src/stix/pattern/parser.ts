// Recursive-descent parser for STIXPattern.g4, bounded in length, nesting depth and comparison count.

import type {
	BooleanOperator,
	Comparison,
	ComparisonExpression,
	ComparisonOperator,
	ObjectPath,
	ObservationExpression,
	ObservationOperator,
	PathStep,
	PatternAst,
	PrimitiveConstant,
	Qualifier,
	SetConstant,
} from "./ast.ts";
import { describePosition, PatternAbort } from "./errors.ts";
import { type TokenKind, tokenize } from "./lexer.ts";
import { describe, type PatternLimits, TokenStream } from "./token-stream.ts";

export type { PatternLimits } from "./token-stream.ts";

/** 64 KiB of text, 100 levels of nesting, 10,000 comparisons. */
export const DEFAULT_LIMITS: Readonly<PatternLimits> = {
	maxLength: 65_536,
	maxDepth: 100,
	maxComparisons: 10_000,
};

/** Nesting is capped here whatever the caller asks, so parsing stays far from the call-stack limit. */
export const MAX_DEPTH_CAP = 1000;

const VALUE_KINDS: ReadonlySet<TokenKind> = new Set([
	"string",
	"integer",
	"float",
	"boolean",
	"binary",
	"hex",
	"timestamp",
]);
const KEYWORD_OPERATORS: ReadonlySet<string> = new Set(["IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"]);
const STRING_OPERATORS: ReadonlySet<string> = new Set(["LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"]);
const QUALIFIERS = "a qualifier (WITHIN, REPEATS, START)";

/** Parses the syntax only (no §9 semantic rules); throws PatternAbort at the first error. */
export function parseSyntax(text: string, limits: Readonly<PatternLimits> = DEFAULT_LIMITS): PatternAst {
	if (text.length > limits.maxLength) {
		throw new PatternAbort({
			code: "too-long",
			offset: limits.maxLength,
			message: `pattern is ${text.length.toLocaleString("en")} characters long; the limit is ${limits.maxLength.toLocaleString("en")}`,
		});
	}
	const bounded = { ...limits, maxDepth: Math.min(limits.maxDepth, MAX_DEPTH_CAP) };
	return new Parser(text, tokenize(text), bounded).pattern();
}

class Parser extends TokenStream {
	private comparisons = 0;

	pattern(): PatternAst {
		if (this.peek().kind === "eof")
			this.fail(this.peek(), "pattern is empty; expected '[' to start an observation expression");
		const ast = this.observations();
		const t = this.peek();
		if (t.kind === ")") this.fail(t, "unexpected ')': no '(' is open here");
		if (t.kind !== "eof") this.fail(t, `expected AND, OR, FOLLOWEDBY or ${QUALIFIERS}, found ${describe(t)}`);
		return ast;
	}

	private observations(): ObservationExpression {
		return this.chain("FOLLOWEDBY", () => this.observationOr(), observationOperation);
	}

	private observationOr(): ObservationExpression {
		return this.chain("OR", () => this.observationAnd(), observationOperation);
	}

	private observationAnd(): ObservationExpression {
		return this.chain("AND", () => this.observation(), observationOperation);
	}

	private observation(): ObservationExpression {
		const t = this.next();
		let node: ObservationExpression;
		if (t.kind === "[") {
			this.open(t);
			const comparison = this.comparisonOr();
			this.close("]", t, "observation expression");
			node = { kind: "observation", offset: t.offset, comparison, qualifiers: this.qualifiers() };
		} else if (t.kind === "(") {
			this.open(t);
			const expression = this.observations();
			this.close(")", t, "parenthesised observation expression");
			node = { kind: "observation-group", offset: t.offset, expression, qualifiers: this.qualifiers() };
		} else {
			const hint =
				t.kind === "identifier" ? " (comparisons go inside square brackets: [file:name = 'x'])" : "";
			this.fail(t, `expected '[' or '(' to start an observation expression, found ${describe(t)}${hint}`);
		}
		return node;
	}

	private qualifiers(): Qualifier[] {
		const list: Qualifier[] = [];
		for (;;) {
			const t = this.peek();
			if (t.kind !== "keyword") return list;
			if (t.text === "WITHIN") {
				this.pos++;
				const n = this.next();
				if (n.kind !== "integer" && n.kind !== "float")
					this.fail(n, `expected a number of seconds after WITHIN, found ${describe(n)}`);
				this.expectKeyword("SECONDS", "after the WITHIN duration");
				list.push({ kind: "within", offset: n.offset, seconds: n.value as number });
			} else if (t.text === "REPEATS") {
				this.pos++;
				const n = this.next();
				if (n.kind !== "integer") this.fail(n, `expected a whole number after REPEATS, found ${describe(n)}`);
				this.expectKeyword("TIMES", "after the REPEATS count");
				list.push({ kind: "repeats", offset: n.offset, times: n.value as number });
			} else if (t.text === "START") {
				this.pos++;
				const start = this.next();
				if (start.kind !== "timestamp")
					this.fail(start, `expected a timestamp t'…' after START, found ${describe(start)}`);
				this.expectKeyword("STOP", "after the START timestamp");
				const stop = this.next();
				if (stop.kind !== "timestamp")
					this.fail(stop, `expected a timestamp t'…' after STOP, found ${describe(stop)}`);
				list.push({
					kind: "start-stop",
					offset: start.offset,
					start: start.value as string,
					stop: stop.value as string,
					stopOffset: stop.offset,
				});
			} else {
				return list;
			}
		}
	}

	private comparisonOr(): ComparisonExpression {
		return this.chain("OR", () => this.comparisonAnd(), comparisonOperation);
	}

	private comparisonAnd(): ComparisonExpression {
		return this.chain("AND", () => this.comparison(), comparisonOperation);
	}

	private comparison(): ComparisonExpression {
		const t = this.peek();
		if (t.kind === "(") {
			this.pos++;
			this.open(t);
			const expression = this.comparisonOr();
			this.close(")", t, "parenthesised comparison");
			return { kind: "comparison-group", offset: t.offset, expression };
		}
		if (t.kind === "keyword" && (t.text === "NOT" || t.text === "EXISTS")) {
			this.pos++;
			const negated = t.text === "NOT";
			if (negated) {
				const e = this.next();
				if (e.kind !== "keyword" || e.text !== "EXISTS") {
					this.fail(
						e,
						`expected EXISTS after NOT, found ${describe(e)} (to negate a comparison, put NOT before its operator: file:name NOT = 'x')`,
					);
				}
			}
			return this.counted({
				kind: "comparison",
				offset: t.offset,
				path: this.objectPath(),
				operator: "EXISTS",
				negated,
				value: null,
			});
		}
		if (t.kind !== "identifier") {
			const empty = t.kind === "]" && this.tokens[this.pos - 1]?.kind === "[";
			const what = empty ? "an empty observation expression; expected a comparison" : "expected a comparison";
			this.fail(t, `${what} (an object path such as file:name, EXISTS, or '('), found ${describe(t)}`);
		}
		const path = this.objectPath();
		const negated = this.isKeyword("NOT");
		if (negated) this.pos++;
		const op = this.next();
		const isOperator = op.kind === "operator" || (op.kind === "keyword" && KEYWORD_OPERATORS.has(op.text));
		if (!isOperator) {
			this.fail(
				op,
				`expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after the object path, found ${describe(op)}`,
			);
		}
		const operator = op.value as ComparisonOperator;
		let value: PrimitiveConstant | SetConstant;
		if (operator === "IN") value = this.set();
		else if (STRING_OPERATORS.has(operator))
			value = this.constant(`a string after ${operator}`, (k) => k === "string");
		else if (operator === "=" || operator === "!=")
			value = this.constant(`a constant after '${operator}'`, (k) => VALUE_KINDS.has(k));
		else
			value = this.constant(
				`a number, string, timestamp, hex or binary constant after '${operator}'`,
				(k) => k !== "boolean" && VALUE_KINDS.has(k),
			);
		return this.counted({ kind: "comparison", offset: path.offset, path, operator, negated, value });
	}

	private counted(comparison: Comparison): Comparison {
		if (++this.comparisons > this.limits.maxComparisons) {
			throw new PatternAbort({
				code: "too-many-comparisons",
				offset: comparison.offset,
				message: `pattern has more than ${this.limits.maxComparisons.toLocaleString("en")} comparisons, the limit`,
			});
		}
		return comparison;
	}

	private constant(expected: string, accept: (kind: TokenKind) => boolean): PrimitiveConstant {
		const t = this.next();
		if (!accept(t.kind)) this.fail(t, `expected ${expected}, found ${describe(t)}`);
		return { type: t.kind, offset: t.offset, value: t.value } as PrimitiveConstant;
	}

	private set(): SetConstant {
		const open = this.next();
		if (open.kind !== "(") this.fail(open, `expected '(' to start the set after IN, found ${describe(open)}`);
		const values: PrimitiveConstant[] = [];
		if (this.peek().kind !== ")") {
			values.push(this.constant("a constant in the set", (k) => VALUE_KINDS.has(k)));
			while (this.peek().kind === ",") {
				this.pos++;
				values.push(this.constant("a constant after ','", (k) => VALUE_KINDS.has(k)));
			}
		}
		const end = this.next();
		if (end.kind !== ")") {
			this.fail(
				end,
				`expected ',' or ')' to close the set opened at ${describePosition(this.text, open.offset)}, found ${describe(end)}`,
			);
		}
		return { type: "set", offset: open.offset, values };
	}

	private objectPath(): ObjectPath {
		const type = this.next();
		if (type.kind !== "identifier")
			this.fail(type, `expected an object path such as file:name, found ${describe(type)}`);
		const colon = this.next();
		if (colon.kind !== ":") {
			this.fail(
				colon,
				`expected ':' after the object type '${type.text}' (object paths look like file:name), found ${describe(colon)}`,
			);
		}
		const steps: PathStep[] = [this.propertyStep("a property name after ':'")];
		for (;;) {
			const t = this.peek();
			if (t.kind === ".") {
				this.pos++;
				steps.push(this.propertyStep("a property name after '.'"));
			} else if (t.kind === "[") {
				this.pos++;
				const index = this.next();
				if (index.kind !== "integer" && index.kind !== "*")
					this.fail(index, `expected a list index (an integer or *), found ${describe(index)}`);
				const end = this.next();
				if (end.kind !== "]") this.fail(end, `expected ']' to close the list index, found ${describe(end)}`);
				steps.push({
					kind: "index",
					offset: index.offset,
					index: index.kind === "*" ? "*" : (index.value as number),
				});
			} else {
				return { offset: type.offset, objectType: type.text, steps };
			}
		}
	}

	private propertyStep(expected: string): PathStep {
		const t = this.next();
		if (t.kind === "string") return { kind: "property", offset: t.offset, name: t.value as string };
		if (t.kind !== "identifier") this.fail(t, `expected ${expected}, found ${describe(t)}`);
		const hyphen = t.text.indexOf("-");
		if (hyphen !== -1)
			this.fail(t.offset + hyphen, `property name '${t.text}' contains '-'; quote it: '${t.text}'`);
		return { kind: "property", offset: t.offset, name: t.text };
	}
}

function observationOperation(
	operator: ObservationOperator,
	operands: ObservationExpression[],
	offset: number,
): ObservationExpression {
	return { kind: "observation-operation", operator, operands, offset };
}

function comparisonOperation(
	operator: BooleanOperator,
	operands: ComparisonExpression[],
	offset: number,
): ComparisonExpression {
	return { kind: "comparison-operation", operator, operands, offset };
}
