// The ingest pipeline: items from a parsed input → prepare (upgrade, validate) → store in batches.
import type { AppError } from "../errors/index.ts";
import type { ValidationIssue } from "../stix/core.ts";
import {
	type EncodedVersion,
	encodeVersion,
	type Provenance,
	type PutOutcome,
	type Store,
} from "../store/index.ts";
import { authorRule } from "./author.ts";
import { authorityRules } from "./authority.ts";
import { MarkingKnowledge } from "./marking-knowledge.ts";
import { MarkingWait } from "./marking-wait.ts";
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
	/**
	 * Objects written per transaction: exactly this many (the last batch fewer, deferred objects aside).
	 * Default: adaptive, a batch of 2,500 as soon as the writer is idle, up to 20,000 while it is busy.
	 */
	batchSize?: number;
	/** Called after each durable batch with the results of its objects. */
	onCommitted?: (results: readonly ObjectResult[]) => void;
	onProgress?: (progress: IngestProgress) => void;
	/** Marking knowledge shared across several inputs of one run; by default the store's. */
	markings?: MarkingKnowledge;
}

export const UNKNOWN_MARKING_FLAG = "unknown-marking";
const DEFAULT_BATCH_SIZE = 20_000;
/**
 * By default, while the writer is idle, a batch of DEFAULT_BATCH_SIZE / this goes without waiting to
 * fill up. ATT&CK (24,771 objects) then commits in ~6 batches that overlap its parsing, instead of one
 * of 20,000 written after most of the parsing and one more at the end; a writer that keeps the parser
 * waiting still gets full batches (D20).
 */
const MIN_BATCH_DIVISOR = 8;
/** Objects whose markings are not yet understood wait for their definitions, up to this many. */
const MAX_DEFERRED = 50_000;

/**
 * An accepted object waiting for its batch: encoded at once, so the parsed object is garbage before
 * the next one is parsed and a waiting batch holds one string per object (D20).
 */
