// What an export left out and why, counted per reason, and the summary lines a footer writes from the counts.
import type { ExportTally, LeftOutCounts } from "./format.ts";

/** Counts of what was written, removed and left out; a few reasons at most, so memory stays flat. */
export class LeftOut {
	objects = 0;
	lines = 0;
	removals = 0;
	readonly #reasons = new Map<string, number>();

	/** Records that one object (or part of one) was left out for `reason`. */
	add(reason: string): void {
		this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + 1);
	}

	/** The counts as plain data. */
	counts(): LeftOutCounts {
		return { objects: this.objects, lines: this.lines, removals: this.removals, reasons: [...this.#reasons] };
	}

	/** Adds another page's counts to these. */
	merge(counts: LeftOutCounts): void {
		this.objects += counts.objects;
		this.lines += counts.lines;
		this.removals += counts.removals;
		for (const [reason, count] of counts.reasons)
			this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + count);
	}

	/** Reasons, most frequent first (ties by name, so the text is stable). */
	reasons(): [string, number][] {
		return [...this.#reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	}

	/** The summary as sentences, one a line: what was written, removed, left out per reason, withheld by the gate. */
	summary(tally: ExportTally | undefined): string[] {
		const lines = [`exported ${this.objects} objects as ${this.lines} entries; ${this.removals} removals`];
		for (const [reason, count] of this.reasons()) lines.push(`left out ${count}: ${reason}`);
		if (tally?.withheld !== undefined)
			lines.push(`withheld by policy: ${tally.withheld} (not released to the recipient; never formatted)`);
		return lines;
	}
}

/** `lines` as comment lines (`# …`), each ending in a newline; none when comments are off. */
export function commentLines(lines: readonly string[], enabled: boolean, marker = "#"): string {
	if (!enabled) return "";
	return lines.map((line) => `${marker} ${line.replace(/[\r\n]+/g, " ")}\n`).join("");
}
