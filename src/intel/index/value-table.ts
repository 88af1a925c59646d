// Observable values interned to ordinals, one Map per kind (the value string itself is the key, no `kind:` copy),
// each with its posting list: the ordinals of the objects that name it, the first two inline, the rest aside.
import { GrowableInt32, GrowableUint16 } from "./growable.ts";

/** Values by kind, and which objects name each. */
export class ValueTable {
	readonly #byKind = new Map<string, Map<string, number>>();
	readonly #kinds: string[] = [""];
	/** Per value ordinal: its kind's number, 0 when free. */
	readonly #kindOf = new GrowableUint16();
	readonly #values: (string | undefined)[] = [];
	readonly #free: number[] = [];
	readonly #first = new GrowableInt32(-1);
	readonly #second = new GrowableInt32(-1);
	readonly #more = new Map<number, number[]>();
	#count = 0;

	/** How many distinct values are held. */
	get size(): number {
		return this.#count;
	}

	/** The value's ordinal, or -1 when no object names it. */
	ordinalOf(kind: string, value: string): number {
		return this.#byKind.get(kind)?.get(value) ?? -1;
	}

	/** The value's ordinal, given one (with no objects) when it has none. */
	intern(kind: string, value: string): number {
		let values = this.#byKind.get(kind);
		if (values === undefined) {
			values = new Map();
			this.#byKind.set(kind, values);
			this.#kinds.push(kind);
		}
		const held = values.get(value);
		if (held !== undefined) return held;
		const ordinal = this.#free.pop() ?? this.#values.length;
		values.set(value, ordinal);
		this.#values[ordinal] = value;
		this.#kindOf.set(ordinal, this.#kinds.indexOf(kind));
		this.#count++;
		return ordinal;
	}

	/** The kinds of value ever held. */
	kinds(): readonly string[] {
		return this.#kinds.slice(1);
	}

	kindOf(ordinal: number): string {
		return this.#kinds[this.#kindOf.get(ordinal)] ?? "";
	}

	valueOf(ordinal: number): string {
		return this.#values[ordinal] ?? "";
	}

	/** Records that object `object` names value `ordinal` (once: the caller adds each pair once). */
	addObject(ordinal: number, object: number): void {
		if (this.#first.get(ordinal) < 0) this.#first.set(ordinal, object);
		else if (this.#second.get(ordinal) < 0) this.#second.set(ordinal, object);
		else {
			const more = this.#more.get(ordinal);
			if (more === undefined) this.#more.set(ordinal, [object]);
			else more.push(object);
		}
	}

	/** Forgets that `object` names value `ordinal`; a value no object names any more is freed (returns true). */
	removeObject(ordinal: number, object: number): boolean {
		const more = this.#more.get(ordinal);
		if (this.#first.get(ordinal) === object) {
			this.#first.set(ordinal, this.#second.get(ordinal));
			this.#second.set(ordinal, this.#shift(ordinal, more));
		} else if (this.#second.get(ordinal) === object) {
			this.#second.set(ordinal, this.#shift(ordinal, more));
		} else if (more !== undefined) {
			const at = more.indexOf(object);
			if (at >= 0) more.splice(at, 1);
			if (more.length === 0) this.#more.delete(ordinal);
		}
		if (this.#first.get(ordinal) >= 0) return false;
		this.#release(ordinal);
		return true;
	}

	/** How many objects name value `ordinal`. */
	countOf(ordinal: number): number {
		if (ordinal < 0 || this.#first.get(ordinal) < 0) return 0;
		if (this.#second.get(ordinal) < 0) return 1;
		return 2 + (this.#more.get(ordinal)?.length ?? 0);
	}

	/** Calls `visit` with each object naming value `ordinal`, in the order they were added, until it returns false. */
	forEachObject(ordinal: number, visit: (object: number) => boolean): void {
		const first = this.#first.get(ordinal);
		if (first < 0 || !visit(first)) return;
		const second = this.#second.get(ordinal);
		if (second < 0 || !visit(second)) return;
		for (const object of this.#more.get(ordinal) ?? []) if (!visit(object)) return;
	}

	/** Every value of one kind with its ordinal (for tests and rebuilding derived structures). */
	valuesOfKind(kind: string): ReadonlyMap<string, number> {
		return this.#byKind.get(kind) ?? new Map();
	}

	#shift(ordinal: number, more: number[] | undefined): number {
		if (more === undefined) return -1;
		const next = more.shift() as number;
		if (more.length === 0) this.#more.delete(ordinal);
		return next;
	}

	#release(ordinal: number): void {
		const kind = this.kindOf(ordinal);
		this.#byKind.get(kind)?.delete(this.valueOf(ordinal));
		this.#values[ordinal] = undefined;
		this.#kindOf.set(ordinal, 0);
		this.#free.push(ordinal);
		this.#count--;
	}
}
