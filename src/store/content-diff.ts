// Compares two deliveries of one (id, version): equal content whatever the key order, else what differs.
import { canonicalJson } from "../stix/ids/index.ts";

export { canonicalJson };

/** The spec_version an object means when it states none: only cyber-observables may omit it, and they mean 2.1. */
const IMPLIED_SPEC_VERSION = "2.1";

/**
 * An object's content as two deliveries are compared: its canonical JSON (key order ignored), with an absent
 * `spec_version` read as the "2.1" it means (STIX 2.1 §3.1: an SCO without one is 2.1), so the same observable
 * with and without it is one content, not a conflict (D58).
 */
export function contentJson(object: Readonly<Record<string, unknown>>): string {
	return canonicalJson(
		object.spec_version === undefined ? { ...object, spec_version: IMPLIED_SPEC_VERSION } : object,
	);
}

/** The top-level properties whose values differ between two objects (present in one only counts), sorted. */
export function differingProperties(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	const differing: string[] = [];
	for (const key of keys) {
		const left = key === "spec_version" ? (a[key] ?? IMPLIED_SPEC_VERSION) : a[key];
		const right = key === "spec_version" ? (b[key] ?? IMPLIED_SPEC_VERSION) : b[key];
		const same =
			left === undefined || right === undefined
				? left === right
				: canonicalJson(left) === canonicalJson(right);
		if (!same) differing.push(key);
	}
	return differing.sort();
}

/**
 * Why a delivery of a stored (id, version) with other content is quarantined: one sentence naming what differs.
 * @example quarantineReason("indicator--…", "2024-01-01T00:00:00Z", ["name"])
 */
export function quarantineReason(id: string, version: string, differing: readonly string[]): string {
	return `differs from the stored version of ${id} at ${version || "(unversioned)"} in: ${differing.join(", ")}`;
}

/**
 * Why a contributor's second, different statement of an observable was quarantined (D31): a statement,
 * once made, is not replaced; the contributor deletes it first.
 */
export function statementConflict(
	id: string,
	contributor: string,
	version: string,
	differing: readonly string[],
): string {
	return `differs from ${contributor}'s own statement of ${id} (version ${version}) in: ${differing.join(", ")}; a contributor's statement of an observable is not replaced`;
}
