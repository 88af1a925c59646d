// A line format's pages formatted on worker threads while the export's own thread reads the store (and asks the
// gate): pages go out in commit order to a few threads, at most two each in flight, and are settled in the same
// order on the export's thread (sids, counts), so the bytes are those one thread writes (D56's speed addendum).
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { StixObject } from "../stix/core.ts";
import type { EncodedPage, LineFormatSpec, SplitFormat } from "./format.ts";

/** What the export's thread posts to a format thread: a JSON array of objects as text (stored bodies), or objects. */
export type FormatRequest = string | readonly StixObject[];

/** A format thread's answer to one request, in the order the requests were posted. */
export type FormatReply = { ok: true; page: EncodedPage } | { ok: false; name: string; message: string };

/** How pages are formatted: on how many threads, after how many pages, started how. */
export interface FormatThreadOptions {
	/** Format threads (default `defaultFormatThreads()`); 0 formats every page on the export's own thread. */
	threads?: number;
	/** Pages formatted on the export's own thread before any thread starts (default 2: small exports start none). */
	inlinePages?: number;
	/** Starts one format thread for `spec` (default: format-worker.ts; tests wrap it). */
	startThread?: (spec: LineFormatSpec) => Worker;
}

/** Pages formatted on the export's own thread before threads start: a 2,000-object answer starts none. */
const INLINE_PAGES = 2;
/** Past four threads the export's own thread (the store read, the gate) is what the rest waits for. */
const MAX_THREADS = 4;

/** Format threads by default: one per core up to four; none on a single core, where a thread only adds copies. */
export function defaultFormatThreads(): number {
	const cores = availableParallelism();
	return cores < 2 ? 0 : Math.min(cores, MAX_THREADS);
}

/** Starts format-worker.ts for `spec`. */
export function startFormatThread(spec: LineFormatSpec): Worker {
	return new Worker(new URL("./format-worker.ts", import.meta.url), {
		workerData: spec,
		// The worker needs no Node flags; some of the parent's (`--input-type`, `--test`) make it refuse to start.
		execArgv: [],
		// V8 grows a busy thread's young generation with the pages it has formatted (60 MiB at 100k indicators,
		// 165 MiB at 1M); 8 MiB keeps each thread near 40 MiB whatever the export's size, at no measured CPU cost.
		resourceLimits: { maxYoungGenerationSizeMb: 8 },
	});
}

/**
 * Each page of `pages` formatted with `split` and settled in order, as UTF-8. The first `inlinePages` pages are
 * formatted here; then up to `threads` format threads take the rest, at most two pages each in flight (so memory
 * stays flat and backpressure still reaches the reads). A thread's error, or a thread that stops, fails the
 * export; returning early (a client that disconnects) ends the threads and the reads.
 */
export async function* formattedPages(
	split: SplitFormat,
	pages: AsyncIterable<FormatRequest>,
	options: FormatThreadOptions = {},
): AsyncGenerator<Uint8Array> {
	const threads = options.threads ?? defaultFormatThreads();
	let inline = threads === 0 ? Number.POSITIVE_INFINITY : (options.inlinePages ?? INLINE_PAGES);
	const source = pages[Symbol.asyncIterator]();
	const queue: Promise<EncodedPage>[] = [];
	let pool: FormatPool | undefined;
	let done = false;
	try {
		for (;;) {
			while (!done && queue.length < Math.max(1, 2 * (pool?.size ?? 0))) {
				const next = await source.next();
				if (next.done === true) done = true;
				else if (inline-- > 0) queue.push(Promise.resolve(split.formatPage(objectsOf(next.value))));
				else {
					pool ??= startPool(split.spec, threads, options.startThread ?? startFormatThread);
					const formatted = pool.format(next.value);
					// Awaited in its turn; until then a failure must not count as unhandled.
					formatted.catch(() => {});
					queue.push(formatted);
				}
			}
			const head = queue.shift();
			if (head === undefined) return;
			yield split.settle(await head);
		}
	} finally {
		await pool?.close();
		if (!done) await source.return?.(undefined);
	}
}

function objectsOf(request: FormatRequest): readonly StixObject[] {
	return typeof request === "string" ? (JSON.parse(request) as StixObject[]) : request;
}

interface FormatPool {
	readonly size: number;
	format(request: FormatRequest): Promise<EncodedPage>;
	close(): Promise<void>;
}

/** `size` threads taking pages in turn; each answers in the order it was asked. */
function startPool(spec: LineFormatSpec, size: number, start: (spec: LineFormatSpec) => Worker): FormatPool {
	const threads = Array.from({ length: size }, () => formatThread(start(spec)));
	let turn = 0;
	return {
		size,
		format(request) {
			const thread = threads[turn] as FormatThread;
			turn = (turn + 1) % size;
			return thread.format(request);
		},
		async close() {
			await Promise.all(threads.map((thread) => thread.close()));
		},
	};
}

interface FormatThread {
	format(request: FormatRequest): Promise<EncodedPage>;
	close(): Promise<void>;
}

function formatThread(worker: Worker): FormatThread {
	const waiting: { resolve: (page: EncodedPage) => void; reject: (error: Error) => void }[] = [];
	let failure: Error | undefined;
	const failAll = (error: Error): void => {
		failure ??= error;
		for (const waiter of waiting.splice(0)) waiter.reject(failure);
		worker.unref();
	};
	worker.on("message", (reply: FormatReply) => {
		const waiter = waiting.shift();
		// Held only while it has work: an export abandoned without being returned does not keep the process alive.
		if (waiting.length === 0) worker.unref();
		if (waiter === undefined) return;
		if (reply.ok) waiter.resolve(reply.page);
		else
			waiter.reject(
				Object.assign(new Error(`a format thread failed: ${reply.message}`), { name: reply.name }),
			);
	});
	worker.on("error", (error) => failAll(error));
	worker.on("exit", (code) => failAll(new Error(`a format thread stopped (exit code ${code})`)));
	return {
		format(request) {
			if (failure !== undefined) return Promise.reject(failure);
			worker.ref();
			return new Promise((resolve, reject) => {
				waiting.push({ resolve, reject });
				worker.postMessage(request);
			});
		},
		async close() {
			await worker.terminate();
		},
	};
}
