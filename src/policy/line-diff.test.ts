// diffLines: the kept and added lines give the new text back, the kept and removed the old, and the script is
// shortest (as many kept lines as a longest common subsequence, checked against a plain dynamic-programming LCS).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type DiffLine, diffLines } from "./line-diff.ts";

function rebuild(lines: readonly DiffLine[], side: "from" | "to"): string {
	const skip = side === "from" ? "+" : "-";
	return lines
		.filter((line) => line.op !== skip)
		.map((line) => line.text + (line.noNewline === true ? "" : "\n"))
		.join("");
}

/** Lines with their newline, as diffLines compares them. */
function split(text: string): string[] {
	return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
	let row = new Array<number>(b.length + 1).fill(0);
	for (const x of a) {
		const next = [0];
		for (const [j, y] of b.entries())
			next.push(x === y ? (row[j] ?? 0) + 1 : Math.max(row[j + 1] ?? 0, next[j] ?? 0));
		row = next;
	}
	return row[b.length] ?? 0;
}

/** Texts made of a few distinct lines, so that they share many, sometimes without a final newline. */
const text = fc
	.tuple(fc.array(fc.constantFrom("a", "b", "c", "", "  key: value"), { maxLength: 30 }), fc.boolean())
	.map(([lines, newline]) => (lines.length === 0 ? "" : lines.join("\n") + (newline ? "\n" : "")));

describe("diffLines", () => {
	it("gives both texts back, with a shortest script and line numbers in order", () => {
		fc.assert(
			fc.property(text, text, (from, to) => {
				const lines = diffLines(from, to);
				assert.equal(rebuild(lines, "from"), from);
				assert.equal(rebuild(lines, "to"), to);
				const kept = lines.filter((line) => line.op === "=").length;
				assert.equal(kept, lcsLength(split(from), split(to)));
				const fromLines = lines.flatMap((line) => (line.fromLine === undefined ? [] : [line.fromLine]));
				const toLines = lines.flatMap((line) => (line.toLine === undefined ? [] : [line.toLine]));
				assert.deepEqual(
					fromLines,
					split(from).map((_, index) => index + 1),
				);
				assert.deepEqual(
					toLines,
					split(to).map((_, index) => index + 1),
				);
			}),
			{ numRuns: 500 },
		);
	});

	it("marks a changed line and a last line without a newline", () => {
		assert.deepEqual(diffLines("a\nb\nc\n", "a\nB\nc"), [
			{ op: "=", text: "a", fromLine: 1, toLine: 1 },
			{ op: "-", text: "b", fromLine: 2 },
			{ op: "-", text: "c", fromLine: 3 },
			{ op: "+", text: "B", toLine: 2 },
			{ op: "+", text: "c", toLine: 3, noNewline: true },
		]);
		assert.deepEqual(diffLines("", ""), []);
	});

	it("still gives both texts back when more lines differ than it searches for a shortest script", () => {
		const from = Array.from({ length: 3000 }, (_, n) => `old ${n}`).join("\n");
		const to = Array.from({ length: 3000 }, (_, n) => `new ${n}`).join("\n");
		const lines = diffLines(`same\n${from}\nsame`, `same\n${to}\nsame`);
		assert.equal(rebuild(lines, "from"), `same\n${from}\nsame`);
		assert.equal(rebuild(lines, "to"), `same\n${to}\nsame`);
		assert.equal(lines.filter((line) => line.op === "=").length, 2);
	});
});
