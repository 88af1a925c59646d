// Which values each object names: the first inline (4 bytes an object), the rest in one shared pool of Int32s
// rather than an array and a Map entry per object (~80 bytes for a file SCO's three hashes).
import { GrowableInt32 } from "./growable.ts";

/** Per object ordinal, the ordinals of the values it names, in the order given. */
export class ObjectValues {
	readonly #first = new GrowableInt32(-1);
	/** Per object: where its further values start in the pool (a count, then the values), -1 when none. */
	readonly #restAt = new GrowableInt32(-1);
	#pool = new GrowableInt32(0);
	#poolLength = 0;
	#wasted = 0;
	#objects = 0;

	/** Records `values` as what `object` names (it named nothing before: `clear` first). */
	set(object: number, values: readonly number[]): void {
		this.#objects = Math.max(this.#objects, object + 1);
		this.#first.set(object, values[0] ?? -1);
		if (values.length < 2) return;
		this.#restAt.set(object, this.#poolLength);
		this.#pool.set(this.#poolLength++, values.length - 1);
		for (let i = 1; i < values.length; i++) this.#pool.set(this.#poolLength++, values[i] as number);
	}

	get(object: number): number[] {
		const first = this.#first.get(object);
		if (first < 0) return [];
		const values = [first];
		const at = this.#restAt.get(object);
		if (at >= 0) for (let i = 1, n = this.#pool.get(at); i <= n; i++) values.push(this.#pool.get(at + i));
		return values;
	}

	clear(object: number): void {
		this.#first.set(object, -1);
		const at = this.#restAt.get(object);
		if (at < 0) return;
		this.#wasted += this.#pool.get(at) + 1;
		this.#restAt.set(object, -1);
		if (this.#wasted > 65_536 && this.#wasted * 2 > this.#poolLength) this.#compact();
	}

	/** Copies the live lists into a new pool: objects re-indexed many times leave dead lists behind. */
	#compact(): void {
		const old = this.#pool;
		this.#pool = new GrowableInt32(0);
		this.#poolLength = 0;
		for (let object = 0; object < this.#objects; object++) {
			const at = this.#restAt.get(object);
			if (at < 0) continue;
			this.#restAt.set(object, this.#poolLength);
			for (let i = 0, n = old.get(at); i <= n; i++) this.#pool.set(this.#poolLength++, old.get(at + i));
		}
		this.#wasted = 0;
	}
}