interface Accepted {
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

const NO_FLAGS: readonly string[] = [];
const UNKNOWN_MARKING_FLAGS: readonly string[] = [UNKNOWN_MARKING_FLAG];
const NONE: readonly string[] = [];

/**
 * Ingests a stream of items: valid objects are stored, invalid ones reported with every issue,
 * nothing partial is stored for a rejected object (nor for a partner's object that names another party as
 * its author: see authorRule), and each batch is one transaction, so an
 * interrupted run keeps every batch it acknowledged through `onCommitted`.
 *
 * An object whose marking definition has not been seen yet is held back until that definition
 * arrives (definitions often come after the objects they mark) and then joins the next batch; if it
 * is still unknown at the end of the input, the object is stored with the `unknown-marking` flag and
 * the policy engine will not release it.
 */
export async function ingest(
	store: Store,
	items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
	options: IngestOptions,
): Promise<IngestReport> {
	const reportBuilder = new ReportBuilder();
	const markings = options.markings ?? (await MarkingKnowledge.load(store));
	const authorityOf = await authorityRules(store, options.provenance.organizationId);
	const authorProblem = await authorRule(store, options.provenance.organizationId);
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const minBatch = options.batchSize ?? DEFAULT_BATCH_SIZE / MIN_BATCH_DIVISOR;
	const startedAt = performance.now();
	let accepted: Accepted[] = [];
	let rejected: ObjectResult[] = [];
	const deferred = new MarkingWait<Accepted>();
	/** Whether the batch last handed to the store is still being written. */
	let writing = false;

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
		// At most batchSize: objects released from the marking wait may have pushed it over.
		const batch = accepted.length <= batchSize ? accepted : accepted.splice(0, batchSize);
		if (batch === accepted) accepted = [];
		const batchRejected = rejected;
		rejected = [];
		const unknown = batch.map((entry) =>
			entry.unknownRefs === undefined ? NONE : markings.unknownAmong(entry.unknownRefs),
		);
		const write =
			batch.length === 0
				? Promise.resolve([])
				: store.putVersions(
						batch.map((entry, position) => {
							const authority = authorityOf(entry.encoded.type);
							return {
								encoded: entry.encoded,
								provenance: options.provenance,
								flags: (unknown[position]?.length ?? 0) > 0 ? UNKNOWN_MARKING_FLAGS : NO_FLAGS,
								...(authority === undefined ? {} : { authority }),
							};
						}),
					);
		// Only these small records wait for the commit, not the parsed objects.
		const shells = batch.map((entry, position) => shellOf(entry, unknown[position] ?? []));
		const previous = inFlight;
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
			report(results);
		})();
		// A failed write is raised by the next flush (or the final drain); avoid an unhandled rejection meanwhile.
		current.catch(() => {});
		inFlight = current;
		writing = true;
		const settled = (): void => {
			if (inFlight === current) writing = false;
		};
		current.then(settled, settled);
		await previous;
	};

	/** Files one prepared object: rejected, held for its marking definitions, or accepted for the next batch. */
	const accept = (index: number, one: Prepared): void => {
		if (!one.ok) {
			rejected.push(rejectionOf(index, one));
			return;
		}
		// A definition learned now releases the objects that were waiting for it alone (after it, below).
		const released = markings.learn(one.object) ? deferred.learned(one.object.id) : undefined;
		const entry: Accepted = {
			index,
			encoded: encodeVersion(one.object),
			warnings: one.warnings,
			changes: one.changes,
		};
		const unknown = markings.unknownAmong(one.markingRefs);
		if (unknown.length > 0) entry.unknownRefs = unknown;
		if (unknown.length > 0 && deferred.size < MAX_DEFERRED) deferred.hold(entry, unknown);
		else accepted.push(entry);
		if (released !== undefined) for (const waiting of released) accepted.push(waiting);
	};

	for await (const item of items) {
		if ("error" in item) {
			rejected.push({ index: item.index, status: "rejected", reason: item.error.message });
		} else {
			const prepared = prepareObject(item.object, { stix20: options.stix20 === true });
			// A partner's object naming another party as its author (or an embedded one's) is refused whole (D30).
			const impersonation = prepared.ok ? authorProblem(item.object) : undefined;
			if (impersonation !== undefined && prepared.ok) {
				rejected.push({
					index: item.index,
					status: "rejected",
					id: prepared.object.id,
					type: prepared.object.type,
					reason: impersonation.message,
					issues: [{ ...impersonation, code: "impersonation", severity: "error" }],
				});
			} else accept(item.index, prepared);
			if (prepared.ok && impersonation === undefined) {
				for (const sco of prepared.related) accept(item.index, prepareObject(sco, { stix20: false }));
			}
		}
		const pending = accepted.length + rejected.length;
		// A full batch waits for the one being written; while the writer is idle, a smaller one goes at once,
		// so the writer works beside the parser from the start and little is left to write at the end.
		if (pending >= batchSize || (!writing && pending >= minBatch)) {
			await flush();
			while (accepted.length >= batchSize) await flush();
		}
	}
	for (const entry of deferred.drain()) {
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
		id: entry.encoded.id,
		type: entry.encoded.type,
		version: entry.encoded.version,
	};
	if (entry.warnings.length > 0) result.issues = entry.warnings;
	if (entry.changes.length > 0) result.changes = entry.changes;
	if (unknown.length > 0) {
		result.flags = [UNKNOWN_MARKING_FLAG];
		result.reason = `carries marking(s) this node does not understand: ${unknown.join(", ")}; stored, never released`;
	}
	return result;
}

function completed(shell: ObjectResult, outcome: PutOutcome): ObjectResult {
	shell.status = outcome.status;
	if (outcome.status === "quarantined" && shell.flags === undefined) shell.reason = outcome.reason;
	if (outcome.status === "quarantined" && outcome.refused === true) {
		shell.reason = outcome.reason;
		shell.refused = true;
	}
	return shell;
}

function rejectionOf(index: number, prepared: Extract<Prepared, { ok: false }>): ObjectResult {
	const result: ObjectResult = { index, status: "rejected", issues: prepared.issues };
	if (prepared.id !== undefined) result.id = prepared.id;
	if (prepared.type !== undefined) result.type = prepared.type;
	if (prepared.reason !== undefined) result.reason = prepared.reason;
	return result;
}
