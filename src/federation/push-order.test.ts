// PushSequencer: a pipelined push is stored only after the one it follows; a failure or a missing
// predecessor refuses it (the sender resends in order).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OutOfOrderPush, PushSequencer } from "./push-order.ts";

describe("PushSequencer", () => {
	it("lets a first push go at once and holds its successor until it is stored", async () => {
		const sequencer = new PushSequencer(1000);
		const order: string[] = [];
		await sequencer.turn("p", { last: 10 });
		const second = sequencer.turn("p", { after: 10, last: 20 }).then(() => order.push("second"));
		await new Promise((resolve) => setImmediate(resolve));
		assert.equal(order.length, 0, "waits for the first");
		order.push("first");
		sequencer.stored("p", 10);
		await second;
		assert.deepEqual(order, ["first", "second"]);
		sequencer.stored("p", 20);
		await sequencer.turn("p", { after: 20, last: 30 });
	});

	it("refuses a successor when its predecessor failed or never comes", async () => {
		const sequencer = new PushSequencer(30);
		const waiting = sequencer.turn("p", { after: 10, last: 20 });
		sequencer.failed("p", 10);
		await assert.rejects(waiting, OutOfOrderPush);
		await assert.rejects(sequencer.turn("p", { after: 99, last: 100 }), OutOfOrderPush);
		await sequencer.turn("q", undefined);
	});

	it("waits past the limit for a predecessor that arrived and is still being stored", async () => {
		const sequencer = new PushSequencer(20);
		sequencer.arrived("p", { last: 10 });
		const second = sequencer.turn("p", { after: 10, last: 20 });
		await new Promise((resolve) => setTimeout(resolve, 60));
		sequencer.stored("p", 10);
		await second;
	});

	it("keeps peers apart", async () => {
		const sequencer = new PushSequencer(30);
		sequencer.stored("p", 10);
		await sequencer.turn("p", { after: 10, last: 20 });
		await assert.rejects(sequencer.turn("q", { after: 10, last: 20 }), OutOfOrderPush);
	});
});
