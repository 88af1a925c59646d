// The hashes of a file with no bytes: samples and reports often carry them by mistake (a failed download, a
// placeholder). Computed here from the empty input rather than copied from anywhere.
import { createHash } from "node:crypto";
import type { Warninglist } from "../warninglist.ts";

const emptyDigest = (algorithm: string): string =>
	createHash(algorithm).update(new Uint8Array(0)).digest("hex");

/** MD5, SHA-1, SHA-256 and SHA-512 of zero bytes (and ssdeep's, whose empty signature is `3::`). */
export const EMPTY_FILE_LISTS: readonly Warninglist[] = [
	{
		name: "Entente: hashes of the empty file",
		description: "The hash of a file with no bytes: a failed download or a placeholder, not a sample.",
		type: "string",
		matchingAttributes: ["md5", "sha1", "sha256", "sha512", "ssdeep"],
		entries: [
			emptyDigest("md5"),
			emptyDigest("sha1"),
			emptyDigest("sha256"),
			emptyDigest("sha512"),
			// ssdeep's digest of empty input: block size 3, both hash parts empty.
			"3::",
		],
		version: 1,
		source: "built-in: computed (node:crypto) from zero bytes; ssdeep's empty digest",
		builtIn: true,
	},
];
