// An IP address or CIDR block as a numeric range, so containment either way is two comparisons (D51).
import { parseCidr } from "../observables/index.ts";

/** A block of addresses: `start`..`end` inclusive, of one IP version, with its prefix length. */
export interface IpRange {
	version: 4 | 6;
	prefix: number;
	start: bigint;
	end: bigint;
}

/** Bits in an address of each version. */
export const ADDRESS_BITS = { 4: 32, 6: 128 } as const;

/** The range an address (a /32 or /128) or a CIDR block names, or undefined when it is neither. */
export function ipRangeOf(value: string): IpRange | undefined {
	const parsed = parseCidr(value);
	if (parsed === undefined) return undefined;
	let number = 0n;
	for (const byte of parsed.bytes) number = (number << 8n) | BigInt(byte);
	const bits = ADDRESS_BITS[parsed.version];
	const start = maskTo(number, parsed.prefix, bits);
	return {
		version: parsed.version,
		prefix: parsed.prefix,
		start,
		end: start | hostMask(parsed.prefix, bits),
	};
}

/** `address` with every bit after the first `prefix` cleared. */
export function maskTo(address: bigint, prefix: number, bits: number): bigint {
	return address & ~hostMask(prefix, bits);
}

function hostMask(prefix: number, bits: number): bigint {
	return (1n << BigInt(bits - prefix)) - 1n;
}

/** Whether two blocks share an address: CIDR blocks are nested or apart, so this is containment either way. */
export function overlaps(a: IpRange, b: IpRange): boolean {
	return a.version === b.version && a.start <= b.end && b.start <= a.end;
}
