// Accepted objects written in batches, one transaction each, the next prepared while one is written (D20);
// results reported in commit order.
import type { ValidationIssue } from "../stix/core.ts";
import {
	type EncodedVersion,
	type Provenance,
	type PutOutcome,
	type Store,
	UNKNOWN_MARKING_FLAG,
	type VersionAuthority,
} from "../store/index.ts";
import type { MarkingKnowledge } from "./marking-knowledge.ts";
import { type IngestReport, type ObjectResult, ReportBuilder } from "./report.ts";

export { UNKNOWN_MARKING_FLAG };

export interface IngestProgress {
	objects: number;
	stored: number;
	rejected: number;
	objectsPerSecond: number;
}

/**
 * An accepted object waiting for its batch: encoded at once, so the parsed object is garbage before
 * the next one is parsed and a waiting batch holds one string per object (D20).
 */
export interface Accepted {
	index: number;
	encoded: EncodedVersion;
	warnings: ValidationIssue[];
	changes: readonly string[];
	/**
	 * The marking refs not understood when the object was accepted (absent: none). Knowledge only
	 * grows, so the refs understood then still are at its flush; only these are looked at again.
	 */
	unknownRefs?: readonly string[];
}

/** How one input is batched and whom its results are told. */
export interface BatchOptions {
	provenance: Provenance;
	/** Objects written per transaction (the last batch fewer). */
	batchSize: number;
	/** While the writer is idle, a batch this big goes without waiting to fill up. */
	minBatch: number;
	/** What ingest rules say of a new version of each type (authority, D30). */
	authorityOf: (type: string) => VersionAuthority | undefined;
	onCommitted: ((results: readonly ObjectResult[]) => void) | undefined;
	onProgress: ((progress: IngestProgress) => void) | undefined;
}

const NO_FLAGS: readonly string[] = [];
const UNKNOWN_MARKING_FLAGS: readonly string[] = [UNKNOWN_MARKING_FLAG];
const NONE: readonly string[] = [];

/** The batches of one ingest run: accepted and rejected objects in, a report out once every batch is committed. */
export class IngestBatches {
	readonly #store: Store;
	readonly #options: BatchOptions;
	readonly #markings: MarkingKnowledge;
	readonly #reportBuilder = new ReportBuilder();
	readonly #startedAt = performance.now();
	#accepted: Accepted[] = [];
	#rejected: ObjectResult[] = [];
	/** Whether the batch last handed to the store is still being written. */
	#writing = false;
	/** The batch being written while the next one is prepared; its results are reported in order. */
	#inFlight: Promise<void> = Promise.resolve();

	constructor(store: Store, markings: MarkingKnowledge, options: BatchOptions) {
		this.#store = store;
		this.#markings = markings;
		this.#options = options;
	}

	accept(entry: Accepted): void {
		this.#accepted.push(entry);
	}

	reject(result: ObjectResult): void {
		this.#rejected.push(result);
	}

