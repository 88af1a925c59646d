// Compares two deliveries of one (id, version): equal content whatever the key order, else what differs.
import { canonicalJson } from "../stix/ids/index.ts";

export { canonicalJson };

/** The top-level properties whose values differ between two objects (present in one only counts), sorted. */
export function differingProperties(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	const differing: string[] = [];
	for (const key of keys) {
		const left = a[key];
		const right = b[key];
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
