// The ingest pipeline: items from a parsed input → prepare (upgrade, validate) → store in batches.
import type { AppError } from "../errors/index.ts";
import type { StixObject } from "../stix/core.ts";
import { encodeVersion, type Provenance, type Store } from "../store/index.ts";
import { type AuthorRule, authorRule } from "./author.ts";
import { authorityRules } from "./authority.ts";
import { type Accepted, IngestBatches, type IngestProgress } from "./batches.ts";
import { HeldRejections } from "./held-rejections.ts";
import { MarkingKnowledge } from "./marking-knowledge.ts";
import { MarkingWait } from "./marking-wait.ts";
import { type Prepared, prepareBuilt, prepareObject } from "./prepare.ts";
import type { IngestReport, ObjectResult } from "./report.ts";

export { type IngestProgress, UNKNOWN_MARKING_FLAG } from "./batches.ts";

/**
 * One element of the input: a parsed object, or the reason it could not be parsed. `built` marks an object this
 * node's own code made from values it had already read and normalised (a feed's indicators, D55): valid by
 * construction, so it is not validated again (the builder's tests validate what it makes); authorship, authority
 * and markings are checked as for any object.
 */
export type IngestItem =
	| { index: number; object: unknown; built?: true }
	| { index: number; error: AppError };

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
 * Ingests a stream of items: valid objects are stored, invalid ones reported with every issue,
 * nothing partial is stored for a rejected object (nor for a partner's object that names another party as
 * its author: see authorRule), and each batch is one transaction, so an
 * interrupted run keeps every batch it acknowledged through `onCommitted`.
 *
 * An object whose marking definition has not been seen yet is held back until that definition
 * arrives (definitions often come after the objects they mark) and then joins the next batch; if it
 * is still unknown at the end of the input, the object is stored with the `unknown-marking` flag and
 * the policy engine will not release it until the store holds that definition: the store then clears the
 * flag and re-commits the version, whichever input or path brings the definition (D58).
 */
export async function ingest(
	store: Store,
	items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
	options: IngestOptions,
): Promise<IngestReport> {
	const markings = options.markings ?? (await MarkingKnowledge.load(store));
	const authorityOf = await authorityRules(store, options.provenance.organizationId);
	const authorProblem = await authorRule(store, options.provenance.organizationId);
	const batches = new IngestBatches(store, markings, {
		provenance: options.provenance,
		batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
		minBatch: options.batchSize ?? DEFAULT_BATCH_SIZE / MIN_BATCH_DIVISOR,
		authorityOf,
		onCommitted: options.onCommitted,
		onProgress: options.onProgress,
	});
	const deferred = new MarkingWait<Accepted>();
	const held = new HeldRejections(store, options.provenance);
	const filing: Filing = {
		options,
		authorProblem,
		accept: acceptor(markings, deferred, batches, held),
		reject: (result, raw) => {
			batches.reject(result);
			held.add(result, raw);
		},
	};
	for await (const item of items) {
		fileItem(item, filing);
		await batches.flushWhenDue();
		if (held.due) await held.flush();
	}
	for (const entry of deferred.drain()) await batches.acceptLate(entry);
	const report = await batches.finish();
	await held.flush();
	return report;
}

/** How one run files its items: its options and rules, and where accepted and rejected objects go. */
interface Filing {
	options: IngestOptions;
	authorProblem: AuthorRule;
	accept: (index: number, one: Prepared, raw: unknown) => void;
	/** Reports a rejection and holds it for review (D65). */
	reject: (result: ObjectResult, raw: unknown) => void;
}

/**
 * Files one input item: an unparsable one rejected; a parsed one prepared and accepted, with the observables
 * it embedded, unless a partner's object names another party as its author (or an embedded one's), which
 * is refused whole (D30).
 */
function fileItem(item: IngestItem, { options, authorProblem, accept, reject }: Filing): void {
	if ("error" in item) {
		reject({ index: item.index, status: "rejected", reason: item.error.message }, undefined);
		return;
	}
	const prepared =
		item.built === true
			? prepareBuilt(item.object as StixObject)
			: prepareObject(item.object, { stix20: options.stix20 === true });
	const impersonation = prepared.ok ? authorProblem(item.object) : undefined;
	if (impersonation !== undefined && prepared.ok) {
		const result: ObjectResult = {
			index: item.index,
			status: "rejected",
			id: prepared.object.id,
			type: prepared.object.type,
			reason: impersonation.message,
			issues: [{ ...impersonation, code: "impersonation", severity: "error" }],
		};
		reject(result, item.object);
	} else accept(item.index, prepared, item.object);
	if (prepared.ok && impersonation === undefined) {
		for (const sco of prepared.related) accept(item.index, prepareObject(sco, { stix20: false }), sco);
	}
}

/** Files one prepared object: rejected, held for its marking definitions, or accepted for the next batch. */
function acceptor(
	markings: MarkingKnowledge,
	deferred: MarkingWait<Accepted>,
	batches: IngestBatches,
	held: HeldRejections,
): (index: number, one: Prepared, raw: unknown) => void {
	return (index, one, raw) => {
		if (!one.ok) {
			const result = rejectionOf(index, one);
			batches.reject(result);
			held.add(result, raw);
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
		else batches.accept(entry);
		if (released !== undefined) for (const waiting of released) batches.accept(waiting);
	};
}

function rejectionOf(index: number, prepared: Extract<Prepared, { ok: false }>): ObjectResult {
	const result: ObjectResult = { index, status: "rejected", issues: prepared.issues };
	if (prepared.id !== undefined) result.id = prepared.id;
	if (prepared.type !== undefined) result.type = prepared.type;
	if (prepared.reason !== undefined) result.reason = prepared.reason;
	return result;
}
