// A unified diff of two policy versions as side-by-side rows: removals paired with the additions after them, long
// unchanged stretches folded to a count.
import type { PolicyDiffLine } from "./policy-api.ts";

/** Unchanged lines kept around each change; longer unchanged stretches are folded. */
const CONTEXT = 3;

export type Cell = { line: number | undefined; text: string } | undefined;
export type DiffRow =
	| { kind: "same" | "changed"; left: Cell; right: Cell }
	| { kind: "folded"; count: number };

/** The unified lines as side-by-side rows: each run of removals paired with the run of additions after it. */
export function sideBySide(lines: readonly PolicyDiffLine[]): DiffRow[] {
	const rows: DiffRow[] = [];
	let index = 0;
	while (index < lines.length) {
		const line = lines[index] as PolicyDiffLine;
		if (line.op === "=") {
			rows.push({
				kind: "same",
				left: { line: line.fromLine, text: line.text },
				right: { line: line.toLine, text: line.text },
			});
			index++;
			continue;
		}
		const removed: PolicyDiffLine[] = [];
		const added: PolicyDiffLine[] = [];
		while (lines[index]?.op === "-") removed.push(lines[index++] as PolicyDiffLine);
		while (lines[index]?.op === "+") added.push(lines[index++] as PolicyDiffLine);
		for (let pair = 0; pair < Math.max(removed.length, added.length); pair++) {
			const left = removed[pair];
			const right = added[pair];
			rows.push({
				kind: "changed",
				left: left === undefined ? undefined : { line: left.fromLine, text: left.text },
				right: right === undefined ? undefined : { line: right.toLine, text: right.text },
			});
		}
	}
	return folded(rows);
}

/** Unchanged rows farther than CONTEXT from any change become one folded row. */
function folded(rows: readonly DiffRow[]): DiffRow[] {
	const near = rows.map((_, index) =>
		rows.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((row) => row.kind === "changed"),
	);
	const result: DiffRow[] = [];
	for (const [index, row] of rows.entries()) {
		if (row.kind !== "same" || near[index]) result.push(row);
		else {
			const last = result.at(-1);
			if (last?.kind === "folded") last.count++;
			else result.push({ kind: "folded", count: 1 });
		}
	}
	return result;
}
