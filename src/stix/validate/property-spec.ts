// The small language the validator's tables are written in: what each property's value must be.
import type { ScoProperty, ScoType } from "../types/index.ts";
import type { Walk } from "./walk.ts";

/** A check over a whole object (or nested object) that one property's spec cannot express. */
export type ObjectRule = (object: Record<string, unknown>, walk: Walk) => void;

/** The shape of a nested object (external reference, extension, MIME part …) or a top-level one. */
export interface NestedSpec {
	/** Name used in messages, e.g. "external-reference". */
	readonly name: string;
	readonly properties: Readonly<Record<string, PropSpec>>;
	readonly required?: readonly string[];
	/** At least one of these properties must be present (§6: "MUST contain at least one property"). */
	readonly atLeastOne?: readonly string[];
	readonly rules?: readonly ObjectRule[];
}

export type PropSpec =
	| { readonly t: "string"; readonly pattern?: RegExp; readonly what?: string }
	| { readonly t: "integer" | "number"; readonly min?: number; readonly max?: number }
	| { readonly t: "boolean" | "hex" | "binary" | "url" | "lang" | "hashes" | "any" }
	| { readonly t: "timestamp"; readonly millis?: boolean; readonly seconds?: boolean }
	| { readonly t: "ref"; readonly to?: readonly string[]; readonly notTo?: readonly string[] }
	| { readonly t: "list"; readonly of: PropSpec }
	| { readonly t: "dict"; readonly values?: PropSpec; readonly keys?: RegExp }
	| { readonly t: "enum" | "vocab"; readonly name: string; readonly values: ReadonlySet<string> }
	| { readonly t: "object"; readonly spec: NestedSpec };

export const str: PropSpec = { t: "string" };
export const int: PropSpec = { t: "integer" };
export const num: PropSpec = { t: "number" };
export const bool: PropSpec = { t: "boolean" };
export const hex: PropSpec = { t: "hex" };
export const binary: PropSpec = { t: "binary" };
export const url: PropSpec = { t: "url" };
export const hashes: PropSpec = { t: "hashes" };
export const timestamp: PropSpec = { t: "timestamp" };
export const strings: PropSpec = { t: "list", of: str };
export const anyRef: PropSpec = { t: "ref" };
export const anyRefs: PropSpec = { t: "list", of: anyRef };

/** A string matching `pattern`; `what` names the format in messages. */
export function pattern(regex: RegExp, what: string): PropSpec {
	return { t: "string", pattern: regex, what };
}

export function range(t: "integer" | "number", min: number | undefined, max?: number): PropSpec {
	return { t, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

/** A reference to an object of one of `types`. */
export function ref(...types: string[]): PropSpec {
	return { t: "ref", to: types };
}

/** A list of references to objects of one of `types`. */
export function refs(...types: string[]): PropSpec {
	return { t: "list", of: ref(...types) };
}

export function list(of: PropSpec): PropSpec {
	return { t: "list", of };
}

export function dict(values?: PropSpec): PropSpec {
	return values === undefined ? { t: "dict" } : { t: "dict", values };
}

/** A closed enumeration: any other value is an error (spec: MUST). */
export function oneOf(name: string, values: readonly string[]): PropSpec {
	return { t: "enum", name, values: new Set(values) };
}

/** An open vocabulary: other values are warnings (spec: SHOULD). */
export function vocab(name: string, values: readonly string[]): PropSpec {
	return { t: "vocab", name, values: new Set(values) };
}

export function nested(spec: NestedSpec): PropSpec {
	return { t: "object", spec };
}

/**
 * A spec for each property stix/types lists for SCO type `T` (SCO_PROPERTIES), and for no other: the
 * compiler refuses a property missing from, or added beside, the one table.
 */
export type ScoPropertySpecs<T extends ScoType> = { readonly [P in ScoProperty<T>]: PropSpec };

/** A top-level object type's spec: its category decides common properties and id rules. */
export interface ObjectSpec extends NestedSpec {
	readonly category: "sdo" | "sco" | "sro" | "meta";
}
