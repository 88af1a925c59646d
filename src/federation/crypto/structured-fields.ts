// RFC 8941 Structured Field Values for RFC 9421 and RFC 9530, parsed and serialized by `structured-headers`
// (run against the HTTP WG's structured-field test suite; decisions D43) and handed to our code in plain
// shapes: dictionaries, inner lists, parameters and bare items. Serialization is canonical (§4.1), so a
// verifier rebuilds `@signature-params` byte for byte.
import {
	type BareItem,
	type InnerList,
	type Item,
	type Parameters,
	ParseError,
	parseDictionary as parseSfDictionary,
	SerializeError,
	serializeInnerList,
	serializeDictionary as serializeSfDictionary,
	serializeItem as serializeSfItem,
	Token,
} from "structured-headers";

/** A token (RFC 8941 §3.3.4), boxed so it is not confused with a string. */
export interface SfToken {
	token: string;
}

/** Integer or decimal (number), string, token, byte sequence (Uint8Array) or boolean. */
export type SfBareItem = number | string | SfToken | Uint8Array | boolean;

/** Parameters keep their order: RFC 9421 signs them as serialized. */
export type SfParams = Map<string, SfBareItem>;

export interface SfItem {
	value: SfBareItem;
	params: SfParams;
}

export interface SfInnerList {
	items: SfItem[];
	params: SfParams;
}

export type SfMember = SfItem | SfInnerList;

/** A dictionary in field order; a duplicated key keeps its first position and its last value (§4.2.2). */
export type SfDictionary = Map<string, SfMember>;

/** A field that does not parse, or a value that cannot be serialized; callers report "malformed". */
export class SfParseError extends Error {
	override name = "SfParseError";
}

export function isInnerList(member: SfMember): member is SfInnerList {
	return "items" in member;
}

/**
 * Parses a Dictionary field value (RFC 8941 §4.2.2). Throws {@link SfParseError} on any deviation, and
 * on RFC 9651's Date and Display String items, which no field we read may carry.
 * @example parseDictionary('sig1=("@method");created=1, x=:AAE=:')
 */
export function parseDictionary(input: string): SfDictionary {
	let parsed: Map<string, Item | InnerList>;
	try {
		parsed = parseSfDictionary(input);
	} catch (error) {
		if (error instanceof ParseError) throw new SfParseError(error.message, { cause: error });
		throw error;
	}
	const dictionary: SfDictionary = new Map();
	for (const [key, member] of parsed) dictionary.set(key, fromLibraryMember(member));
	return dictionary;
}

/** Serializes an item with its parameters canonically (§4.1.3). */
export function serializeItem(item: SfItem): string {
	return serializing(() => serializeSfItem(toLibraryItem(item)));
}

/** Serializes a dictionary member, item or inner list, canonically (§4.1.1.1, §4.1.3). */
export function serializeMember(member: SfMember): string {
	if (!isInnerList(member)) return serializeItem(member);
	return serializing(() =>
		serializeInnerList([member.items.map(toLibraryItem), toLibraryParams(member.params)]),
	);
}

/**
 * Serializes a Dictionary field value canonically (§4.1.2): members joined by ", ", a member whose
 * value is true written as its key and parameters alone.
 * @example serializeDictionary(new Map([["sig1", { value: new Uint8Array([1]), params: new Map() }]])) // "sig1=:AQ==:"
 */
export function serializeDictionary(dictionary: SfDictionary): string {
	const members = new Map<string, Item | InnerList>();
	for (const [key, member] of dictionary) {
		members.set(
			key,
			isInnerList(member)
				? [member.items.map(toLibraryItem), toLibraryParams(member.params)]
				: toLibraryItem(member),
		);
	}
	return serializing(() => serializeSfDictionary(members));
}

function serializing(serialize: () => string): string {
	try {
		return serialize();
	} catch (error) {
		if (error instanceof SerializeError || error instanceof TypeError) {
			throw new SfParseError(`cannot serialize a structured field: ${error.message}`, { cause: error });
		}
		throw error;
	}
}

function fromLibraryMember(member: Item | InnerList): SfMember {
	const [value, params] = member;
	if (Array.isArray(value)) return { items: value.map(fromLibraryItem), params: fromLibraryParams(params) };
	return fromLibraryItem([value, params]);
}

function fromLibraryItem([value, params]: Item): SfItem {
	return { value: fromLibraryBareItem(value), params: fromLibraryParams(params) };
}

function fromLibraryParams(params: Parameters): SfParams {
	const out: SfParams = new Map();
	for (const [key, value] of params) out.set(key, fromLibraryBareItem(value));
	return out;
}

function fromLibraryBareItem(value: BareItem): SfBareItem {
	if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
	if (value instanceof Token) return { token: value.toString() };
	if (value instanceof ArrayBuffer) return new Uint8Array(value);
	throw new SfParseError("RFC 9651 Date and Display String items are not accepted here");
}

function toLibraryItem(item: SfItem): Item {
	return [toLibraryBareItem(item.value), toLibraryParams(item.params)];
}

function toLibraryParams(params: SfParams): Parameters {
	const out: Parameters = new Map();
	for (const [key, value] of params) out.set(key, toLibraryBareItem(value));
	return out;
}

function toLibraryBareItem(value: SfBareItem): BareItem {
	if (typeof value === "object" && !(value instanceof Uint8Array)) return new Token(value.token);
	return value;
}
