// ISSUBSET and ISSUPERSET (§9.6.1): containment of IPv4 and IPv6 addresses and CIDR blocks, compared as bytes.

/** An address or block: its bytes (4 or 16) and prefix length (32 or 128 for a bare address). */
export interface Block {
	bytes: Uint8Array;
	prefix: number;
}

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function ipv4Bytes(text: string): Uint8Array | undefined {
	const parts = text.split(".");
	if (parts.length !== 4 || !parts.every((p) => IPV4_PART.test(p))) return undefined;
	return Uint8Array.from(parts, Number);
}

function ipv6Bytes(address: string): Uint8Array | undefined {
	let text = address;
	if (text.includes(".")) {
		// An embedded IPv4 tail is two groups written another way.
		const lastColon = text.lastIndexOf(":");
		const v4 = ipv4Bytes(text.slice(lastColon + 1));
		if (v4 === undefined) return undefined;
		const hex = (hi: number, lo: number) => (hi * 256 + lo).toString(16);
		text = `${text.slice(0, lastColon + 1)}${hex(v4[0] as number, v4[1] as number)}:${hex(v4[2] as number, v4[3] as number)}`;
	}
	const halves = text.split("::");
	if (halves.length > 2) return undefined;
	const group = /^[0-9a-fA-F]{1,4}$/;
	const [left = [], right = []] = halves.map((h) => (h === "" ? [] : h.split(":")));
	if (![...left, ...right].every((g) => group.test(g))) return undefined;
	const missing = 8 - left.length - right.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const groups = [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right].map((g) =>
		Number.parseInt(g, 16),
	);
	const bytes = new Uint8Array(16);
	groups.forEach((g, i) => {
		bytes[i * 2] = g >> 8;
		bytes[i * 2 + 1] = g & 0xff;
	});
	return bytes;
}

/** Parses "10.0.0.0/8", "10.1.2.3", "2001:db8::/32"; undefined for anything else. */
export function parseBlock(text: string): Block | undefined {
	if (text.length > 64) return undefined;
	const slash = text.indexOf("/");
	const address = slash === -1 ? text : text.slice(0, slash);
	const bytes = ipv4Bytes(address) ?? ipv6Bytes(address);
	if (bytes === undefined) return undefined;
	const max = bytes.length * 8;
	if (slash === -1) return { bytes, prefix: max };
	const prefixText = text.slice(slash + 1);
	if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
	return { bytes, prefix: Number(prefixText) };
}

/** Whether every address of `inner` is in `outer` (same family, outer's prefix no longer, same leading bits). */
export function contains(outer: Block, inner: Block): boolean {
	if (outer.bytes.length !== inner.bytes.length || outer.prefix > inner.prefix) return false;
	let bits = outer.prefix;
	for (let i = 0; bits > 0; i++, bits -= 8) {
		const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
		if (((outer.bytes[i] as number) & mask) !== ((inner.bytes[i] as number) & mask)) return false;
	}
	return true;
}
