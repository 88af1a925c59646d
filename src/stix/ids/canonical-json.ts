// RFC 8785 JSON Canonicalization Scheme (JCS): the byte-exact JSON text that SCO ids are hashed over.

/**
 * Serializes a JSON value canonically (RFC 8785): object keys sorted by UTF-16 code units, no
 * whitespace, numbers in ECMAScript shortest form, strings escaped as `JSON.stringify` does (which
 * matches §3.2.2.2). Throws a TypeError on values JSON cannot carry (non-finite numbers, functions,
 * undefined at the top level) and on strings or keys holding a lone surrogate (§3.2.2.2 requires a
 * compliant implementation to stop); `undefined` object members are skipped as `JSON.stringify` would.
 * Checked against RFC 8785's vectors and, differentially, the `canonicalize` package (see docs/deps.md).
 * @example canonicalJson({ b: 1, a: [true, "x"] }) // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
	if (value === null) return "null";
	switch (typeof value) {
		case "boolean":
			return value ? "true" : "false";
		case "string":
			return canonicalString(value);
		case "number":
			if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
			// ES Number::toString is the serialization RFC 8785 §3.2.2.3 prescribes; -0 becomes "0".
			return Object.is(value, -0) ? "0" : String(value);
		case "object":
			return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
		default:
			throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
	}
}

function canonicalArray(values: readonly unknown[]): string {
	let out = "[";
	for (let i = 0; i < values.length; i++) {
		if (i > 0) out += ",";
		const item = values[i];
		out += item === undefined ? "null" : canonicalJson(item);
	}
	return `${out}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
	// Default sort compares UTF-16 code units, which is exactly RFC 8785 §3.2.3.
	const keys = Object.keys(object).sort();
	let out = "{";
	let first = true;
	for (const key of keys) {
		const member = object[key];
		if (member === undefined) continue;
		if (!first) out += ",";
		first = false;
		out += `${canonicalString(key)}:${canonicalJson(member)}`;
	}
	return `${out}}`;
}

function canonicalString(value: string): string {
	// JSON.stringify would escape a lone surrogate as \udXXX; RFC 8785 §3.2.2.2 makes it an error, since
	// other implementations cannot reproduce such text and a signature over it would not verify there.
	if (!value.isWellFormed()) throw new TypeError("canonicalJson: a string holds a lone UTF-16 surrogate");
	return JSON.stringify(value);
}
