// The benchmark harness: each workload measures itself and its floor in the same run and returns rows.

/** One line of the results table. `ratio` is value against floor, oriented so that lower is better. */
export interface BenchRow {
	name: string;
	value: number;
	unit: string;
	floor: number | null;
	floorName: string | null;
	ratio: number | null;
	target: string;
	notes?: string;
}

export interface Workload {
	name: string;
	run(): Promise<BenchRow[]>;
}

/** Milliseconds taken by `work`, best of `repeat` runs (each run gets a fresh setup). */
export async function bestOf<T>(
	repeat: number,
	setup: () => Promise<T> | T,
	work: (context: T) => Promise<void> | void,
	teardown: (context: T) => Promise<void> | void = () => {},
): Promise<number> {
	let best = Number.POSITIVE_INFINITY;
	for (let i = 0; i < repeat; i++) {
		const context = await setup();
		const started = performance.now();
		await work(context);
		best = Math.min(best, performance.now() - started);
		await teardown(context);
	}
	return best;
}

export function printRows(rows: readonly BenchRow[]): void {
	const table = rows.map((row) => [
		row.name,
		`${format(row.value)} ${row.unit}`,
		row.floor === null ? "" : `${format(row.floor)} ${row.unit} (${row.floorName})`,
		row.ratio === null ? "" : `${row.ratio.toFixed(2)}×`,
		row.target,
		row.notes ?? "",
	]);
	const headers = ["workload", "value", "floor", "ratio", "target", "notes"];
	const widths = headers.map((header, i) =>
		Math.max(header.length, ...table.map((line) => (line[i] ?? "").length)),
	);
	const line = (cells: readonly string[]): string =>
		cells
			.map((cell, i) => cell.padEnd(widths[i] ?? 0))
			.join(" | ")
			.trimEnd();
	process.stdout.write(`${line(headers)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n`);
	for (const cells of table) process.stdout.write(`${line(cells)}\n`);
}

function format(value: number): string {
	return value >= 100 ? Math.round(value).toLocaleString("en") : value.toFixed(2);
}
