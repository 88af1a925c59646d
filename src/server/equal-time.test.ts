// The equal-time rule's parts (D35); its effect is measured in bench/workloads/hidden-vs-missing.ts, never here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EqualTime, namesOneObject, quantile } from "./equal-time.ts";

describe("equal time for one-object 404s", () => {
	it("knows the paths that name one object, and no others", () => {
		const id = "indicator--4057a000-0000-4000-8000-000000000001";
		for (const path of [
			`/taxii2/api/collections/all/objects/${id}/`,
			`/taxii2/api/collections/all/objects/${id}/versions/`,
			`/api/v1/objects/${id}`,
			`/api/v1/objects/${id}/versions`,
			`/api/v1/objects/${id}/referrers`,
		])
			assert.equal(namesOneObject(path), true, path);
		for (const path of [
			"/api/v1/objects",
			"/taxii2/api/collections/all/objects/",
			"/api/v1/nothing",
			"/metrics",
		])
			assert.equal(namesOneObject(path), false, path);
	});

	it("holds every such 404 to the tail of the recent ones", () => {
		assert.equal(quantile([], 0.99), 0);
		assert.equal(quantile([3, 1, 2], 0.5), 2);
		const values = Array.from({ length: 100 }, (_, i) => i + 1);
		assert.equal(quantile(values, 0.99), 99);
		const timing = new EqualTime(() => 0);
		for (const elapsed of values) timing.record(elapsed);
		assert.equal(timing.target, 90, "the 0.9 quantile of 1..100");
		// The window forgets: after 512 fast ones the slow past no longer sets the target.
		for (let i = 0; i < 512; i++) timing.record(0.5);
		assert.equal(timing.target, 0.5);
	});

	it("waits until the request's start plus the target, measured on the injected clock", async () => {
		let now = 0;
		const timing = new EqualTime(() => now);
		timing.record(10);
		const answered = timing.answer(0).then(() => "answered");
		// The clock has not reached 10: the answer is still pending after the event loop turns.
		await new Promise((done) => setImmediate(done));
		now = 10;
		assert.equal(await answered, "answered");
	});
});
