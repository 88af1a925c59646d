// The TAXII server's records (collection definitions, status resources): a thin adapter over the store's tables.
import { AppError } from "../../errors/index.ts";
import type { Store } from "../../store/index.ts";
import { formatMicros, parseMicros } from "../../store/index.ts";
import { type CollectionDefinition, defaultCollection } from "./collections.ts";
import type { StatusRecord } from "./status-resource.ts";

/** The TAXII server's persistence, as the routes and the `entente collections` command use it. */
export interface TaxiiRepository {
	/** Every collection, in a stable order (§3.3); seeds the default collection on a node's first use. */
	listCollections(): Promise<CollectionDefinition[]>;
	/**
	 * Creates or replaces a collection (by id).
	 * @throws AppError E_STORE_CONFLICT when another collection has its alias.
	 */
	putCollection(collection: CollectionDefinition): Promise<void>;
	/** Removes a collection; false when there was none with this id. */
	removeCollection(id: string): Promise<boolean>;
	/** Keeps a status resource until `record.expiresAt`, sweeping expired ones now and then. */
	saveStatus(record: StatusRecord): Promise<void>;
	/** The record, or undefined when unknown or expired at `nowMicros`. */
	loadStatus(id: string, nowMicros: number): Promise<StatusRecord | undefined>;
}

/** Set once the default collection has been created, so that an operator who removes it keeps it removed. */
const SEEDED_KEY = "taxii.collections.seeded";
/** Expired statuses are swept on write, at most this often. */
const SWEEP_INTERVAL_MICROS = 60_000_000;

/**
 * The repository over the store's collections and status tables.
 * @param nowMicros the clock that drives the expiry sweep (microseconds since the epoch).
 * @example const repository = storeTaxiiRepository(store, "node-a", () => Date.now() * 1000);
 */
export function storeTaxiiRepository(
	store: Store,
	nodeName: string,
	nowMicros: () => number,
): TaxiiRepository {
	let seeding: Promise<void> | undefined;
	let lastSweep = Number.NEGATIVE_INFINITY;

	const seed = async (): Promise<void> => {
		if ((await store.getMeta(SEEDED_KEY)) !== undefined) return;
		if ((await store.listCollections()).length === 0) {
			try {
				await store.putCollection(defaultCollection(nodeName));
			} catch (error) {
				// Another process (serve beside `entente collections`) seeded its own "all" first: keep that one.
				if (!(error instanceof AppError && error.code === "E_STORE_CONFLICT")) throw error;
			}
		}
		await store.setMeta(SEEDED_KEY, "true");
	};

	return {
		async listCollections() {
			// One seed per repository, even when the first requests arrive together.
			seeding ??= seed().catch((error: unknown) => {
				seeding = undefined;
				throw error;
			});
			await seeding;
			return store.listCollections();
		},
		async putCollection(collection) {
			await store.putCollection(collection);
			// Defining collections is the operator taking over: the default is not seeded behind their back.
			await store.setMeta(SEEDED_KEY, "true");
		},
		removeCollection: (id) => store.deleteCollection(id),
		async saveStatus(record) {
			await store.putStatus(record);
			const now = nowMicros();
			if (now - lastSweep >= SWEEP_INTERVAL_MICROS) {
				lastSweep = now;
				await store.deleteStatusesBefore(formatMicros(now));
			}
		},
		async loadStatus(id, now) {
			const record = await store.getStatus(id);
			if (record === undefined) return undefined;
			return (parseMicros(record.expiresAt) ?? 0) > now ? record : undefined;
		},
	};
}
