// Records how long each test file and each test took, from the events `node:test`'s run() emits, and ranks them.
import { relative } from "node:path";

/** One file's wall time: its process from start to exit, imports and hooks included. */
export interface FileTiming {
	readonly file: string;
	readonly ms: number;
}

/**
 * One test that ran (skipped and todo tests are not listed), with its own duration (its suites' hooks excluded);
 * `name` joins its suites' names with " > ".
 */
export interface TestTiming {
	readonly file: string;
	readonly name: string;
	readonly ms: number;
}

export interface Timings {
	readonly files: FileTiming[];
	readonly tests: TestTiming[];
}

/** The fields of a test event the collector reads (`node:test`'s TestStart, TestPass, TestFail, TestSummary). */
interface TestEventData {
	readonly name?: string;
	readonly nesting?: number;
	readonly file?: string;
	readonly details?: { readonly duration_ms?: number; readonly type?: string };
	readonly duration_ms?: number;
	readonly skip?: unknown;
	readonly todo?: unknown;
}

/** The part of a TestsStream the collector listens to. */
export interface TestEvents {
	on(event: string, listener: (data: TestEventData) => void): unknown;
}

/** Starts recording; the returned lists fill in as `events` reports, paths relative to `root`. */
export function collectTimings(events: TestEvents, root: string): Timings {
	const timings: Timings = { files: [], tests: [] };
	const suitesOf = new Map<string, string[]>();
	const where = (data: TestEventData): string => (data.file === undefined ? "?" : relative(root, data.file));
	events.on("test:start", (data) => {
		const stack = suitesOf.get(where(data)) ?? [];
		stack.length = data.nesting ?? 0;
		stack.push(data.name ?? "?");
		suitesOf.set(where(data), stack);
	});
	const ended = (data: TestEventData): void => {
		if (data.details?.type === "suite" || data.details?.duration_ms === undefined) return;
		if (data.skip !== undefined || data.todo !== undefined) return;
		// A file's own entry (named by its path): node reports one when the process ended without a test, e.g.
		// forced to exit under a name filter; it is the file, not a test, and its time is in `files`.
		if (data.name === data.file) return;
		const suites = (suitesOf.get(where(data)) ?? []).slice(0, data.nesting ?? 0);
		const name = [...suites, data.name ?? "?"].join(" > ");
		timings.tests.push({ file: where(data), name, ms: data.details.duration_ms });
	};
	events.on("test:pass", ended);
	events.on("test:fail", ended);
	events.on("test:summary", (data) => {
		// The run's own summary has no file; each file's process reports one with its file.
		if (data.file !== undefined && data.duration_ms !== undefined) {
			timings.files.push({ file: where(data), ms: data.duration_ms });
		}
	});
	return timings;
}

/** The `n` slowest files and tests, slowest first. */
export function slowest(timings: Timings, n: number): Timings {
	const bySlowest = <T extends { ms: number }>(items: readonly T[]): T[] =>
		[...items].sort((a, b) => b.ms - a.ms).slice(0, n);
	return { files: bySlowest(timings.files), tests: bySlowest(timings.tests) };
}

/** The ranking as text: two tables, durations in seconds, for the end of a run. */
export function formatSlowest(top: Timings): string {
	const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`.padStart(8);
	const lines = [`slowest ${top.files.length} files (each file's process, start to exit):`];
	for (const { file, ms } of top.files) lines.push(`${seconds(ms)}  ${file}`);
	lines.push(`slowest ${top.tests.length} tests (the test alone, without its suite's hooks):`);
	for (const { file, name, ms } of top.tests) lines.push(`${seconds(ms)}  ${file}  ${name}`);
	return lines.join("\n");
}
