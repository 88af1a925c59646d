// IP address parsing, canonical text, and generalisation to a network (/24 for IPv4, /48 for IPv6).

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length as written. */
export interface IpValue {
	family: 4 | 6;
	/** 4 octets or 8 sixteen-bit groups. */
	parts: number[];
	prefix?: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses `a.b.c.d`, `a.b.c.d/p`, an IPv6 address (with `::` and a dotted tail) or `…/p`; undefined if neither. */
export function parseIp(text: string): IpValue | undefined {
	const slash = text.indexOf("/");
	const address = slash === -1 ? text : text.slice(0, slash);
	let prefix: number | undefined;
	if (slash !== -1) {
		const p = text.slice(slash + 1);
		if (!/^\d{1,3}$/.test(p)) return undefined;
		prefix = Number(p);
	}
	const v4 = parseIpv4(address);
	if (v4 !== undefined) {
		if (prefix !== undefined && prefix > 32) return undefined;
		return prefix === undefined ? { family: 4, parts: v4 } : { family: 4, parts: v4, prefix };
	}
	const v6 = parseIpv6(address);
	if (v6 === undefined || (prefix !== undefined && prefix > 128)) return undefined;
	return prefix === undefined ? { family: 6, parts: v6 } : { family: 6, parts: v6, prefix };
}

function parseIpv4(text: string): number[] | undefined {
	const match = IPV4.exec(text);
	if (match === null) return undefined;
	const octets = match.slice(1, 5).map(Number);
	return octets.every((o) => o <= 255) ? octets : undefined;
}

function parseIpv6(text: string): number[] | undefined {
	if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length < 2) return undefined;
	const halves = text.split("::");
	if (halves.length > 2) return undefined;
	const groups = (half: string): number[] | undefined => {
		if (half === "") return [];
		const out: number[] = [];
		const pieces = half.split(":");
		for (let i = 0; i < pieces.length; i++) {
			const piece = pieces[i] ?? "";
			if (i === pieces.length - 1 && piece.includes(".")) {
				const v4 = parseIpv4(piece);
				if (v4 === undefined) return undefined;
				out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
			} else {
				if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) return undefined;
				out.push(Number.parseInt(piece, 16));
			}
		}
		return out;
	};
	const head = groups(halves[0] ?? "");
	const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
	if (head === undefined || tail === undefined) return undefined;
	if (halves.length === 1) return head.length === 8 ? head : undefined;
	const missing = 8 - head.length - tail.length;
	if (missing < 1) return undefined;
	return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
export function formatIpv6(groups: readonly number[]): string {
	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < groups.length; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < groups.length && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = (list: readonly number[]) => list.map((g) => g.toString(16)).join(":");
	if (bestStart === -1) return hex(groups);
	return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** Canonical text of an address: dotted decimal or RFC 5952, with `/p` when a prefix was given. */
export function formatIp(ip: IpValue): string {
	const address = ip.family === 4 ? ip.parts.join(".") : formatIpv6(ip.parts);
	return ip.prefix === undefined ? address : `${address}/${ip.prefix}`;
}

/** Zeroes every bit after the first `prefix` bits. */
export function maskParts(parts: readonly number[], bitsPerPart: number, prefix: number): number[] {
	return parts.map((part, i) => {
		const keep = Math.max(0, Math.min(bitsPerPart, prefix - i * bitsPerPart));
		if (keep === bitsPerPart) return part;
		if (keep === 0) return 0;
		const mask = ((1 << keep) - 1) << (bitsPerPart - keep);
		return part & mask;
	});
}

/** The prefix length an IP address is generalised to. */
export const GENERALISED_PREFIX = { 4: 24, 6: 48 } as const;

/**
 * The network an address belongs to: IPv4 `/24`, IPv6 `/48`. A block already coarser is kept as it
 * is (canonicalised); undefined when the text is not an IP address.
 * @example generaliseIp("198.51.100.7") // "198.51.100.0/24"
 * @example generaliseIp("2001:db8:1:2::7") // "2001:db8:1::/48"
 */
export function generaliseIp(text: string): string | undefined {
	const ip = parseIp(text);
	if (ip === undefined) return undefined;
	const prefix = Math.min(ip.prefix ?? 128, GENERALISED_PREFIX[ip.family]);
	const parts = maskParts(ip.parts, ip.family === 4 ? 8 : 16, prefix);
	return formatIp({ family: ip.family, parts, prefix });
}
