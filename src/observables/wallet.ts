// Crypto-currency wallet addresses: Bitcoin-family Base58Check and bech32/bech32m, Ethereum 0x-hex.
import { createHash } from "node:crypto";

const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE58_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE58_ALPHABET.length; i++) BASE58_VALUE[BASE58_ALPHABET.charCodeAt(i)] = i;

const BECH32_ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BECH32_ALPHABET.length; i++) BECH32_VALUE[BECH32_ALPHABET.charCodeAt(i)] = i;
const BECH32_CONSTANT = 1;
const BECH32M_CONSTANT = 0x2bc830a3;
const SEGWIT_PREFIXES: ReadonlySet<string> = new Set(["bc", "tb", "ltc", "tltc"]);

const ETHEREUM = /^0x[0-9a-f]{40}$/i;

/**
 * The normal form of a wallet address, or a sentence saying why it is none. Checked where the checksum is
 * cheap: Base58Check (Bitcoin P2PKH/P2SH and the coins that copy it: Litecoin, Dogecoin, Dash, …; kept as
 * written, the alphabet is case-sensitive) and bech32/bech32m segwit addresses (bc1…, tb1…, ltc1…; lower case).
 * Ethereum addresses are lower-cased: their EIP-55 mixed-case checksum needs Keccak-256, which node:crypto
 * lacks, and case carries nothing else (D45).
 */
export function normalWallet(text: string): string | { error: string } {
	if (ETHEREUM.test(text)) return `0x${text.slice(2).toLowerCase()}`;
	const lower = text.toLowerCase();
	const separator = lower.lastIndexOf("1");
	if (separator > 0 && SEGWIT_PREFIXES.has(lower.slice(0, separator))) {
		if (text !== lower && text !== text.toUpperCase())
			return { error: "a bech32 address is all lower case or all upper case, never mixed" };
		return bech32ChecksumValid(lower, separator)
			? lower
			: { error: "its bech32 checksum does not match: a character was mistyped or lost" };
	}
	if (text.length >= 25 && text.length <= 35) {
		const bytes = base58Decode(text);
		if (bytes === undefined)
			return { error: "it is not Base58 (a Bitcoin-style address has no 0, O, I or l)" };
		return base58CheckValid(bytes)
			? text
			: { error: "its Base58Check checksum does not match: a character was mistyped or lost" };
	}
	return {
		error:
			"supported are Bitcoin-style Base58Check addresses (1…, 3…), bech32 segwit addresses (bc1…) and Ethereum addresses (0x and 40 hex digits)",
	};
}

function base58Decode(text: string): Uint8Array | undefined {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		let carry = c < 128 ? (BASE58_VALUE[c] as number) : -1;
		if (carry < 0) return undefined;
		for (let j = 0; j < bytes.length; j++) {
			carry += (bytes[j] as number) * 58;
			bytes[j] = carry & 0xff;
			carry >>= 8;
		}
		while (carry > 0) {
			bytes.push(carry & 0xff);
			carry >>= 8;
		}
	}
	for (let i = 0; i < text.length && text[i] === "1"; i++) bytes.push(0);
	return Uint8Array.from(bytes.reverse());
}

function base58CheckValid(bytes: Uint8Array): boolean {
	if (bytes.length !== 25) return false;
	const payload = bytes.subarray(0, 21);
	const first = createHash("sha256").update(payload).digest();
	const check = createHash("sha256").update(first).digest();
	for (let i = 0; i < 4; i++) if (check[i] !== bytes[21 + i]) return false;
	return true;
}

/** BIP 173 / BIP 350: the checksum polymod over the expanded prefix and the data, either constant. */
function bech32ChecksumValid(text: string, separator: number): boolean {
	if (text.length > 90 || text.length - separator - 1 < 6) return false;
	let check = 1;
	for (let i = 0; i < separator; i++) check = polymodStep(check) ^ (text.charCodeAt(i) >> 5);
	check = polymodStep(check);
	for (let i = 0; i < separator; i++) check = polymodStep(check) ^ (text.charCodeAt(i) & 31);
	for (let i = separator + 1; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const value = c < 128 ? (BECH32_VALUE[c] as number) : -1;
		if (value < 0) return false;
		check = polymodStep(check) ^ value;
	}
	return check === BECH32_CONSTANT || check === BECH32M_CONSTANT;
}

function polymodStep(pre: number): number {
	const b = pre >>> 25;
	return (
		(((pre & 0x1ffffff) << 5) ^
			(b & 1 ? 0x3b6a57b2 : 0) ^
			(b & 2 ? 0x26508e6d : 0) ^
			(b & 4 ? 0x1ea119fa : 0) ^
			(b & 8 ? 0x3d4233dd : 0) ^
			(b & 16 ? 0x2a1462b3 : 0)) >>>
		0
	);
}
