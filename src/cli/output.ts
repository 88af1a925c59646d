// Terminal output helpers: tables for people, JSON for scripts, a progress line on stderr.
import { stderr, stdout } from "node:process";

/** Prints rows as an aligned table; numbers are right-aligned and grouped. */
export function printTable(
	headers: readonly string[],
	rows: readonly (readonly (string | number)[])[],
): void {
	const cells = rows.map((row) =>
		row.map((cell) => (typeof cell === "number" ? cell.toLocaleString("en") : cell)),
	);
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...cells.map((row) => (row[column] ?? "").length)),
	);
	const line = (row: readonly string[], numeric: readonly boolean[]): string =>
		row
			.map((cell, column) => {
				const width = widths[column] ?? 0;
				return numeric[column] === true ? cell.padStart(width) : cell.padEnd(width);
			})
			.join("  ")
			.trimEnd();
	const numeric = headers.map(
		(_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === "number"),
	);
	stdout.write(`${line(headers, numeric)}\n${widths.map((width) => "─".repeat(width)).join("  ")}\n`);
	for (const row of cells) stdout.write(`${line(row, numeric)}\n`);
}

export function printJson(value: unknown): void {
	stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Lets a closed stdout (`entente export | head`: the reader went away, EPIPE) end the process quietly,
 * with the status the command had reached: 0 unless it had already failed (docs/decisions.md D24).
 * Any other stdout error stays an error. Installed by the CLI's entry only.
 */
export function endQuietlyWhenStdoutCloses(): void {
	stdout.on("error", (error: NodeJS.ErrnoException) => {
		if (error.code === "EPIPE") process.exit();
		throw error;
	});
}

/**
 * A single self-rewriting progress line on stderr, drawn at most every 100 ms and only on a terminal,
 * so logs and pipes stay clean.
 */
export class ProgressLine {
	readonly #enabled: boolean;
	#lastDraw = 0;

	constructor(enabled = stderr.isTTY === true) {
		this.#enabled = enabled;
	}

	update(text: string, force = false): void {
		if (!this.#enabled) return;
		const now = Date.now();
		if (!force && now - this.#lastDraw < 100) return;
		this.#lastDraw = now;
		stderr.write(`\r\x1b[2K${text}`);
	}

	done(): void {
		if (this.#enabled) stderr.write("\r\x1b[2K");
	}
}

/** `[######------] 52%` for a fraction in [0, 1]. */
export function bar(fraction: number, width = 24): string {
	const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
	return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor(fraction * 100)
		.toString()
		.padStart(3)}%`;
}
