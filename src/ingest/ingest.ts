// The ingest pipeline: items from a parsed input → prepare (upgrade, validate) → store in batches.
import type { AppError } from "../errors/index.ts";
import type { Provenance, Store } from "../store/index.ts";
import { MarkingKnowledge } from "./marking-knowledge.ts";
import { type Prepared, prepareObject } from "./prepare.ts";
import { type IngestReport, type ObjectResult, ReportBuilder } from "./report.ts";

/** One element of the input: a parsed object, or the reason it could not be parsed. */
export type IngestItem = { index: number; object: unknown } | { index: number; error: AppError };

export interface IngestProgress {
	objects: number;
	stored: number;
	rejected: number;
	objectsPerSecond: number;
}

export interface IngestOptions {
	provenance: Provenance;
	/** The input declared STIX 2.0 (a 2.0 bundle's `spec_version`): upgrade every object. */
	stix20?: boolean;
	/** Objects written per transaction. */
	batchSize?: number;
	/** Called after each durable batch with the results of its objects. */
	onCommitted?: (results: readonly ObjectResult[]) => void;
	onProgress?: (progress: IngestProgress) => void;
	/** Marking knowledge shared across several inputs of one run; by default the store's. */
	markings?: MarkingKnowledge;
}

export const UNKNOWN_MARKING_FLAG = "unknown-marking";
const DEFAULT_BATCH_SIZE = 20_000;
/** Objects whose markings are not yet understood wait for the rest of the input, up to this many. */
const MAX_DEFERRED = 50_000;

type Accepted = Extract<Prepared, { ok: true }> & { index: number };

/**
 * Ingests a stream of items: valid objects are stored, invalid ones reported with every issue,
 * nothing partial is stored for a rejected object, and each batch is one transaction, so an
 * interrupted run keeps every batch it acknowledged through `onCommitted`.
 *
 * An object whose marking definition has not been seen yet is held back until the end of the input
 * (definitions often come after the objects they mark); if it is still unknown then, the object is
 * stored with the `unknown-marking` flag and the policy engine will not release it.
 */
export async function ingest(
	store: Store,
	items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
	options: IngestOptions,
): Promise<IngestReport> {
	const reportBuilder = new ReportBuilder();
	const markings = options.markings ?? (await MarkingKnowledge.load(store));
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const startedAt = performance.now();
	let accepted: Accepted[] = [];
	let rejected: ObjectResult[] = [];
	const deferred: Accepted[] = [];

	/** The batch being written while the next one is prepared; its results are reported in order. */
	let inFlight: Promise<void> = Promise.resolve();

	const report = (results: ObjectResult[]): void => {
		results.sort((a, b) => a.index - b.index);
		for (const result of results) reportBuilder.add(result);
		options.onCommitted?.(results);
		if (options.onProgress !== undefined) {
			const seconds = (performance.now() - startedAt) / 1000;
			const so = reportBuilder.finish();
			options.onProgress({
				objects: so.total,
				stored: so.counts.stored,
				rejected: so.counts.rejected,
				objectsPerSecond: seconds > 0 ? so.total / seconds : 0,
			});
		}
	};

	/**
	 * Starts writing the current batch and returns once the previous one is committed and reported,
	 * so preparing the next batch overlaps this write when the store writes on another thread.
	 * Flags and marking results are fixed now, before later objects teach `markings` anything.
	 */
	const flush = async (): Promise<void> => {
		const batch = accepted;
		const batchRejected = rejected;
		accepted = [];
		rejected = [];
		const unknown = batch.map((entry) => markings.unknownAmong(entry.markingRefs));
		const writing =
			batch.length === 0
				? Promise.resolve([])
				: store.putVersions(
						batch.map((entry, position) => ({
							object: entry.object,
							provenance: options.provenance,
							flags: (unknown[position]?.length ?? 0) > 0 ? [UNKNOWN_MARKING_FLAG] : [],
						})),
					);
		// Only these small records wait for the commit, not the parsed objects.
		const shells = batch.map((entry, position) => shellOf(entry, unknown[position] ?? []));
		const previous = inFlight;
		const current = (async () => {
			let outcomes: Awaited<typeof writing>;
			try {
				outcomes = await writing;
			} finally {
				await previous; // reports stay in commit order even if this write finished first
			}
			const results: ObjectResult[] = batchRejected;
			shells.forEach((shell, position) => {
				const outcome = outcomes[position];
				if (outcome !== undefined) results.push(completed(shell, outcome));
			});
			report(results);
		})();
		// A failed write is raised by the next flush (or the final drain); avoid an unhandled rejection meanwhile.
		current.catch(() => {});
		inFlight = current;
		await previous;
	};

	for await (const item of items) {
		if ("error" in item) {
			rejected.push({ index: item.index, status: "rejected", reason: item.error.message });
		} else {
			const prepared = prepareObject(item.object, { stix20: options.stix20 === true });
			const all = prepared.ok
				? [prepared, ...prepared.related.map((sco) => prepareObject(sco, { stix20: false }))]
				: [prepared];
			for (const one of all) {
				if (!one.ok) {
					rejected.push(rejectionOf(item.index, one));
					continue;
				}
				markings.learn(one.object);
				const entry = { ...one, index: item.index };
				const waitForMarking = markings.unknownAmong(one.markingRefs).length > 0;
				if (waitForMarking && deferred.length < MAX_DEFERRED) deferred.push(entry);
				else accepted.push(entry);
			}
		}
		if (accepted.length + rejected.length >= batchSize) await flush();
	}
	for (const entry of deferred) {
		accepted.push(entry);
		if (accepted.length >= batchSize) await flush();
	}
	if (accepted.length > 0 || rejected.length > 0) await flush();
	await inFlight;
	return reportBuilder.finish();
}

/** An accepted object's result before its store outcome is known (status to be set by `completed`). */
function shellOf(entry: Accepted, unknown: readonly string[]): ObjectResult {
	const result: ObjectResult = {
		index: entry.index,
		status: "stored",
		id: entry.object.id,
		type: entry.object.type,
		version: entry.version,
	};
	if (entry.warnings.length > 0) result.issues = entry.warnings;
	if (entry.changes.length > 0) result.changes = entry.changes;
	if (unknown.length > 0) {
		result.flags = [UNKNOWN_MARKING_FLAG];
		result.reason = `carries marking(s) this node does not understand: ${unknown.join(", ")}; stored, never released`;
	}
	return result;
}

function completed(
	shell: ObjectResult,
	outcome: { status: "stored" | "duplicate"; dateAdded: string } | { status: "quarantined"; reason: string },
): ObjectResult {
	shell.status = outcome.status;
	if (outcome.status === "quarantined" && shell.flags === undefined) shell.reason = outcome.reason;
	return shell;
}

function rejectionOf(index: number, prepared: Extract<Prepared, { ok: false }>): ObjectResult {
	const result: ObjectResult = { index, status: "rejected", issues: prepared.issues };
	if (prepared.id !== undefined) result.id = prepared.id;
	if (prepared.type !== undefined) result.type = prepared.type;
	if (prepared.reason !== undefined) result.reason = prepared.reason;
	return result;
}
