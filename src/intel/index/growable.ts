// Typed arrays that grow: the index keeps one slot per object or value ordinal, 4 bytes rather than a JS value's 8+.

/** An Int32Array that grows by half when written past its end; unwritten slots read as `fill`. */
export class GrowableInt32 {
	#data: Int32Array;
	readonly #fill: number;

	constructor(fill: number, capacity = 1024) {
		this.#fill = fill;
		this.#data = new Int32Array(capacity).fill(fill);
	}

	get(index: number): number {
		return index < this.#data.length ? (this.#data[index] as number) : this.#fill;
	}

	set(index: number, value: number): void {
		if (index >= this.#data.length) this.#grow(index + 1);
		this.#data[index] = value;
	}

	/** Bytes held (for the memory bench). */
	get bytes(): number {
		return this.#data.byteLength;
	}

	#grow(atLeast: number): void {
		const next = new Int32Array(Math.max(atLeast, Math.ceil(this.#data.length * 1.5))).fill(this.#fill);
		next.set(this.#data);
		this.#data = next;
	}
}

/** A Uint16Array that grows by half; unwritten slots read as 0. */
export class GrowableUint16 {
	#data = new Uint16Array(1024);

	get(index: number): number {
		return index < this.#data.length ? (this.#data[index] as number) : 0;
	}

	set(index: number, value: number): void {
		if (index >= this.#data.length) {
			const next = new Uint16Array(Math.max(index + 1, Math.ceil(this.#data.length * 1.5)));
			next.set(this.#data);
			this.#data = next;
		}
		this.#data[index] = value;
	}
}
