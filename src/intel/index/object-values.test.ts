// Each object's values through re-indexing and the pool's compaction, against a Map.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ObjectValues } from "./object-values.ts";

describe("ObjectValues", () => {
	it("gives back what was set, after one object's replacements have compacted the pool under the others", () => {
		const lists = new ObjectValues();
		const model = new Map<number, number[]>();
		for (let object = 0; object < 1000; object++) {
			const values = Array.from({ length: object % 4 }, (_, i) => object * 10 + i);
			lists.set(object, values);
			model.set(object, values);
		}
		for (let round = 0; round < 50_000; round++) {
			lists.clear(5000);
			lists.set(5000, [round, round + 1, round + 2]);
		}
		model.set(5000, [49_999, 50_000, 50_001]);
		for (const [object, values] of model) assert.deepEqual(lists.get(object), values);
		lists.clear(3);
		assert.deepEqual(lists.get(3), []);
	});
});
