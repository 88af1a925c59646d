// What a list feed (free text or CSV) yields: its values in normal form, and a message per line it skipped.
import type { Observable } from "../observables/index.ts";

/** One value of a list, with what the list says about it. */
export interface ListValue {
	observable: Observable;
	/** RFC 3339, when the list gives a first-seen date that parses. */
	firstSeen?: string;
	comment?: string;
}

/**
 * A list as read: its distinct values by key (`kind:value`, the first occurrence of each, in order), and one
 * message per line skipped.
 */
export interface ReadList {
	values: Map<string, ListValue>;
	/** Lines (or rows) that named no value: counted, the first MAX_PROBLEMS kept as messages. */
	skipped: number;
	problems: string[];
}

/** Messages kept per pull; the rest are counted. */
export const MAX_PROBLEMS = 100;

/** Collects values once each (by kind and normal form) and problems up to MAX_PROBLEMS. */
export class ListBuilder {
	readonly #list: ReadList = { values: new Map(), skipped: 0, problems: [] };

	add(value: ListValue): void {
		const key = `${value.observable.kind}:${value.observable.value}`;
		if (!this.#list.values.has(key)) this.#list.values.set(key, value);
	}

	skip(message: string): void {
		this.#list.skipped++;
		if (this.#list.problems.length < MAX_PROBLEMS) this.#list.problems.push(message);
	}

	finish(): ReadList {
		return this.#list;
	}
}
