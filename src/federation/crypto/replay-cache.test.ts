import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReplayCache } from "./replay-cache.ts";

describe("ReplayCache", () => {
	it("reports a key seen before its forget time, and forgets it after", () => {
		const cache = new ReplayCache({ maxEntries: 10 });
		assert.equal(cache.seen("k", 100, 50), false);
		assert.equal(cache.seen("k", 100, 100), true);
		assert.equal(cache.seen("k", 200, 101), false);
		assert.equal(cache.seen("k", 200, 150), true);
	});

	it("never holds more than maxEntries: sweeps expired entries first, then evicts the oldest", () => {
		const cache = new ReplayCache({ maxEntries: 3 });
		cache.seen("a", 10, 0);
		cache.seen("b", 100, 0);
		cache.seen("c", 100, 0);
		cache.seen("d", 100, 20); // "a" expired: swept, nothing evicted
		assert.equal(cache.size, 3);
		assert.equal(cache.evictions, 0);
		cache.seen("e", 100, 21); // full of live entries: the oldest ("b") goes
		assert.equal(cache.size, 3);
		assert.equal(cache.evictions, 1);
		assert.equal(cache.seen("c", 100, 22), true);
		assert.equal(cache.seen("b", 100, 22), false);
	});

	it("stays bounded under a flood", () => {
		const cache = new ReplayCache({ maxEntries: 1000 });
		for (let i = 0; i < 20_000; i++) cache.seen(`n${i}`, 10_000, Math.floor(i / 100));
		assert.equal(cache.size, 1000);
		assert.equal(cache.seen("n19999", 10_000, 200), true);
	});

	it("refuses a meaningless size", () => {
		assert.throws(() => new ReplayCache({ maxEntries: 0 }), RangeError);
	});
});
