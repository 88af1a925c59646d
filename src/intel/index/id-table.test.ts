// Ids interned to ordinals and written back, through removals, reuse and growth, against a Map.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { IdTable } from "./id-table.ts";

const uuid = fc.uuid().map((u) => u.toLowerCase());
const id = fc.oneof(
	fc.tuple(fc.constantFrom("indicator", "ipv4-addr", "file", "x-custom"), uuid).map(([t, u]) => `${t}--${u}`),
	fc.constantFrom("indicator--NOT-A-UUID", "weird", "x--ABCDEF01-0000-4000-8000-000000000000"),
);

describe("IdTable", () => {
	it("answers as a Map of id to ordinal would, through interning and releasing", () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.boolean(), id), { maxLength: 300 }), (operations) => {
				const table = new IdTable();
				const model = new Map<string, number>();
				for (const [add, value] of operations) {
					if (add) {
						const ordinal = table.intern(value);
						if (model.has(value)) assert.equal(ordinal, model.get(value));
						model.set(value, ordinal);
					} else {
						const ordinal = table.ordinalOf(value);
						assert.equal(ordinal, model.get(value) ?? -1);
						if (ordinal >= 0) table.release(ordinal);
						model.delete(value);
					}
				}
				assert.equal(table.size, model.size);
				const ordinals = new Set<number>();
				for (const [value, ordinal] of model) {
					assert.equal(table.ordinalOf(value), ordinal);
					assert.equal(table.idOf(ordinal), value);
					assert.equal(table.typeOf(ordinal), value.slice(0, Math.max(0, value.indexOf("--"))));
					ordinals.add(ordinal);
				}
				assert.equal(ordinals.size, model.size, "ordinals are distinct");
			}),
			{ numRuns: 300 },
		);
	});

	it("holds a hundred thousand ids and finds each", () => {
		const table = new IdTable();
		const ids = Array.from(
			{ length: 100_000 },
			(_, i) =>
				`indicator--${i.toString(16).padStart(8, "0")}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
		);
		for (const value of ids) table.intern(value);
		for (let i = 0; i < ids.length; i += 2) table.release(table.ordinalOf(ids[i] as string));
		ids.forEach((value, i) => {
			const ordinal = table.ordinalOf(value);
			if (i % 2 === 0) assert.equal(ordinal, -1);
			else assert.equal(table.idOf(ordinal), value);
		});
		assert.equal(table.size, 50_000);
	});
});
