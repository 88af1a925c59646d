// Tests the content comparison behind duplicate vs quarantined.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalJson, differingProperties } from "./content-diff.ts";

describe("differingProperties", () => {
	it("ignores key order at every depth and names differing, added and removed properties", () => {
		const a = { type: "x", ext: { b: 1, a: [1, { d: 2, c: 3 }] }, gone: 1, same: "s" };
		const b = { same: "s", ext: { a: [1, { c: 3, d: 2 }], b: 1 }, type: "y", added: true };
		assert.deepEqual(differingProperties(a, b), ["added", "gone", "type"]);
		assert.equal(canonicalJson(a.ext), canonicalJson(b.ext));
	});

	it("keeps array order significant", () => {
		assert.deepEqual(differingProperties({ labels: ["a", "b"] }, { labels: ["b", "a"] }), ["labels"]);
	});
});
