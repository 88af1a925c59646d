// RFC 8941 Structured Field Values, the subset RFC 9421 and RFC 9530 need: dictionaries, inner lists,
// parameters and bare items, parsed strictly and serialized canonically (§4.1), so a verifier rebuilds
// `@signature-params` byte for byte.

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

/** Thrown by the parser; callers turn it into a "malformed" verdict. */
export class SfParseError extends Error {
	override name = "SfParseError";
}

export function isInnerList(member: SfMember): member is SfInnerList {
	return "items" in member;
}

/**
 * Parses a Dictionary field value (RFC 8941 §4.2.2). Throws {@link SfParseError} on any deviation.
 * @example parseDictionary('sig1=("@method");created=1, x=:AAE=:')
 */
export function parseDictionary(input: string): SfDictionary {
	const p = new Parser(input);
	const dict: SfDictionary = new Map();
	p.skipSpaces();
	if (p.done()) return dict;
	for (;;) {
		const key = p.key();
		if (p.peek() === "=") {
			p.pos++;
			dict.set(key, p.peek() === "(" ? p.innerList() : p.item());
		} else {
			dict.set(key, { value: true, params: p.params() });
		}
		p.skipOws();
		if (p.done()) return dict;
		p.expect(",");
		p.skipOws();
		if (p.done()) throw new SfParseError("trailing comma in dictionary");
	}
}

/** Serializes a bare item canonically (§4.1.3). */
export function serializeBareItem(value: SfBareItem): string {
	if (typeof value === "boolean") return value ? "?1" : "?0";
	if (typeof value === "number") {
		if (Number.isInteger(value)) return String(value);
		return String(Math.round(value * 1000) / 1000);
	}
	if (typeof value === "string") {
		if (!/^[\x20-\x7e]*$/.test(value)) throw new SfParseError("string holds a non-printable character");
		return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
	}
	if (value instanceof Uint8Array) return `:${Buffer.from(value).toString("base64")}:`;
	return value.token;
}

export function serializeParams(params: SfParams): string {
	let out = "";
	for (const [key, value] of params)
		out += value === true ? `;${key}` : `;${key}=${serializeBareItem(value)}`;
	return out;
}

export function serializeItem(item: SfItem): string {
	return serializeBareItem(item.value) + serializeParams(item.params);
}

export function serializeMember(member: SfMember): string {
	if (!isInnerList(member)) return serializeItem(member);
	return `(${member.items.map(serializeItem).join(" ")})${serializeParams(member.params)}`;
}

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;

class Parser {
	readonly input: string;
	pos = 0;

	constructor(input: string) {
		this.input = input;
	}

	done(): boolean {
		return this.pos >= this.input.length;
	}

	peek(): string {
		return this.input.charAt(this.pos);
	}

	expect(char: string): void {
		if (this.peek() !== char) this.fail(`expected '${char}'`);
		this.pos++;
	}

	fail(message: string): never {
		throw new SfParseError(`${message} at offset ${this.pos}`);
	}

	skipSpaces(): void {
		while (this.peek() === " ") this.pos++;
	}

	skipOws(): void {
		while (this.peek() === " " || this.peek() === "\t") this.pos++;
	}

	key(): string {
		if (!KEY_START.test(this.peek())) this.fail("expected a key");
		const start = this.pos;
		while (!this.done() && KEY_CHAR.test(this.peek())) this.pos++;
		return this.input.slice(start, this.pos);
	}

	params(): SfParams {
		const params: SfParams = new Map();
		while (this.peek() === ";") {
			this.pos++;
			this.skipSpaces();
			const key = this.key();
			let value: SfBareItem = true;
			if (this.peek() === "=") {
				this.pos++;
				value = this.bareItem();
			}
			params.set(key, value);
		}
		return params;
	}

	item(): SfItem {
		const value = this.bareItem();
		return { value, params: this.params() };
	}

	innerList(): SfInnerList {
		this.expect("(");
		const items: SfItem[] = [];
		for (;;) {
			this.skipSpaces();
			if (this.peek() === ")") {
				this.pos++;
				return { items, params: this.params() };
			}
			items.push(this.item());
			const next = this.peek();
			if (next !== " " && next !== ")") this.fail("expected ' ' or ')' in inner list");
		}
	}

	bareItem(): SfBareItem {
		const c = this.peek();
		if (c === "-" || (c >= "0" && c <= "9")) return this.number();
		if (c === '"') return this.string();
		if (c === ":") return this.byteSequence();
		if (c === "?") return this.boolean();
		if (c === "*" || /[A-Za-z]/.test(c)) return this.token();
		return this.fail("expected an item");
	}

	number(): number {
		// Integers have at most 15 digits; decimals at most 12 before the point and 3 after (§3.3.1-2).
		const match = /^-?(?:\d{1,12}\.\d{1,3}|\d{1,15})(?![\d.])/.exec(this.input.slice(this.pos));
		if (match === null) return this.fail("bad number");
		const text = match[0];
		this.pos += text.length;
		return Number(text);
	}

	string(): string {
		this.expect('"');
		let out = "";
		for (;;) {
			if (this.done()) this.fail("unterminated string");
			const c = this.input.charAt(this.pos++);
			if (c === '"') return out;
			if (c === "\\") {
				const escaped = this.input.charAt(this.pos++);
				if (escaped !== '"' && escaped !== "\\") this.fail("bad escape in string");
				out += escaped;
			} else if (c < " " || c > "~") {
				this.fail("non-printable character in string");
			} else {
				out += c;
			}
		}
	}

	byteSequence(): Uint8Array {
		this.expect(":");
		const end = this.input.indexOf(":", this.pos);
		if (end < 0) this.fail("unterminated byte sequence");
		const text = this.input.slice(this.pos, end);
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) this.fail("bad base64");
		this.pos = end + 1;
		return new Uint8Array(Buffer.from(text, "base64"));
	}

	boolean(): boolean {
		this.expect("?");
		const c = this.input.charAt(this.pos++);
		if (c === "1") return true;
		if (c === "0") return false;
		return this.fail("bad boolean");
	}

	token(): SfToken {
		const start = this.pos;
		this.pos++;
		while (!this.done() && TOKEN_CHAR.test(this.peek())) this.pos++;
		return { token: this.input.slice(start, this.pos) };
	}
}
