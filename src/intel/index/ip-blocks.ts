// Addresses and CIDR blocks, both ways: the blocks containing an address or block (one hash probe per prefix
// length in use), and the addresses and blocks inside a block (a range scan over network numbers).
import { SortedKeys } from "./sorted-keys.ts";

/** An address or block as numbers: IPv4 as one 32-bit network, IPv6 as a 32-digit hex string. */
export type ParsedBlock =
	| { version: 4; network: number; prefix: number }
	| { version: 6; network: string; prefix: number };

/**
 * Parses a normalised `ipv4`/`ipv6` value ("10.0.0.1", "10.0.0.0/8", "2001:db8::/32"); undefined when it is not
 * one. Host bits are cleared, so a block is keyed by its network.
 */
export function parseBlock(value: string): ParsedBlock | undefined {
	const slash = value.indexOf("/");
	const address = slash < 0 ? value : value.slice(0, slash);
	const prefixText = slash < 0 ? undefined : value.slice(slash + 1);
	if (address.includes(":")) {
		const hex = ipv6Hex(address);
		const prefix = prefixText === undefined ? 128 : wholeNumber(prefixText, 128);
		if (hex === undefined || prefix === undefined) return undefined;
		return { version: 6, network: maskHex(hex, prefix), prefix };
	}
	const number = ipv4Number(address);
	const prefix = prefixText === undefined ? 32 : wholeNumber(prefixText, 32);
	if (number === undefined || prefix === undefined) return undefined;
	return { version: 4, network: maskV4(number, prefix), prefix };
}

/** The blocks and addresses of one IP version, each with its value ordinal. */
class BlocksOf<K extends number | string> {
	/** Per prefix length shorter than a host's: network → value ordinal. */
	readonly #byPrefix: (Map<K, number> | undefined)[];
	/** Every address and block, keyed so that a block's members follow it: see `key`. */
	readonly #ordered = new SortedKeys<K>();
	readonly #hostPrefix: number;
	readonly #mask: (network: K, prefix: number) => K;
	readonly #key: (network: K, prefix: number) => K;
	readonly #last: (network: K, prefix: number) => K;

	constructor(
		hostPrefix: number,
		mask: (network: K, prefix: number) => K,
		key: (network: K, prefix: number) => K,
		last: (network: K, prefix: number) => K,
	) {
		this.#hostPrefix = hostPrefix;
		this.#byPrefix = new Array(hostPrefix).fill(undefined);
		this.#mask = mask;
		this.#key = key;
		this.#last = last;
	}

	add(network: K, prefix: number, ordinal: number, bulk: boolean): void {
		if (prefix < this.#hostPrefix) {
			let map = this.#byPrefix[prefix];
			if (map === undefined) {
				map = new Map();
				this.#byPrefix[prefix] = map;
			}
			map.set(network, ordinal);
		}
		if (bulk) this.#ordered.addUnsorted(this.#key(network, prefix), ordinal);
		else this.#ordered.add(this.#key(network, prefix), ordinal);
	}

	seal(): void {
		this.#ordered.seal();
	}

	remove(network: K, prefix: number, ordinal: number): void {
		const map = this.#byPrefix[prefix];
		if (map?.get(network) === ordinal) {
			map.delete(network);
			if (map.size === 0) this.#byPrefix[prefix] = undefined;
		}
		this.#ordered.remove(this.#key(network, prefix), ordinal);
	}

	/** Blocks strictly larger than (network, prefix) that contain it, shortest prefix first. */
	containing(network: K, prefix: number, visit: (ordinal: number) => boolean): void {
		for (let p = 0; p < prefix; p++) {
			const map = this.#byPrefix[p];
			if (map === undefined) continue;
			const ordinal = map.get(this.#mask(network, p));
			if (ordinal !== undefined && !visit(ordinal)) return;
		}
	}

	/** Addresses and blocks strictly inside (network, prefix), in address order. */
	within(network: K, prefix: number, visit: (ordinal: number) => boolean): void {
		const low = this.#key(network, prefix);
		this.#ordered.scan(low, this.#last(network, prefix), (key, ordinal) => key === low || visit(ordinal));
	}
}

/** IPv4 and IPv6 blocks with their value ordinals; see BlocksOf. */
export class IpBlocks {
	readonly v4 = new BlocksOf<number>(
		32,
		maskV4,
		// network × 64 + prefix: a block sorts just before the addresses and smaller blocks it contains.
		(network, prefix) => network * 64 + prefix,
		(network, prefix) => (network + 2 ** (32 - prefix) - 1) * 64 + 63,
	);
	readonly v6 = new BlocksOf<string>(
		128,
		maskHex,
		(network, prefix) => network + prefix.toString(16).padStart(2, "0"),
		(network, prefix) => lastHex(network, prefix),
	);

