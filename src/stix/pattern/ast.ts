// The syntax tree of a STIX 2.1 pattern (§9): observation expressions over comparison expressions.

/**
 * Every node carries `offset`, the UTF-16 index in the source text where it starts, so rules can
 * point at it. Nodes built by hand (for example in a `mapComparisons` callback) may use -1.
 */
export interface Located {
	offset: number;
}

/** Observation operators, from loosest to tightest binding (§9.5.3). */
export const OBSERVATION_OPERATORS = ["FOLLOWEDBY", "OR", "AND"] as const;
export type ObservationOperator = (typeof OBSERVATION_OPERATORS)[number];

/** Boolean operators inside `[...]`, from loosest to tightest binding. */
export const BOOLEAN_OPERATORS = ["OR", "AND"] as const;
export type BooleanOperator = (typeof BOOLEAN_OPERATORS)[number];

/** Comparison operators (§9.6.1); `EXISTS` is the one without a constant. */
export const COMPARISON_OPERATORS = [
	"=",
	"!=",
	">",
	"<",
	">=",
	"<=",
	"IN",
	"LIKE",
	"MATCHES",
	"ISSUBSET",
	"ISSUPERSET",
	"EXISTS",
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** A whole pattern: one observation expression, possibly compound. */
export type PatternAst = ObservationExpression;

export type ObservationExpression = Observation | ObservationGroup | ObservationOperation;

/** `[ comparisons ]` with its qualifiers. */
export interface Observation extends Located {
	kind: "observation";
	comparison: ComparisonExpression;
	qualifiers: Qualifier[];
}

/** `( observations )` with its qualifiers; kept so formatting reproduces the author's grouping. */
export interface ObservationGroup extends Located {
	kind: "observation-group";
	expression: ObservationExpression;
	qualifiers: Qualifier[];
}

/** Two or more observation expressions joined by one operator, left to right. */
export interface ObservationOperation extends Located {
	kind: "observation-operation";
	operator: ObservationOperator;
	operands: ObservationExpression[];
}

/** A qualifier's `offset` is that of its value (the number, or the START timestamp), where errors point. */
export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/** `WITHIN x SECONDS`: x a positive integer or float. */
export interface WithinQualifier extends Located {
	kind: "within";
	seconds: number;
}

/** `REPEATS x TIMES`: x a positive integer. */
export interface RepeatsQualifier extends Located {
	kind: "repeats";
	times: number;
}

/** `START t'…' STOP t'…'`: both timestamps as written between the quotes. */
export interface StartStopQualifier extends Located {
	kind: "start-stop";
	start: string;
	stop: string;
	/** Offset of the STOP timestamp, for errors about the pair. */
	stopOffset: number;
}

export type ComparisonExpression = Comparison | ComparisonGroup | ComparisonOperation;

/** `( comparisons )` inside an observation. */
export interface ComparisonGroup extends Located {
	kind: "comparison-group";
	expression: ComparisonExpression;
}

/** Two or more comparison expressions joined by one boolean operator. */
export interface ComparisonOperation extends Located {
	kind: "comparison-operation";
	operator: BooleanOperator;
	operands: ComparisonExpression[];
}

/**
 * One comparison: `path [NOT] operator constant`, or `[NOT] EXISTS path` (then `value` is null).
 * `IN` takes a set constant; LIKE, MATCHES, ISSUBSET and ISSUPERSET take a string.
 */
export interface Comparison extends Located {
	kind: "comparison";
	path: ObjectPath;
	operator: ComparisonOperator;
	negated: boolean;
	value: Constant | null;
}

/** `object-type:first.second[0]['quoted-name']`. */
export interface ObjectPath extends Located {
	objectType: string;
	/** At least one step; the first is always a property. */
	steps: PathStep[];
}

export type PathStep = PropertyStep | IndexStep;

/** A property or dictionary key; `name` is unquoted and unescaped. */
export interface PropertyStep extends Located {
	kind: "property";
	name: string;
}

/** A list index: a (possibly negative) integer or `*` for any element. */
export interface IndexStep extends Located {
	kind: "index";
	index: number | "*";
}

export type Constant = PrimitiveConstant | SetConstant;

export type PrimitiveConstant =
	| StringConstant
	| IntegerConstant
	| FloatConstant
	| BooleanConstant
	| BinaryConstant
	| HexConstant
	| TimestampConstant;

/** A string, with escapes resolved. */
export interface StringConstant extends Located {
	type: "string";
	value: string;
}

export interface IntegerConstant extends Located {
	type: "integer";
	value: number;
}

export interface FloatConstant extends Located {
	type: "float";
	value: number;
}

export interface BooleanConstant extends Located {
	type: "boolean";
	value: boolean;
}

/** `b'…'`: the base64 text with line breaks removed. */
export interface BinaryConstant extends Located {
	type: "binary";
	value: string;
}

/** `h'…'`: the hex digits, lower-cased. */
export interface HexConstant extends Located {
	type: "hex";
	value: string;
}

/** `t'…'`: the RFC 3339 text between the quotes. */
export interface TimestampConstant extends Located {
	type: "timestamp";
	value: string;
}

/** `(a, b, …)` for IN. */
export interface SetConstant extends Located {
	type: "set";
	values: PrimitiveConstant[];
}
