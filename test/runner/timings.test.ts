import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { collectTimings, formatSlowest, slowest } from "./timings.ts";

/** Replays the events node:test's run() emits for one file with a suite of two tests, one failing. */
function replayOneFile(events: EventEmitter): void {
	const file = "/repo/src/a.test.ts";
	events.emit("test:start", { name: "store", nesting: 0, file });
	events.emit("test:start", { name: "pages", nesting: 1, file });
	events.emit("test:pass", { name: "pages", nesting: 1, file, details: { duration_ms: 1200, type: "test" } });
	events.emit("test:start", { name: "quarantines", nesting: 1, file });
	events.emit("test:fail", {
		name: "quarantines",
		nesting: 1,
		file,
		details: { duration_ms: 30, type: "test" },
	});
	events.emit("test:pass", {
		name: "store",
		nesting: 0,
		file,
		details: { duration_ms: 1300, type: "suite" },
	});
	events.emit("test:start", { name: "alone", nesting: 0, file });
	events.emit("test:pass", { name: "alone", nesting: 0, file, details: { duration_ms: 5, type: "test" } });
	events.emit("test:start", { name: "later", nesting: 0, file });
	events.emit("test:pass", {
		name: "later",
		nesting: 0,
		file,
		skip: true,
		details: { duration_ms: 0, type: "test" },
	});
	events.emit("test:pass", { name: file, nesting: 0, file, details: { duration_ms: 900, type: "test" } });
	events.emit("test:summary", { file, duration_ms: 1900 });
	events.emit("test:summary", { duration_ms: 2500 });
}

describe("collectTimings", () => {
	it("records each file's process and each test that ran under its suites' names, not suites, skips or the file", () => {
		const events = new EventEmitter();
		const timings = collectTimings(events, "/repo");
		replayOneFile(events);
		assert.deepEqual(timings.files, [{ file: "src/a.test.ts", ms: 1900 }]);
		assert.deepEqual(timings.tests, [
			{ file: "src/a.test.ts", name: "store > pages", ms: 1200 },
			{ file: "src/a.test.ts", name: "store > quarantines", ms: 30 },
			{ file: "src/a.test.ts", name: "alone", ms: 5 },
		]);
	});

	it("ranks the slowest first and prints them in seconds", () => {
		const events = new EventEmitter();
		const timings = collectTimings(events, "/repo");
		replayOneFile(events);
		const top = slowest(timings, 2);
		assert.deepEqual(
			top.tests.map((t) => t.name),
			["store > pages", "store > quarantines"],
		);
		assert.equal(
			formatSlowest(top),
			[
				"slowest 1 files (each file's process, start to exit):",
				"   1.9 s  src/a.test.ts",
				"slowest 2 tests (the test alone, without its suite's hooks):",
				"   1.2 s  src/a.test.ts  store > pages",
				"   0.0 s  src/a.test.ts  store > quarantines",
			].join("\n"),
		);
	});
});
