// Objects ingest rejected, held for the operator's review (D65): each with its reason, its raw body cut to the
// quarantine's item limit, written in small batches so an input of many rejects holds little memory.
import { type HeldItem, type Provenance, QUARANTINE_LIMITS, type Store } from "../store/index.ts";
import type { ObjectResult } from "./report.ts";

/** A batch goes to the store at this many items, or this many bytes of bodies. */
const BATCH_ITEMS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

/** The JSON text of what was received, cut to the item limit (the store cuts to its own again). */
export function heldBody(raw: unknown): string {
	if (raw === undefined) return "";
	let text: string;
	try {
		text = JSON.stringify(raw) ?? "";
	} catch {
		text = String(raw);
	}
	return text.length > QUARANTINE_LIMITS.itemBytes ? text.slice(0, QUARANTINE_LIMITS.itemBytes) : text;
}

/** Collects one ingest run's rejections and writes them to the quarantine. */
export class HeldRejections {
	readonly #store: Store;
	readonly #provenance: Provenance;
	#items: HeldItem[] = [];
	#bytes = 0;

	constructor(store: Store, provenance: Provenance) {
		this.#store = store;
		this.#provenance = provenance;
	}

	/** Holds a rejected object: its result says why, `raw` is what was received (undefined: nothing parsed). */
	add(result: ObjectResult, raw: unknown): void {
		const body = heldBody(raw);
		const item: HeldItem = {
			kind: "invalid",
			reason: result.reason ?? result.issues?.[0]?.message ?? "rejected",
			organizationId: this.#provenance.organizationId,
			source: this.#provenance.source,
			body,
		};
		if (result.id !== undefined) item.objectId = result.id;
		this.#items.push(item);
		this.#bytes += body.length;
	}

	get due(): boolean {
		return this.#items.length >= BATCH_ITEMS || this.#bytes >= BATCH_BYTES;
	}

	async flush(): Promise<void> {
		if (this.#items.length === 0) return;
		const items = this.#items;
		this.#items = [];
		this.#bytes = 0;
		await this.#store.holdItems(items);
	}
}
