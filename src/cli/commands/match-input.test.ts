// The values `entente match` finds in a line of a log or a report.
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { valuesOfLine, valuesOfStream } from "./match-input.ts";

describe("valuesOfLine", () => {
	it("finds every value in a log line, refanged, in order, once each", () => {
		assert.deepEqual(
			valuesOfLine(
				'Dec 7 deny src=198.51.100.7 dst=203.0.113.9:443 host="evil[.]example[.]com". src=198.51.100.7',
			),
			["198.51.100.7", "203.0.113.9", "evil.example.com"],
		);
	});

	it("finds nothing in a line of words, and bounds a huge line", () => {
		assert.deepEqual(valuesOfLine("the quick brown fox"), []);
		assert.deepEqual(valuesOfLine(`${"x".repeat(200_000)} 198.51.100.7`), []);
	});
});

describe("valuesOfStream", () => {
	it("yields the values of each line as lines arrive, counting lines", async () => {
		const lines: number[] = [];
		const values: unknown[] = [];
		const input = Readable.from(["a 198.51.100.7\nb hxxps://evil[.]example[.]com/x\r\n", "c nothing\n"]);
		for await (const value of valuesOfStream(input, (count) => lines.push(count))) values.push(value);
		assert.deepEqual(values, ["198.51.100.7", "https://evil.example.com/x"]);
		assert.deepEqual(lines, [1, 2, 3]);
	});
});
