// The node's warninglists: the built-in set and the lists operators loaded into the store, compiled into one
// matcher that follows the store (every process sees a change at its next request) and answers `hits` from memory.
import { AppError } from "../../errors/index.ts";
import type { Observable } from "../../observables/index.ts";
import type { Store, WarninglistPut, WarninglistRecord, WarninglistSummary } from "../../store/index.ts";
import { BUILT_IN_WARNINGLISTS } from "./built-in/index.ts";
import { compileWarninglists, compileWarninglistsYielding, type WarninglistMatcher } from "./matcher.ts";
import { BUILT_IN_PREFIX } from "./misp-format.ts";
import type { Warninglist, WarninglistHit } from "./warninglist.ts";

/** What the service reads and writes in the store. */
export type WarninglistStore = Pick<
	Store,
	"putWarninglist" | "deleteWarninglist" | "listWarninglists" | "getWarninglists" | "warninglistRevision"
>;

/** A list as listed: no entries, how many, and whether it is built in (built-in lists have no `loadedAt`). */
export interface WarninglistInfo extends Omit<WarninglistSummary, "loadedAt"> {
	builtIn: boolean;
	loadedAt?: string;
}

/**
 * The warninglists one process matches against. `hits` is synchronous and fast (bulk matching calls it per value);
 * `refresh` (one read of the store's revision, a recompile only when it moved) keeps it current: call it once per
 * request or job, then `hits` per value. Built from `openWarninglists`.
 */
export class Warninglists {
	readonly #store: WarninglistStore;
	#matcher: WarninglistMatcher;
	#revision = -1;
	#refreshing: Promise<void> | undefined;

	constructor(store: WarninglistStore) {
		this.#store = store;
		this.#matcher = compileWarninglists(BUILT_IN_WARNINGLISTS);
	}

	/**
	 * The lists `o` is on (built-in and loaded), as last compiled: one hit per list, with the entry that matched.
	 * `o` must be in normal form (observables' `normalise` or `classify`). A hit flags a value; never drop one for it.
	 * @example warninglists.hits({ kind: "ipv4", value: "8.8.8.8" })[0]?.list // "Entente: public DNS resolvers (…)"
	 */
	hits(o: Observable): readonly WarninglistHit[] {
		return this.#matcher.hits(o);
	}

	/** Brings the matcher up to the store's lists when another process (or this one) changed them since. */
	refresh(): Promise<void> {
		this.#refreshing ??= this.#recompileIfMoved().finally(() => {
			this.#refreshing = undefined;
		});
		return this.#refreshing;
	}

	/** Every list, built-in first, then loaded ones by name. */
	async list(): Promise<WarninglistInfo[]> {
		const loaded = await this.#store.listWarninglists();
		return [
			...BUILT_IN_WARNINGLISTS.map(({ entries, builtIn: _, ...rest }) => ({
				...rest,
				entryCount: entries.length,
				builtIn: true,
			})),
			...loaded.map((summary) => ({ ...summary, builtIn: false })),
		];
	}

	/** Stores a list read from MISP's format (misp-format.ts); the matcher follows at the next `refresh`. */
	async load(list: WarninglistRecord): Promise<WarninglistPut> {
		if (list.name.startsWith(BUILT_IN_PREFIX)) throw builtInError(list.name);
		return this.#store.putWarninglist(list);
	}

	/**
	 * Removes a loaded list by name; the matcher follows at the next `refresh`.
	 * @throws AppError E_WARNINGLIST_BUILT_IN for a built-in list, E_WARNINGLIST_NOT_FOUND when none has the name.
	 */
	async remove(name: string): Promise<void> {
		if (BUILT_IN_WARNINGLISTS.some((list) => list.name === name)) throw builtInError(name);
		if (!(await this.#store.deleteWarninglist(name))) {
			throw new AppError(
				"E_WARNINGLIST_NOT_FOUND",
				`no loaded warninglist is named ${JSON.stringify(name)}; \`entente warninglists list\` shows their names`,
			);
		}
	}

	async #recompileIfMoved(): Promise<void> {
		const revision = await this.#store.warninglistRevision();
		if (revision === this.#revision) return;
		const loaded = await this.#store.getWarninglists();
		this.#matcher = await compileWarninglistsYielding([
			...BUILT_IN_WARNINGLISTS,
			...loaded.map(({ loadedAt: _, ...list }): Warninglist => ({ ...list, builtIn: false })),
		]);
		this.#revision = revision;
	}
}

/** The node's warninglists, with the store's lists compiled. */
export async function openWarninglists(store: WarninglistStore): Promise<Warninglists> {
	const warninglists = new Warninglists(store);
	await warninglists.refresh();
	return warninglists;
}

function builtInError(name: string): AppError {
	return new AppError(
		"E_WARNINGLIST_BUILT_IN",
		`${JSON.stringify(name)} is a built-in warninglist: it cannot be replaced or removed (its hits only flag values)`,
	);
}
