// The unified diff `entente policy diff` prints: applying its hunks (by their @@ headers alone) to the old text gives
// the new one, with "\ No newline at end of file" where a side ends without one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { diffLines } from "../../policy/index.ts";
import { unifiedDiff } from "./policy-versions.ts";

/** Applies a unified diff to `from` as patch(1) would, trusting only the hunk headers and line prefixes. */
function patch(from: string, diff: string): string {
	const source = from.match(/[^\n]*\n|[^\n]+$/g) ?? [];
	const lines = diff.split("\n").slice(2, -1);
	const out: string[] = [];
	let next = 0;
	for (let index = 0; index < lines.length; index++) {
		const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[index] ?? "");
		assert.ok(header, `expected a hunk header, got ${lines[index]}`);
		const count = header[2] === undefined ? 1 : Number(header[2]);
		const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
		out.push(...source.slice(next, start));
		next = start;
		while (index + 1 < lines.length && !(lines[index + 1] ?? "").startsWith("@@")) {
			const line = lines[++index] ?? "";
			const ending = lines[index + 1] === "\\ No newline at end of file" ? "" : "\n";
			if (ending === "") index++;
			if (line.startsWith("+")) out.push(line.slice(1) + ending);
			else {
				assert.equal(source[next], line.slice(1) + ending);
				next++;
				if (line.startsWith(" ")) out.push(line.slice(1) + ending);
			}
		}
	}
	return [...out, ...source.slice(next)].join("");
}

const text = fc
	.tuple(fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f", ""), { maxLength: 40 }), fc.boolean())
	.map(([lines, newline]) => (lines.length === 0 ? "" : lines.join("\n") + (newline ? "\n" : "")));

describe("unifiedDiff", () => {
	it("gives hunks that turn the old text into the new one", () => {
		fc.assert(
			fc.property(text, text, (from, to) => {
				const diff = unifiedDiff(diffLines(from, to), "a", "b");
				if (from === to) assert.equal(diff, "");
				else assert.equal(patch(from, diff), to);
			}),
			{ numRuns: 500 },
		);
	});

	it("writes the headers and hunks as diff -u does", () => {
		const from = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
		const to = "1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n11";
		// What GNU diff -u prints for these two texts, after its headers: one hunk (six unchanged lines between).
		assert.equal(
			unifiedDiff(diffLines(from, to), "policy version 1", "new.yaml"),
			[
				"--- policy version 1",
				"+++ new.yaml",
				"@@ -1,10 +1,11 @@",
				" 1",
				" 2",
				" 3",
				"-4",
				"+four",
				" 5",
				" 6",
				" 7",
				" 8",
				" 9",
				" 10",
				"+11",
				"\\ No newline at end of file",
				"",
			].join("\n"),
		);
	});
});
