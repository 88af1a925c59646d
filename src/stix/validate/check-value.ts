// Interprets property specs: checks one value, or one nested object, and reports what is wrong.
import {
	HASH_PATTERNS,
	hasMillis,
	isBase64,
	isHex,
	isIdentifier,
	isLanguageTag,
	isUrl,
	refersTo,
	timestampProblem,
} from "./formats.ts";
import type { NestedSpec, PropSpec } from "./property-spec.ts";
import type { Walk } from "./walk.ts";

const DICT_KEY = /^[a-zA-Z0-9_-]{1,250}$/;
const HASH_KEY = /^[a-zA-Z0-9_-]{3,250}$/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
	if (value === null) return "null";
	if (Array.isArray(value)) return "a list";
	return typeof value === "object" ? "a dictionary" : `a ${typeof value}`;
}

/** Checks `value` against `spec`; `walk` is positioned at the value. */
export function checkValue(spec: PropSpec, value: unknown, walk: Walk): void {
	if (value === null) {
		walk.error("type", "null is not a STIX value; omit the property instead");
		return;
	}
	switch (spec.t) {
		case "string":
			if (typeof value !== "string") {
				walk.error("type", `expected a string, got ${describe(value)}`);
				return;
			}
			if (spec.pattern !== undefined && !spec.pattern.test(value)) walk.error("format", `not ${spec.what}`);
			return;
		case "integer":
		case "number":
			checkNumber(spec, value, walk);
			return;
		case "boolean":
			if (typeof value !== "boolean") walk.error("type", `expected a boolean, got ${describe(value)}`);
			return;
		case "hex":
		case "binary":
		case "url":
		case "lang":
			checkStringFormat(spec.t, value, walk);
			return;
		case "timestamp":
			checkTimestamp(spec, value, walk);
			return;
		case "ref":
			checkRef(spec, value, walk);
			return;
		case "list":
			checkList(spec, value, walk);
			return;
		case "dict":
			checkDictionary(spec.values, value, walk);
			return;
		case "hashes":
			checkHashes(value, walk);
			return;
		case "enum":
		case "vocab":
			checkChoice(spec, value, walk);
			return;
		case "object":
			if (!isPlainObject(value)) {
				walk.error("type", `expected a ${spec.spec.name} object, got ${describe(value)}`);
				return;
			}
			checkNested(spec.spec, value, walk);
			return;
		case "any":
			return;
	}
}

function checkNumber(spec: Extract<PropSpec, { t: "integer" | "number" }>, value: unknown, walk: Walk): void {
	if (
		typeof value !== "number" ||
		!Number.isFinite(value) ||
		(spec.t === "integer" && !Number.isInteger(value))
	) {
		walk.error(
			"type",
			`expected ${spec.t === "integer" ? "an integer" : "a number"}, got ${describe(value)}`,
		);
		return;
	}
	if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
		walk.error("range", `${value} is outside ${spec.min ?? "-∞"}..${spec.max ?? "∞"}`);
	}
}

/** An identifier (type--UUID) of one of the types `spec` allows, and none it refuses. */
function checkRef(spec: Extract<PropSpec, { t: "ref" }>, value: unknown, walk: Walk): void {
	if (typeof value !== "string") {
		walk.error("type", `expected an identifier, got ${describe(value)}`);
		return;
	}
	if (!isIdentifier(value)) {
		walk.error("ref-format", `"${value}" is not a type--UUID identifier`);
		return;
	}
	if (spec.to !== undefined && !refersTo(value, spec.to)) {
		walk.error("ref-type", `must reference ${spec.to.join(" or ")}, not ${value}`);
	} else if (spec.notTo !== undefined && refersTo(value, spec.notTo)) {
		walk.error("ref-type", `must not reference a ${value.slice(0, value.indexOf("--"))}`);
	}
}

/** A non-empty list, each element checked against `spec.of` at its index. */
function checkList(spec: Extract<PropSpec, { t: "list" }>, value: unknown, walk: Walk): void {
	if (!Array.isArray(value)) {
		walk.error("type", `expected a list, got ${describe(value)}`);
		return;
	}
	if (value.length === 0) {
		walk.error("empty-list", "lists must not be empty; omit the property instead");
		return;
	}
	for (let i = 0; i < value.length; i++) {
		walk.enter(i);
		checkValue(spec.of, value[i], walk);
		walk.leave();
	}
}

/** A string from a closed enumeration (an error when absent) or an open vocabulary (a warning). */
function checkChoice(spec: Extract<PropSpec, { t: "enum" | "vocab" }>, value: unknown, walk: Walk): void {
	if (typeof value !== "string") {
		walk.error("type", `expected a string, got ${describe(value)}`);
		return;
	}
	if (!spec.values.has(value)) {
		if (spec.t === "enum") walk.error("enum", `"${value}" is not in ${spec.name}`);
		else walk.warn("vocab", `"${value}" is not in ${spec.name}`);
	}
}

