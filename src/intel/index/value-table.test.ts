// Values interned by (kind, value) and their posting lists, against a Map, through growth, release and reuse.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ValueTable } from "./value-table.ts";

describe("ValueTable", () => {
	it("answers as a Map of (kind, value) to the objects naming it would", () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						add: fc.boolean(),
						kind: fc.constantFrom("ipv4", "domain", "md5"),
						value: fc.constantFrom("a", "b", "c", "d", "x".repeat(20)),
						object: fc.integer({ min: 0, max: 5 }),
					}),
					{ maxLength: 200 },
				),
				(operations) => {
					const table = new ValueTable();
					const model = new Map<string, number[]>();
					for (const { add, kind, value, object } of operations) {
						const key = `${kind}:${value}`;
						const objects = model.get(key) ?? [];
						if (add && !objects.includes(object)) {
							table.addObject(table.intern(kind, value), object);
							model.set(key, [...objects, object]);
						} else if (!add && objects.includes(object)) {
							const freed = table.removeObject(table.ordinalOf(kind, value), object);
							const rest = objects.filter((o) => o !== object);
							assert.equal(freed, rest.length === 0);
							if (rest.length === 0) model.delete(key);
							else model.set(key, rest);
						}
					}
					assert.equal(table.size, model.size);
					for (const kind of ["ipv4", "domain", "md5"])
						for (const value of ["a", "b", "c", "d", "x".repeat(20)]) {
							const ordinal = table.ordinalOf(kind, value);
							const expected = model.get(`${kind}:${value}`) ?? [];
							assert.equal(table.countOf(ordinal), expected.length);
							const seen: number[] = [];
							if (ordinal >= 0) table.forEachObject(ordinal, (object) => seen.push(object) > 0);
							assert.deepEqual(seen, expected);
							if (ordinal >= 0)
								assert.deepEqual([table.kindOf(ordinal), table.valueOf(ordinal)], [kind, value]);
						}
				},
			),
			{ numRuns: 300 },
		);
	});

	it("holds a hundred thousand values through growth and the release of half of them", () => {
		const table = new ValueTable();
		const value = (i: number) => `host-${i}.example`;
		for (let i = 0; i < 100_000; i++) table.addObject(table.intern(i % 2 ? "domain" : "url", value(i)), i);
		for (let i = 0; i < 100_000; i += 2) table.removeObject(table.ordinalOf("url", value(i)), i);
		for (let i = 0; i < 100_000; i++) {
			const ordinal = table.ordinalOf(i % 2 ? "domain" : "url", value(i));
			if (i % 2 === 0) assert.equal(ordinal, -1);
			else assert.equal(table.valueOf(ordinal), value(i));
		}
		assert.equal(table.ordinalOf("url", value(1)), -1, "kinds are apart");
		assert.equal(table.size, 50_000);
	});
});
