// The object's own id (§2.9): format, type agreement, UUID version, and SCO id derivation.
import { scoId } from "../ids/sco-id.ts";
import { isIdentifier } from "./formats.ts";
import type { Walk } from "./walk.ts";

/**
 * Checks `id` of an object of `type`. SDO/SRO/meta ids SHOULD be UUIDv4 (warning otherwise); an SCO
 * id that is a UUIDv5 SHOULD be the one derived from its ID contributing properties (warning
 * otherwise: producers may mint ids differently, and a mismatch does not make the data wrong).
 */
export function checkObjectId(
	object: Record<string, unknown>,
	type: string,
	isObservable: boolean,
	walk: Walk,
): void {
	const id = object.id;
	if (id === undefined) {
		walk.error("required", "id is required", "id");
		return;
	}
	if (typeof id !== "string") {
		walk.error("type", "id must be a string", "id");
		return;
	}
	if (!isIdentifier(id)) {
		walk.error("id-format", `"${id}" is not type--UUID with an RFC 4122 UUID`, "id");
		return;
	}
	if (id.length !== type.length + 38 || !id.startsWith(type)) {
		walk.error("id-type-mismatch", `the id must start with "${type}--"`, "id");
		return;
	}
	// isIdentifier checked the UUID (RFC 4122 variant, version 1–5): read its version digit in place
	const version = id.charCodeAt(id.length - 22) - 48;
	if (!isObservable) {
		if (version !== 4)
			walk.warn("uuid-version", `ids of ${type} objects should be UUIDv4, this is v${version}`, "id");
		return;
	}
	if (version !== 5) return;
	const derived = scoId(object as { type: string });
	if (derived !== undefined && derived.toLowerCase() !== id.toLowerCase()) {
		walk.warn("sco-id-mismatch", `the ID contributing properties give ${derived}`, "id");
	}
}
