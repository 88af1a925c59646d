import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hideUnmatchedFiles } from "./unmatched.ts";

const FILE = "/repo/src/a.test.ts";
const OTHER = "/repo/src/b.test.ts";

async function through(events: readonly object[]): Promise<object[]> {
	const filter = hideUnmatchedFiles();
	const out: object[] = [];
	filter.on("data", (event: object) => out.push(event));
	const ended = new Promise((resolve) => filter.on("end", resolve));
	for (const event of events) filter.write(event);
	filter.end();
	await ended;
	return out;
}

describe("hideUnmatchedFiles", () => {
	it("hides a file that ran no test and its hook's race failure, and keeps every test and real failure", async () => {
		const race = { failureType: "hookFailed" };
		const events = [
			{ type: "test:start", data: { name: FILE, file: FILE } },
			{ type: "test:pass", data: { name: "matches", file: FILE, details: { type: "test" } } },
			{ type: "test:pass", data: { name: FILE, file: FILE, details: { type: "test" } } },
			{ type: "test:pass", data: { name: OTHER, file: OTHER, details: { type: "test" } } },
			{ type: "test:fail", data: { name: OTHER, file: OTHER, details: { type: "test", error: race } } },
			{ type: "test:fail", data: { name: FILE, file: FILE, details: { type: "test", error: race } } },
			{
				type: "test:fail",
				data: { name: OTHER, file: OTHER, details: { error: { failureType: "testCodeFailure" } } },
			},
			{ type: "test:diagnostic", data: { message: "tests 1" } },
		];
		const kept = await through(events);
		assert.deepEqual(kept, [events[1], events[2], events[5], events[6], events[7]]);
	});
});
