// Cryptocurrency wallet addresses by shape and, for Bitcoin's Base58Check addresses, by checksum, so a random
// 30-character word starting with 1 or 3 is not taken for one.
import { createHash } from "node:crypto";

const ETHEREUM = /^0x[0-9a-fA-F]{40}$/;
const BECH32 = /^(?:bc1|tb1)[ac-hj-np-z02-9]{11,71}$/;
const BASE58 = /^[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** Whether `value` is an Ethereum, Bitcoin SegWit (bech32, by shape) or Bitcoin legacy (Base58Check) address. */
export function isWallet(value: string): boolean {
	if (ETHEREUM.test(value) || BECH32.test(value)) return true;
	return BASE58.test(value) && base58CheckValid(value);
}

/** A 25-byte Base58Check payload whose last four bytes are the double SHA-256 of the first 21. */
function base58CheckValid(value: string): boolean {
	let number = 0n;
	for (const char of value) number = number * 58n + BigInt(ALPHABET.indexOf(char));
	const bytes = new Uint8Array(25);
	for (let index = 24; index >= 0; index--) {
		bytes[index] = Number(number & 0xffn);
		number >>= 8n;
	}
	if (number !== 0n) return false;
	const payload = bytes.subarray(0, 21);
	const digest = createHash("sha256").update(createHash("sha256").update(payload).digest()).digest();
	return digest.subarray(0, 4).every((byte, index) => byte === bytes[21 + index]);
}
