// Objects held back until the marking definitions they refer to arrive later in the same input.

/**
 * Holds entries by the marking refs they are missing and hands each back as soon as the last of them
 * is learned, so that objects written before their definition (ATT&CK's definition sits mid-bundle,
 * after ~3,700 objects that carry it) join the next batch instead of waiting for the end of the input.
 * Each entry is touched once per missing ref, so releasing costs nothing for the others.
 */
export class MarkingWait<T> {
	readonly #byRef = new Map<string, Waiting<T>[]>();
	#size = 0;
	#held = 0;

	/** Entries held now. */
	get size(): number {
		return this.#size;
	}

	/** Holds `entry` until every one of `missing` (non-empty) has been passed to `learned`. */
	hold(entry: T, missing: readonly string[]): void {
		const refs = new Set(missing);
		const waiting: Waiting<T> = { entry, missing: refs.size, order: this.#held++ };
		for (const ref of refs) {
			const list = this.#byRef.get(ref);
			if (list === undefined) this.#byRef.set(ref, [waiting]);
			else list.push(waiting);
		}
		this.#size++;
	}

	/** The entries that were waiting for `ref` and for nothing else, in the order they were held. */
	learned(ref: string): T[] {
		const list = this.#byRef.get(ref);
		if (list === undefined) return [];
		this.#byRef.delete(ref);
		const ready: T[] = [];
		for (const waiting of list) {
			waiting.missing--;
			if (waiting.missing === 0) ready.push(waiting.entry);
		}
		this.#size -= ready.length;
		return ready;
	}

	/** Every entry still held, each once, in the order they were held; empties the wait. */
	drain(): T[] {
		const left = new Set<Waiting<T>>();
		for (const list of this.#byRef.values())
			for (const waiting of list) if (waiting.missing > 0) left.add(waiting);
		this.#byRef.clear();
		this.#size = 0;
		return [...left].sort((a, b) => a.order - b.order).map((waiting) => waiting.entry);
	}
}

interface Waiting<T> {
	readonly entry: T;
	missing: number;
	readonly order: number;
}