function checkStringFormat(kind: "hex" | "binary" | "url" | "lang", value: unknown, walk: Walk): void {
	if (typeof value !== "string") {
		walk.error("type", `expected a string, got ${describe(value)}`);
		return;
	}
	if (kind === "hex" && !isHex(value)) walk.error("format", "not hex: an even number of hexadecimal digits");
	else if (kind === "binary" && !isBase64(value))
		walk.error("format", "not base64 binary (RFC 4648 §4, padded)");
	else if (kind === "url" && !isUrl(value)) walk.error("url", `"${value}" is not a URL`);
	else if (kind === "lang" && !isLanguageTag(value))
		walk.error("lang", `"${value}" is not an RFC 5646 language tag`);
}

function checkTimestamp(spec: { millis?: boolean; seconds?: boolean }, value: unknown, walk: Walk): void {
	if (typeof value !== "string") {
		walk.error("type", `expected a timestamp string, got ${describe(value)}`);
		return;
	}
	const problem = timestampProblem(value);
	if (problem === "timestamp") {
		walk.error(problem, `"${value}" is not YYYY-MM-DDTHH:MM:SS[.s+]Z`);
		return;
	}
	if (problem === "timestamp-calendar") {
		walk.error(problem, `"${value}" names a day that does not exist`);
		return;
	}
	if (spec.millis === true && !hasMillis(value)) {
		walk.error("timestamp-precision", `"${value}" must be precise to the millisecond (.sssZ)`);
	} else if (spec.seconds === true && value.length !== 20) {
		walk.error("format", `"${value}" must be precise to the second (no fraction)`);
	}
}

function checkDictionary(values: PropSpec | undefined, value: unknown, walk: Walk): void {
	if (!isPlainObject(value)) {
		walk.error("type", `expected a dictionary, got ${describe(value)}`);
		return;
	}
	let empty = true;
	for (const key in value) {
		empty = false;
		if (!DICT_KEY.test(key)) walk.error("dict-key", `"${key}" is not a valid dictionary key`, key);
		const item = value[key];
		walk.enter(key);
		if (values !== undefined) checkValue(values, item, walk);
		else if (item === null) walk.error("type", "null is not a STIX value");
		else if (Array.isArray(item) && item.length === 0) walk.error("empty-list", "lists must not be empty");
		walk.leave();
	}
	if (empty) walk.error("empty-dict", "dictionaries must not be empty; omit the property instead");
}

function checkHashes(value: unknown, walk: Walk): void {
	if (!isPlainObject(value)) {
		walk.error("type", `expected a hashes dictionary, got ${describe(value)}`);
		return;
	}
	let empty = true;
	for (const algorithm in value) {
		empty = false;
		const digest = value[algorithm];
		if (!HASH_KEY.test(algorithm))
			walk.error("dict-key", `"${algorithm}" is not a hash algorithm name`, algorithm);
		if (typeof digest !== "string") {
			walk.error("type", `expected a string digest, got ${describe(digest)}`, algorithm);
			continue;
		}
		const shape = Object.hasOwn(HASH_PATTERNS, algorithm) ? HASH_PATTERNS[algorithm] : undefined;
		if (shape !== undefined && !shape.test(digest)) {
			walk.error("hash-value", `not a valid ${algorithm} digest`, algorithm);
		}
	}
	if (empty) walk.error("empty-dict", "hashes must not be empty");
}

/** Checks a nested object: required properties, known property values, at-least-one groups and rules. */
export function checkNested(spec: NestedSpec, object: Record<string, unknown>, walk: Walk): void {
	if (spec.required !== undefined) {
		for (const name of spec.required) {
			if (object[name] === undefined) walk.error("required", `${spec.name} requires ${name}`, name);
		}
	}
	const properties = spec.properties;
	for (const key in object) {
		const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
		if (property === undefined) continue;
		walk.enter(key);
		checkValue(property, object[key], walk);
		walk.leave();
	}
	if (spec.atLeastOne !== undefined) checkAtLeastOne(spec.name, spec.atLeastOne, object, walk);
	if (spec.rules !== undefined) for (const rule of spec.rules) rule(object, walk);
}

/** Reports `required-one-of` at the current path when none of `names` is present. */
export function checkAtLeastOne(
	what: string,
	names: readonly string[],
	object: Record<string, unknown>,
	walk: Walk,
): void {
	for (const name of names) if (object[name] !== undefined) return;
	walk.error("required-one-of", `${what} requires at least one of ${names.join(", ")}`);
}
