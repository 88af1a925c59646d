// UUID helpers for STIX identifiers: name-based v5 (SCO ids) and version inspection.
import { hash } from "node:crypto";

const UUID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The version nibble of a UUID (1–8), or undefined when the text is not a UUID or its variant is
 * not RFC 4122 (`10xx`). STIX §2.9 requires RFC 4122 UUIDs.
 * @example uuidVersion("28bb3599-77cd-5a82-a950-b5bc3caf07c4") // 5
 */
export function uuidVersion(uuid: string): number | undefined {
	if (!UUID_SHAPE.test(uuid)) return undefined;
	const variant = Number.parseInt(uuid.charAt(19), 16);
	if ((variant & 0b1100) !== 0b1000) return undefined;
	return Number.parseInt(uuid.charAt(14), 16);
}

/** True when the text is an RFC 4122 version 4 (random) UUID. */
export function isUuidV4(uuid: string): boolean {
	return uuidVersion(uuid) === 4;
}

/**
 * A name-based UUID, version 5 (RFC 4122 §4.3): SHA-1 over the namespace's 16 bytes then the
 * name's UTF-8 bytes, with version and variant bits set.
 * @example uuidV5("00abedb4-aa42-466c-9c01-fed23315a9b7", '{"value":"198.51.100.3"}')
 */
export function uuidV5(namespace: string, name: string): string {
	return uuidV5In(namespace)(name);
}

/**
 * uuidV5 with the namespace fixed, for hot paths: the namespace is checked and decoded once.
 * @example const scoUuid = uuidV5In(SCO_ID_NAMESPACE); scoUuid('{"value":"198.51.100.3"}')
 */
export function uuidV5In(namespace: string): (name: string) => string {
	if (!UUID_SHAPE.test(namespace)) throw new TypeError(`uuidV5: ${namespace} is not a UUID`);
	const prefix = Buffer.from(namespace.replaceAll("-", ""), "hex");
	return (name) => {
		// One-shot hash over one buffer: the egress gate computes an id per value an indicator names, on every page.
		const bytes = Buffer.allocUnsafe(16 + Buffer.byteLength(name, "utf8"));
		bytes.set(prefix, 0);
		bytes.write(name, 16, "utf8");
		const digest = hash("sha1", bytes, "buffer");
		digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
		digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
		const hex = digest.toString("hex", 0, 16);
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
	};
}
