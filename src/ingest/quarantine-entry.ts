// One quarantine item as an operator reads it (D65): the held content beside the stored version it competes with.
import {
	differingProperties,
	type QuarantineAction,
	type QuarantineDetail,
	type QuarantineItem,
	type Store,
	type StoredVersion,
} from "../store/index.ts";

export interface QuarantineEntry {
	item: QuarantineItem;
	/** The held content parsed; null when rejected, cut, or not JSON. */
	held: unknown;
	/** The held text when it is not whole JSON (cut, or unparsable). */
	raw?: string;
	/** The same version when stored, else the id's latest; undefined when the id holds none. */
	stored?: StoredVersion;
	/** The top-level properties whose values differ between held and stored. */
	differing: string[];
	actions: QuarantineAction[];
}

/** Reads the held content and the stored version it competes with, and what differs between them. */
export async function quarantineEntry(store: Store, detail: QuarantineDetail): Promise<QuarantineEntry> {
	const { item, body, actions } = detail;
	let held: unknown = null;
	let raw: string | undefined;
	if (body !== "" && !item.truncated) {
		try {
			held = JSON.parse(body);
		} catch {
			raw = body;
		}
	} else if (body !== "") raw = body;
	const stored = item.objectId === "" ? undefined : await competitor(store, item);
	const differing =
		stored !== undefined && isRecord(held)
			? differingProperties(stored.object as Record<string, unknown>, held)
			: [];
	const entry: QuarantineEntry = { item, held, differing, actions };
	if (raw !== undefined) entry.raw = raw;
	if (stored !== undefined) entry.stored = stored;
	return entry;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The stored version an item competes with: the same version when stored, else the latest (any statement). */
async function competitor(store: Store, item: QuarantineItem): Promise<StoredVersion | undefined> {
	const versions = await store.getVersions(item.objectId, ["all"]);
	const same = versions.find((version) => version.version === item.version);
	if (same !== undefined) return same;
	let latest: StoredVersion | undefined;
	for (const version of versions)
		if (latest === undefined || version.dateAdded > latest.dateAdded) latest = version;
	return latest;
}
