// The ordered pairs against a sorted array, through inserts past the small run, removals and bulk appends.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { SortedKeys } from "./sorted-keys.ts";

type Operation = { add: boolean; bulk: boolean; key: number; ordinal: number };

const operation = fc.record({
	add: fc.boolean(),
	bulk: fc.boolean(),
	key: fc.integer({ min: 0, max: 50 }),
	ordinal: fc.integer({ min: 0, max: 20 }),
});

function model(operations: readonly Operation[]): { keys: SortedKeys<number>; pairs: [number, number][] } {
	const keys = new SortedKeys<number>();
	const pairs: [number, number][] = [];
	for (const { add, bulk, key, ordinal } of operations) {
		const at = pairs.findIndex(([k, o]) => k === key && o === ordinal);
		if (add && at < 0) {
			pairs.push([key, ordinal]);
			if (bulk) keys.addUnsorted(key, ordinal);
			else keys.add(key, ordinal);
		} else if (!add && at >= 0) {
			pairs.splice(at, 1);
			keys.remove(key, ordinal);
		}
	}
	return { keys, pairs };
}

describe("SortedKeys", () => {
	it("scans a key range as a filter of a sorted array would", () => {
		fc.assert(
			fc.property(
				fc.array(operation, { maxLength: 200 }),
				fc.integer({ min: 0, max: 50 }),
				fc.integer({ min: 0, max: 50 }),
				(operations, a, b) => {
					const { keys, pairs } = model(operations);
					const [low, high] = a <= b ? [a, b] : [b, a];
					const seen: [number, number][] = [];
					keys.scan(low, high, (key, ordinal) => seen.push([key, ordinal]) > 0);
					const keysSeen = seen.map(([key]) => key);
					assert.deepEqual(
						keysSeen,
						[...keysSeen].sort((x, y) => x - y),
						"in key order",
					);
					const sortPairs = (list: [number, number][]) =>
						[...list].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
					assert.deepEqual(sortPairs(seen), sortPairs(pairs.filter(([key]) => key >= low && key <= high)));
					assert.equal(keys.size, pairs.length);
				},
			),
			{ numRuns: 500 },
		);
	});

	it("scans a prefix as a filter of a sorted array would, with heads kept or not", () => {
		// Long parts and characters around 255 reach past a head's 16 characters and its saturation.
		const key = fc
			.array(fc.constantFrom("a", "b", ".", "\u00ff", "\u0100", "\uffff", "abcdefghij"), { maxLength: 4 })
			.map((parts) => parts.join(""));
		const op = fc.record({
			add: fc.boolean(),
			bulk: fc.boolean(),
			key,
			ordinal: fc.integer({ min: 0, max: 5 }),
		});
		fc.assert(
			fc.property(fc.array(op, { maxLength: 120 }), key, fc.boolean(), (operations, prefix, heads) => {
				const keys = new SortedKeys<string>({ heads });
				const pairs: [string, number][] = [];
				for (const { add, bulk, key, ordinal } of operations) {
					const at = pairs.findIndex(([k, o]) => k === key && o === ordinal);
					if (add && at < 0) {
						pairs.push([key, ordinal]);
						if (bulk) keys.addUnsorted(key, ordinal);
						else keys.add(key, ordinal);
					} else if (!add && at >= 0) {
						pairs.splice(at, 1);
						keys.remove(key, ordinal);
					}
				}
				const seen: number[] = [];
				keys.scanPrefix(prefix, (ordinal) => seen.push(ordinal) > 0);
				// Equal keys come in no promised order: compare the ordinals found, not their sequence.
				const expected = pairs.filter(([k]) => k.startsWith(prefix)).map(([, ordinal]) => ordinal);
				const sorted = (list: number[]) => [...list].sort((x, y) => x - y);
				assert.deepEqual(sorted(seen), sorted(expected));
			}),
			{ numRuns: 500 },
		);
	});

	for (const heads of [false, true])
		it(`keeps order through thousands of inserts and removals (merges, tombstones; heads ${heads})`, () => {
			const keys = new SortedKeys<string>({ heads });
			const held = new Set<string>();
			for (let i = 0; i < 20_000; i++) {
				const key = `k${(i * 7919) % 10_007}`;
				if (held.has(key)) {
					keys.remove(key, 1);
					held.delete(key);
				} else {
					keys.add(key, 1);
					held.add(key);
				}
			}
			const seen: string[] = [];
			keys.scan("", "\uffff", (key) => seen.push(key) > 0);
			assert.deepEqual(seen, [...held].sort());
		});
});
