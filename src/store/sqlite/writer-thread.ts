// Object puts on a worker thread, so SQLite's write and checkpoint I/O overlaps the caller's parsing and validation.
import { Worker } from "node:worker_threads";
import type { PutOutcome } from "../store.ts";
import type { Synchronous } from "./connection.ts";
import type { PackedRows } from "./row-batch.ts";

/** What the worker is started with. */
export interface WriterData {
	path: string;
	synchronous: Synchronous;
	/** The store's quota in bytes (SqliteStoreOptions.maxBytes). */
	maxBytes?: number;
}

export type WriterRequest =
	| { kind: "put"; seq: number; nowMicros: number; batch: PackedRows }
	| { kind: "close" };

export type WriterReply =
	| { seq: number; ok: true; outcomes: PutOutcome[] }
	| { seq: number; ok: false; message: string };

/** The main-thread side of the writer thread. */
export interface WriterThread {
	/** Runs one batch as one transaction on the worker's connection; resolves once it is committed. */
	putBatch(batch: PackedRows, nowMicros: number): Promise<PutOutcome[]>;
	/** Resolves when every batch posted so far has committed or failed. */
	idle(): Promise<void>;
	/** Waits for pending batches, then closes the worker's connection and ends the thread. */
	close(): Promise<void>;
}

/**
 * Starts a writer thread on a file database (its schema must be migrated already). Batches run in
 * the order they were posted. The thread keeps the process alive only while a batch is pending, so
 * a caller that forgets to close the store still exits.
 */
export function startWriterThread(data: WriterData): WriterThread {
	const worker = new Worker(new URL("./writer-worker.ts", import.meta.url), {
		workerData: data,
		// The worker needs no Node flags; some of the parent's (`--input-type`, `--test`) make it refuse to start.
		execArgv: [],
	});
	worker.unref();
	const pending = new Map<
		number,
		{ resolve: (outcomes: PutOutcome[]) => void; reject: (error: Error) => void }
	>();
	let seq = 0;
	let failure: Error | undefined;
	let drained: { promise: Promise<void>; resolve: () => void } | undefined;

	const settle = (): void => {
		if (pending.size > 0) return;
		worker.unref();
		drained?.resolve();
		drained = undefined;
	};
	const failAll = (error: Error): void => {
		failure = error;
		for (const waiter of pending.values()) waiter.reject(error);
		pending.clear();
		settle();
	};
	worker.on("message", (reply: WriterReply) => {
		const waiter = pending.get(reply.seq);
		if (waiter === undefined) return;
		pending.delete(reply.seq);
		if (reply.ok) waiter.resolve(reply.outcomes);
		else waiter.reject(new Error(reply.message));
		settle();
	});
	worker.on("error", (error) => failAll(error));
	worker.on("exit", (code) => failAll(new Error(`the SQLite writer thread exited (code ${code})`)));

	const idle = (): Promise<void> => {
		if (pending.size === 0) return Promise.resolve();
		if (drained === undefined) {
			let resolve = (): void => {};
			const promise = new Promise<void>((done) => {
				resolve = done;
			});
			drained = { promise, resolve };
		}
		return drained.promise;
	};

	return {
		putBatch(batch, nowMicros) {
			if (failure !== undefined) return Promise.reject(failure);
			seq += 1;
			const request: WriterRequest = { kind: "put", seq, nowMicros, batch };
			const done = new Promise<PutOutcome[]>((resolve, reject) => {
				pending.set(request.seq, { resolve, reject });
			});
			worker.ref();
			// The bodies' buffer moves to the worker instead of being copied (packVersions made it for this batch).
			worker.postMessage(request, [batch.bodies.buffer as ArrayBuffer]);
			return done;
		},
		idle,
		async close() {
			await idle();
			if (failure !== undefined) return;
			const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
			worker.ref();
			worker.postMessage({ kind: "close" } satisfies WriterRequest);
			await exited;
		},
	};
}
