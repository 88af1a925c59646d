// MarkingWait: an entry comes back once every marking it missed is learned, and only then.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MarkingWait } from "./marking-wait.ts";

describe("MarkingWait", () => {
	it("releases an entry when the last of its missing refs is learned, each entry once", () => {
		const wait = new MarkingWait<string>();
		wait.hold("a", ["m1"]);
		wait.hold("b", ["m1", "m2", "m1"]);
		wait.hold("c", ["m2"]);
		assert.equal(wait.size, 3);
		assert.deepEqual(wait.learned("m1"), ["a"]);
		assert.deepEqual(wait.learned("m1"), []);
		assert.deepEqual(wait.learned("m3"), []);
		assert.deepEqual(wait.learned("m2"), ["b", "c"]);
		assert.equal(wait.size, 0);
		assert.deepEqual(wait.drain(), []);
	});

	it("drains what is still held in the order it was held", () => {
		const wait = new MarkingWait<number>();
		wait.hold(1, ["x", "y"]);
		wait.hold(2, ["y"]);
		wait.hold(3, ["x"]);
		wait.hold(4, ["z"]);
		assert.deepEqual(wait.learned("x"), [3]);
		assert.deepEqual(wait.drain(), [1, 2, 4]);
		assert.equal(wait.size, 0);
	});
});
