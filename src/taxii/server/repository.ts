// Where the TAXII server keeps its own records (collection definitions, status resources), behind an interface.
import type { Store } from "../../store/index.ts";
import { type CollectionDefinition, defaultCollection } from "./collections.ts";
import type { StatusRecord } from "./status-resource.ts";

/** The TAXII server's persistence; the store's tables will back it once store/ has them. */
export interface TaxiiRepository {
	/** Every collection, in a stable order (§3.3); seeds the default collection on first use. */
	listCollections(): Promise<CollectionDefinition[]>;
	/** Replaces the operator's collection definitions. */
	putCollections(collections: readonly CollectionDefinition[]): Promise<void>;
	saveStatus(record: StatusRecord): Promise<void>;
	/** The record, or undefined when unknown or expired at `nowMicros`. */
	loadStatus(id: string, nowMicros: number): Promise<StatusRecord | undefined>;
}

const COLLECTIONS_KEY = "taxii.collections";
const STATUS_PREFIX = "taxii.status.";

/**
 * A repository over the store's key-value meta table. Interim: expired status records are ignored but
 * not removed, because meta has no delete or scan.
 * TODO(#3): move collections and statuses to store tables with an expiry sweep once store/ is committed.
 */
export function metaTaxiiRepository(store: Store, nodeName: string): TaxiiRepository {
	let seeding: Promise<CollectionDefinition[]> | undefined;
	const read = async (): Promise<CollectionDefinition[] | undefined> => {
		const text = await store.getMeta(COLLECTIONS_KEY);
		return text === undefined ? undefined : (JSON.parse(text) as CollectionDefinition[]);
	};
	return {
		async listCollections() {
			const stored = await read();
			if (stored !== undefined) return stored;
			// One seed even when the first requests arrive together.
			seeding ??= (async () => {
				const again = await read();
				if (again !== undefined) return again;
				const seeded = [defaultCollection(nodeName)];
				await store.setMeta(COLLECTIONS_KEY, JSON.stringify(seeded));
				return seeded;
			})();
			return seeding;
		},
		async putCollections(collections) {
			await store.setMeta(COLLECTIONS_KEY, JSON.stringify(collections));
		},
		async saveStatus(record) {
			await store.setMeta(STATUS_PREFIX + record.resource.id, JSON.stringify(record));
		},
		async loadStatus(id, nowMicros) {
			const text = await store.getMeta(STATUS_PREFIX + id);
			if (text === undefined) return undefined;
			const record = JSON.parse(text) as StatusRecord;
			return record.expiresAtMicros > nowMicros ? record : undefined;
		},
	};
}