	add(block: ParsedBlock, ordinal: number, bulk = false): void {
		if (block.version === 4) this.v4.add(block.network, block.prefix, ordinal, bulk);
		else this.v6.add(block.network, block.prefix, ordinal, bulk);
	}

	/** Sorts what a rebuild appended. */
	seal(): void {
		this.v4.seal();
		this.v6.seal();
	}

	remove(block: ParsedBlock, ordinal: number): void {
		if (block.version === 4) this.v4.remove(block.network, block.prefix, ordinal);
		else this.v6.remove(block.network, block.prefix, ordinal);
	}

	containing(block: ParsedBlock, visit: (ordinal: number) => boolean): void {
		if (block.version === 4) this.v4.containing(block.network, block.prefix, visit);
		else this.v6.containing(block.network, block.prefix, visit);
	}

	within(block: ParsedBlock, visit: (ordinal: number) => boolean): void {
		if (block.version === 4) this.v4.within(block.network, block.prefix, visit);
		else this.v6.within(block.network, block.prefix, visit);
	}
}

function maskV4(network: number, prefix: number): number {
	return prefix === 0 ? 0 : (network & (0xffffffff << (32 - prefix))) >>> 0;
}

/** Dotted quad → 32-bit number in one pass over the characters (lookups parse one per call). */
function ipv4Number(text: string): number | undefined {
	let number = 0;
	let octet = 0;
	let digits = 0;
	let dots = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 46) {
			if (digits === 0 || octet > 255) return undefined;
			number = number * 256 + octet;
			octet = 0;
			digits = 0;
			dots++;
		} else if (code >= 48 && code <= 57 && digits < 3) {
			octet = octet * 10 + code - 48;
			digits++;
		} else return undefined;
	}
	if (dots !== 3 || digits === 0 || octet > 255) return undefined;
	return number * 256 + octet;
}

function wholeNumber(text: string, max: number): number | undefined {
	if (!/^\d{1,3}$/.test(text)) return undefined;
	const number = Number(text);
	return number <= max ? number : undefined;
}

/** The 32 hex digits of an IPv6 address (with `::` and a trailing dotted IPv4 allowed), or undefined. */
function ipv6Hex(text: string): string | undefined {
	let groups = text.toLowerCase();
	const dotted = groups.lastIndexOf(":");
	const tail = groups.slice(dotted + 1);
	if (tail.includes(".")) {
		const v4 = ipv4Number(tail);
		if (v4 === undefined) return undefined;
		groups = `${groups.slice(0, dotted + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
	}
	const halves = groups.split("::");
	if (halves.length > 2) return undefined;
	const head = halves[0] === "" ? [] : (halves[0] as string).split(":");
	const rest = halves.length === 2 && halves[1] !== "" ? (halves[1] as string).split(":") : [];
	const missing = 8 - head.length - rest.length;
	if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
	const all = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
	if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
	return all.map((group) => group.padStart(4, "0")).join("");
}

function maskHex(hex: string, prefix: number): string {
	const whole = prefix >>> 2;
	const bits = prefix & 3;
	if (whole >= 32) return hex;
	const partial =
		bits === 0 ? "" : (Number.parseInt(hex[whole] as string, 16) & (0xf << (4 - bits)) & 0xf).toString(16);
	return hex.slice(0, whole) + partial + "0".repeat(32 - whole - partial.length);
}

/** The sort key just after every address and block inside `network/prefix`. */
function lastHex(network: string, prefix: number): string {
	const whole = prefix >>> 2;
	const bits = prefix & 3;
	if (whole >= 32) return `${network}ff`;
	const partial =
		bits === 0 ? "" : (Number.parseInt(network[whole] as string, 16) | (0xf >>> bits)).toString(16);
	return `${network.slice(0, whole)}${partial}${"f".repeat(32 - whole - partial.length)}ff`;
}