	/**
	 * A full batch waits for the one being written; while the writer is idle, a smaller one goes at once,
	 * so the writer works beside the parser from the start and little is left to write at the end.
	 */
	async flushWhenDue(): Promise<void> {
		const { batchSize, minBatch } = this.#options;
		const pending = this.#accepted.length + this.#rejected.length;
		if (pending >= batchSize || (!this.#writing && pending >= minBatch)) {
			await this.#flush();
			while (this.#accepted.length >= batchSize) await this.#flush();
		}
	}

	/** Adds an object released from the marking wait at the end of the input, writing each full batch. */
	async acceptLate(entry: Accepted): Promise<void> {
		this.#accepted.push(entry);
		if (this.#accepted.length >= this.#options.batchSize) await this.#flush();
	}

	/** Writes what is left and returns the report once every batch is committed and reported. */
	async finish(): Promise<IngestReport> {
		if (this.#accepted.length > 0 || this.#rejected.length > 0) await this.#flush();
		await this.#inFlight;
		return this.#reportBuilder.finish();
	}

	/**
	 * Starts writing the current batch and returns once the previous one is committed and reported,
	 * so preparing the next batch overlaps this write when the store writes on another thread.
	 * Flags and marking results are fixed now, before later objects teach `markings` anything.
	 */
	async #flush(): Promise<void> {
		// At most batchSize: objects released from the marking wait may have pushed it over.
		const { batchSize } = this.#options;
		const batch = this.#accepted.length <= batchSize ? this.#accepted : this.#accepted.splice(0, batchSize);
		if (batch === this.#accepted) this.#accepted = [];
		const batchRejected = this.#rejected;
		this.#rejected = [];
		const unknown = batch.map((entry) =>
			entry.unknownRefs === undefined ? NONE : this.#markings.unknownAmong(entry.unknownRefs),
		);
		const write = this.#write(batch, unknown);
		// Only these small records wait for the commit, not the parsed objects.
		const shells = batch.map((entry, position) => shellOf(entry, unknown[position] ?? []));
		const previous = this.#inFlight;
		const current = (async () => {
			let outcomes: Awaited<typeof write>;
			try {
				outcomes = await write;
			} finally {
				await previous; // reports stay in commit order even if this write finished first
			}
			const results: ObjectResult[] = batchRejected;
			shells.forEach((shell, position) => {
				const outcome = outcomes[position];
				if (outcome !== undefined) results.push(completed(shell, outcome));
			});
			this.#report(results);
		})();
		// A failed write is raised by the next flush (or the final drain); avoid an unhandled rejection meanwhile.
		current.catch(() => {});
		this.#inFlight = current;
		this.#writing = true;
		const settled = (): void => {
			if (this.#inFlight === current) this.#writing = false;
		};
		current.then(settled, settled);
		await previous;
	}

	/** The batch handed to the store, flagged where a marking is still not understood. */
	#write(batch: readonly Accepted[], unknown: readonly (readonly string[])[]): Promise<PutOutcome[]> {
		if (batch.length === 0) return Promise.resolve([]);
		const { provenance, authorityOf } = this.#options;
		return this.#store.putVersions(
			batch.map((entry, position) => {
				const authority = authorityOf(entry.encoded.type);
				const awaiting = unknown[position] ?? NONE;
				return {
					encoded: entry.encoded,
					provenance,
					flags: awaiting.length > 0 ? UNKNOWN_MARKING_FLAGS : NO_FLAGS,
					// The store releases it when these definitions arrive, by any path (D58).
					...(awaiting.length > 0 ? { awaitingMarkings: awaiting } : {}),
					...(authority === undefined ? {} : { authority }),
				};
			}),
		);
	}

	#report(results: ObjectResult[]): void {
		const { onCommitted, onProgress } = this.#options;
		results.sort((a, b) => a.index - b.index);
		for (const result of results) this.#reportBuilder.add(result);
		onCommitted?.(results);
		if (onProgress !== undefined) {
			const seconds = (performance.now() - this.#startedAt) / 1000;
			const so = this.#reportBuilder.finish();
			onProgress({
				objects: so.total,
				stored: so.counts.stored,
				rejected: so.counts.rejected,
				objectsPerSecond: seconds > 0 ? so.total / seconds : 0,
			});
		}
	}
}

/** An accepted object's result before its store outcome is known (status to be set by `completed`). */
function shellOf(entry: Accepted, unknown: readonly string[]): ObjectResult {
	const result: ObjectResult = {
		index: entry.index,
		status: "stored",
		id: entry.encoded.id,
		type: entry.encoded.type,
		version: entry.encoded.version,
	};
	if (entry.warnings.length > 0) result.issues = entry.warnings;
	if (entry.changes.length > 0) result.changes = entry.changes;
	if (unknown.length > 0) {
		result.flags = [UNKNOWN_MARKING_FLAG];
		result.reason = `carries marking(s) this node does not understand: ${unknown.join(", ")}; stored, released once the store holds their definitions`;
	}
	return result;
}

function completed(shell: ObjectResult, outcome: PutOutcome): ObjectResult {
	shell.status = outcome.status;
	// An observable's statement (D31) has no modified/created: its version is the instant it was first stored,
	// the version TAXII lists it under and `match[version]` finds it by (D57).
	if (shell.version === "" && outcome.status !== "quarantined") shell.version = outcome.dateAdded;
	if (outcome.status === "quarantined" && shell.flags === undefined) shell.reason = outcome.reason;
	if (outcome.status === "quarantined" && outcome.refused === true) {
		shell.reason = outcome.reason;
		shell.refused = true;
	}
	return shell;
}
