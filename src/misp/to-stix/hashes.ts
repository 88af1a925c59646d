// MISP's hash attribute types and the STIX hash names they become.

/**
 * MISP hash type → STIX `hashes` key. The vocabulary's spellings (MD5, SHA-1, SHA-256, SHA-512, SHA3-256,
 * SHA3-512, SSDEEP, TLSH) where it has one; MISP's exporter's upper-case names for the rest. The truncated
 * SHA-512 variants keep their own names (SHA512-224, SHA512-256: STIX hash keys allow no "/"): MISP's exporter writes them as SHA-224/SHA-256, which would make a
 * SHA-512/256 value correlate with a real SHA-256 of the same length (D53).
 */
export const HASH_NAMES: Readonly<Record<string, string>> = {
	md5: "MD5",
	sha1: "SHA-1",
	sha224: "SHA-224",
	sha256: "SHA-256",
	sha384: "SHA-384",
	sha512: "SHA-512",
	"sha512/224": "SHA512-224",
	"sha512/256": "SHA512-256",
	"sha3-224": "SHA3-224",
	"sha3-256": "SHA3-256",
	"sha3-384": "SHA3-384",
	"sha3-512": "SHA3-512",
	ssdeep: "SSDEEP",
	tlsh: "TLSH",
	imphash: "IMPHASH",
	pehash: "PEHASH",
	authentihash: "AUTHENTIHASH",
	vhash: "VHASH",
	telfhash: "TELFHASH",
	impfuzzy: "IMPFUZZY",
	sdhash: "SDHASH",
	cdhash: "CDHASH",
};
