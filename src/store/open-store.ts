// Chooses the backend a store location names: a postgres:// URL is PostgreSQL, anything else a SQLite file.
// PostgreSQL is imported only when asked for: `pg` takes ~50–90 ms to load, which every SQLite command would pay.
import { resolve } from "node:path";
import { openSqliteStore, type Synchronous } from "./sqlite/sqlite-store.ts";
import type { Store } from "./store.ts";

export interface OpenStoreOptions {
	/** SQLite only: NORMAL (default) survives a process crash; FULL also a power loss. */
	synchronous?: Synchronous;
	/** Microseconds since the epoch; injectable for tests. Default: the wall clock. */
	now?: () => bigint;
	/** SQLite only: the file's quota in bytes (past it, E_STORE_FULL). */
	maxBytes?: number;
}

/** The SQLite file of a data directory when the configuration names no other store. */
export const DEFAULT_STORE_FILE = "entente.db";

/**
 * The store a node uses: `url` itself when it is a PostgreSQL URL; otherwise the SQLite file `url` names,
 * relative to the data directory, by default `entente.db` there.
 * @example storeLocation("/srv/entente", undefined) // "/srv/entente/entente.db"
 */
export function storeLocation(dataDir: string, url: string | undefined): string {
	if (url !== undefined && isPostgresLocation(url)) return url;
	return resolve(dataDir, url ?? DEFAULT_STORE_FILE);
}

/** True when `location` selects the PostgreSQL backend (`postgres://…` or `postgresql://…`). */
export function isPostgresLocation(location: string): boolean {
	return /^postgres(?:ql)?:\/\//i.test(location);
}

/**
 * Opens the store at `location`: a `postgres://` or `postgresql://` URL opens PostgreSQL (several node
 * processes may share it; `?schema=NAME` keeps the store in its own schema), any other text is the path of
 * a SQLite file (`:memory:` for a private in-memory store). Both apply their migrations on open.
 * @throws AppError E_STORE_MIGRATION when the store cannot be opened or brought up to date.
 * @example const store = await openStore(config.store.url ?? join(dataDir, "entente.db"));
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
	const now = options.now === undefined ? {} : { now: options.now };
	if (isPostgresLocation(location)) {
		const { openPostgresStore } = await import("./postgres/postgres-store.ts");
		return openPostgresStore({ url: location, ...now });
	}
	return openSqliteStore({
		path: location,
		...now,
		...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
		...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
	});
}
