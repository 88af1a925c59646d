// RFC 9421 §2: component values and the signature base. Generic over components, so the Appendix B
// vectors run through the same code as Entente's own profile (http-signature.ts).
import {
	isInnerList,
	parseDictionary,
	type SfInnerList,
	type SfItem,
	type SfMember,
	SfParseError,
	serializeItem,
	serializeMember,
} from "./structured-fields.ts";

/** Field lines as fetch's `Headers` or Node's `IncomingHttpHeaders` / a plain record give them. */
export type HeaderSource =
	| Headers
	| Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** The parts of a request a signature can cover. `url` is the absolute target URI. */
export interface HttpRequestParts {
	method: string;
	url: string;
	headers: HeaderSource;
	body?: Uint8Array | string;
}

/** The parts of a response a signature can cover. */
export interface HttpResponseParts {
	status: number;
	headers: HeaderSource;
	body?: Uint8Array | string;
}

/** A message being signed or verified, and for a response the request it answers (`;req`). */
export interface SignedMessage {
	request?: HttpRequestParts;
	response?: HttpResponseParts;
}

/** A component value could not be produced; the verifier reports it as "malformed". */
export class ComponentError extends Error {
	override name = "ComponentError";
}

/**
 * Reads one field the way RFC 9421 §2.1 does: name case-insensitive, each line trimmed, several lines
 * joined by ", ". Returns undefined when the field is absent.
 */
export function fieldValue(headers: HeaderSource, name: string): string | undefined {
	const lower = name.toLowerCase();
	if (headers instanceof Headers) return headers.get(lower)?.trim() ?? undefined;
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== lower || value === undefined) continue;
		if (Array.isArray(value)) values.push(...value.map((v: string) => v.trim()));
		else values.push(String(value).trim());
	}
	return values.length === 0 ? undefined : values.join(", ");
}

/** The bytes of a body given as text or bytes; an absent body is empty. */
export function bodyBytes(body: Uint8Array | string | undefined): Uint8Array {
	if (body === undefined) return new Uint8Array(0);
	return typeof body === "string" ? new TextEncoder().encode(body) : body;
}

/**
 * The value of one covered component (RFC 9421 §2.1-2.4). Supports the derived components
 * `@method @target-uri @authority @scheme @request-target @path @query @status`, fields, and the
 * `req` and `key` parameters; any other parameter (`sf`, `bs`, `tr`, `name`) is refused.
 */
export function componentValue(component: SfItem, message: SignedMessage): string {
	const name = component.value;
	if (typeof name !== "string") throw new ComponentError("a component identifier must be a string");
	for (const param of component.params.keys()) {
		if (param !== "req" && param !== "key")
			throw new ComponentError(`unsupported component parameter ;${param}`);
	}
	const fromRequest = component.params.get("req") === true || message.response === undefined;
	const target = fromRequest ? message.request : message.response;
	if (target === undefined)
		throw new ComponentError(`no ${fromRequest ? "request" : "response"} for "${name}"`);
	const value = name.startsWith("@") ? derivedValue(name, target) : fieldComponent(name, component, target);
	if (/[\r\n]/.test(value)) throw new ComponentError(`"${name}" holds a line break`);
	return value;
}

function derivedValue(name: string, message: HttpRequestParts | HttpResponseParts): string {
	if (name === "@status") {
		if (!("status" in message)) throw new ComponentError("@status only exists on a response");
		return String(message.status).padStart(3, "0");
	}
	if (!("method" in message)) throw new ComponentError(`${name} only exists on a request`);
	if (name === "@method") return message.method;
	const url = parseUrl(message.url);
	switch (name) {
		case "@target-uri":
			return url.href;
		case "@authority":
			return url.host;
		case "@scheme":
			return url.protocol.slice(0, -1);
		case "@path":
			return url.pathname || "/";
		case "@query":
			return url.search === "" ? "?" : url.search;
		case "@request-target":
			return `${url.pathname || "/"}${url.search}`;
		default:
			throw new ComponentError(`unsupported derived component ${name}`);
	}
}

function fieldComponent(
	name: string,
	component: SfItem,
	message: HttpRequestParts | HttpResponseParts,
): string {
	if (name !== name.toLowerCase()) throw new ComponentError(`field name "${name}" must be lowercase`);
	const raw = fieldValue(message.headers, name);
	if (raw === undefined) throw new ComponentError(`covered field "${name}" is missing`);
	const key = component.params.get("key");
	if (key === undefined) return raw;
	if (typeof key !== "string") throw new ComponentError(";key must be a string");
	let member: SfMember | undefined;
	try {
		member = parseDictionary(raw).get(key);
	} catch (error) {
		throw new ComponentError(`field "${name}" is not a dictionary: ${(error as Error).message}`);
	}
	if (member === undefined) throw new ComponentError(`field "${name}" has no member "${key}"`);
	return serializeMember(member);
}

function parseUrl(url: string): URL {
	try {
		return new URL(url);
	} catch {
		throw new ComponentError(`target URI ${JSON.stringify(url)} is not absolute`);
	}
}

/**
 * Builds the signature base (RFC 9421 §2.5): one `"component": value` line per covered component,
 * then `"@signature-params": ` and the serialized inner list. Lines are joined by LF, no trailing LF.
 * @example signatureBase(parseDictionary(signatureInput).get("sig1"), { request })
 */
export function signatureBase(signatureParams: SfInnerList, message: SignedMessage): string {
	const lines: string[] = [];
	const seen = new Set<string>();
	for (const component of signatureParams.items) {
		const id = serializeItem(component);
		if (seen.has(id)) throw new ComponentError(`component ${id} is covered twice`);
		seen.add(id);
		lines.push(`${id}: ${componentValue(component, message)}`);
	}
	lines.push(`"@signature-params": ${serializeMember(signatureParams)}`);
	return lines.join("\n");
}

/** Picks the signature parameters labelled `label` from a Signature-Input value. */
export function signatureInputMember(signatureInput: string, label: string): SfInnerList | undefined {
	const member = parseDictionary(signatureInput).get(label);
	if (member === undefined) return undefined;
	if (!isInnerList(member)) throw new SfParseError(`Signature-Input member "${label}" is not an inner list`);
	return member;
}
