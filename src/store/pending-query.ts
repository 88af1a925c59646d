// query and count of a pending store: the store's answer with the pending versions as if committed last.
import { AppError } from "../errors/index.ts";
import type { ObjectPage, ObjectQuery, Store, StoredVersion } from "./store.ts";
import { parseMicros, versionKey } from "./timestamps.ts";

/** The pending versions of a pending store (pending-store.ts), as its query and count read them. */
export interface PendingSet {
	/** Versions reads see as committed (new ones, and those shadowing a hidden stored version), by id. */
	readonly byId: ReadonlyMap<string, readonly StoredVersion[]>;
	/** `id\0versionKey` of pending versions that replace a stored version of the same key in reads. */
	readonly shadowing: ReadonlySet<string>;
	/** The newest pending version of `id`, if any. */
	newest(id: string): StoredVersion | undefined;
}

/** The identity of a version: an id and its version as an instant (`…00Z` and `…00.000Z` are one version). */
export const keyOf = (id: string, version: string): string => `${id}\u0000${versionKey(version)}`;

/** Pages of pending versions follow the store's last page under cursors of this form. */
const PENDING_CURSOR = "pending:";

type Selector = "last" | "all";

/** `last` and `all`, the selectors the gate's sources and ingest use; others would need every stored version. */
function selectorOf(query: Omit<ObjectQuery, "limit" | "after">): Selector {
	const versions = query.versions ?? ["last"];
	const [only] = versions;
	if (versions.length === 1 && (only === "last" || only === "all")) return only;
	throw new AppError(
		"E_STORE_PENDING_UNSUPPORTED",
		`a pending store (preview) answers queries for versions "last" or "all" only, not ${JSON.stringify(versions)}: extend src/store/pending-query.ts`,
	);
}

/** Whether a version passes the query's filters; a pending version counts as added after any instant. */
function matches(version: StoredVersion, query: Omit<ObjectQuery, "limit" | "after">): boolean {
	if (query.ids !== undefined && !query.ids.includes(version.id)) return false;
	if (query.types !== undefined && !query.types.includes(version.type)) return false;
	if (query.specVersions !== undefined && !query.specVersions.includes(version.specVersion)) return false;
	if (
		query.organizationIds !== undefined &&
		!query.organizationIds.includes(version.provenance.organizationId)
	)
		return false;
	if (query.addedAfter !== undefined && version.dateAdded !== "") {
		const after = parseMicros(query.addedAfter);
		const added = parseMicros(version.dateAdded);
		if (after !== undefined && added !== undefined && added <= after) return false;
	}
	return true;
}

/** Whether reads no longer see stored `version`: a pending version is newer (`last`) or shadows it. */
function displaced(version: StoredVersion, selector: Selector, pending: PendingSet): boolean {
	const newest = pending.newest(version.id);
	if (newest === undefined) return false;
	if (selector === "last")
		return newest.version !== "" && versionKey(newest.version) >= versionKey(version.version);
	return pending.shadowing.has(keyOf(version.id, version.version));
}

/** The pending versions the query selects, in put order (they would commit last, in that order). */
async function selectedPending(
	store: Store,
	pending: PendingSet,
	query: Omit<ObjectQuery, "limit" | "after">,
	selector: Selector,
): Promise<StoredVersion[]> {
	const candidates = [...pending.byId.values()].flat().filter((version) => matches(version, query));
	if (selector === "all" || candidates.length === 0) return candidates;
	const stored = new Map(
		(await store.latestVersions([...new Set(candidates.map((v) => v.id))])).map((v) => [v.id, v]),
	);
	return candidates.filter((version) => {
		const newest = pending.newest(version.id);
		const latest = stored.get(version.id);
		return (
			newest === version &&
			// A pending statement (D31, version "" until committed) is latest beside every other contributor's.
			(version.version === "" ||
				latest === undefined ||
				versionKey(version.version) >= versionKey(latest.version))
		);
	});
}

/** `query` over the store with pending versions after its last page (cursor `pending:N` pages through them). */
export function pendingQuery(store: Store, pending: PendingSet): (query: ObjectQuery) => Promise<ObjectPage> {
	return async (query) => {
		const selector = selectorOf(query);
		const after = query.after;
		let items: StoredVersion[] = [];
		let offset = 0;
		if (after?.startsWith(PENDING_CURSOR) === true) offset = Number(after.slice(PENDING_CURSOR.length));
		else {
			const page = await store.query(query);
			items = page.items.filter((version) => !displaced(version, selector, pending));
			if (page.more) return { ...page, items };
		}
		const rest = (await selectedPending(store, pending, query, selector)).slice(offset);
		const room = query.limit - items.length;
		if (rest.length <= room) return { items: [...items, ...rest], more: false };
		return {
			items: [...items, ...rest.slice(0, room)],
			more: true,
			next: `${PENDING_CURSOR}${offset + room}`,
		};
	};
}

/** `count` over the store with pending versions counted as committed. */
export function pendingCount(
	store: Store,
	pending: PendingSet,
): (query: Omit<ObjectQuery, "limit" | "after">) => Promise<number> {
	return async (query) => {
		const selector = selectorOf(query);
		const added = await selectedPending(store, pending, query, selector);
		if (added.length === 0) return store.count(query);
		// Stored versions the pending ones displace were counted by the store: take them off again.
		const ids = [...new Set(added.map((version) => version.id))];
		const stored =
			selector === "last"
				? await store.latestVersions(ids)
				: (await Promise.all(ids.map((id) => store.getVersions(id, ["all"])))).flat();
		const gone = stored.filter((version) => matches(version, query) && displaced(version, selector, pending));
		return (await store.count(query)) + added.length - gone.length;
	};
}
