// Delivers one peer's outbox in order: a page at a time (bounded memory), signed, acknowledged only by
// the peer's signed answer sent after its durable commit; failures back off (capped, jittered) and are
// recorded on the peer's state, classified.
import type { Logger } from "../log/index.ts";
import type { EgressGate } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { OutboxMessage, PeerRecord, PeerState, Store } from "../store/index.ts";
import { backoffDelay, type RetryPolicy } from "../taxii/client/index.ts";
import type { Clock } from "./clock.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import { classOfSignatureFailure, failureOfStatus, PeerFailure } from "./failure.ts";
import { keysOf } from "./peer-keys.ts";
import type { PushSequence } from "./push-order.ts";
import { rejudgePage } from "./send-time.ts";
import { type FederationClientTls, sendSigned } from "./transport.ts";
import { type ObjectItem, PUSH_PATH, type PushResponse } from "./wire.ts";

export interface DeliveryDependencies {
	store: Store;
	/** Judges each page again just before it is sent (send-time.ts, D34). */
	gate: EgressGate;
	logger: Logger;
	ring: () => NodeKeyRing;
	clock: Clock;
	batchSize: number;
	/** Largest push body sent (the peer's limit is usually the same as ours). */
	maxBodyBytes: number;
	retry: RetryPolicy;
	alertAfterFailures: number;
	timeoutMs: number;
	/** The client TLS of federation requests (see transport.ts). */
	tls: FederationClientTls | undefined;
	/** Pushes in flight at once (the receiver stores them in order, see push-order.ts); 1: stop-and-wait. */
	inFlight?: number;
	/** False once the service stops: the pipeline ends after the pushes in flight. */
	running?: () => boolean;
	random?: () => number;
	/**
	 * Told of the copies a peer acknowledged (not refused), after the acknowledgement is stored: what actually left,
	 * for the dashboard's counts (D67). Must return at once.
	 */
	onDelivered?: (peer: PeerRecord, objects: readonly StixObject[]) => void;
}

export const EMPTY_PEER_STATE: PeerState = {
	consecutiveFailures: 0,
	deliveredTotal: 0,
	failuresTotal: 0,
	refusedTotal: 0,
	alert: false,
};

/** What one delivery attempt did. */
export type DeliveryOutcome =
	| { kind: "idle" }
	| { kind: "delivered"; count: number; refused: number; withdrawn: number }
	| { kind: "failed"; failure: PeerFailure; retryInMs: number };

/**
 * Delivers `peer`'s outbox from its oldest message, `inFlight` pushes at a time, until it is empty or a
 * push fails. Each page is judged again just before it is sent (send-time.ts): what the gate no longer
 * releases is dropped, what it releases differently is re-made. Pages are acknowledged (deleted) strictly
 * in order, each only on the peer's signed answer (a page left empty by the judgement needs none);
 * when one fails, the pushes after it are awaited and their answers ignored, and the next call resends
 * from the oldest unacknowledged message. The caller loops (see FederationService): on "delivered" at
 * once, on "idle" after a wake-up, on "failed" after `retryInMs` (or a retry request).
 */
export async function deliverOnce(deps: DeliveryDependencies, peer: PeerRecord): Promise<DeliveryOutcome> {
	const depth = Math.max(1, deps.inFlight ?? 1);
	const running = deps.running ?? (() => true);
	const run: DeliveryRun = {
		deps,
		peer,
		depth,
		flying: [],
		state: (await deps.store.getPeerState(peer.name)) ?? { ...EMPTY_PEER_STATE },
		sentThrough: undefined,
		pushedThrough: undefined,
		count: 0,
		refused: 0,
		withdrawn: 0,
	};
	for (;;) {
		while (run.flying.length < depth && running() && (run.count === 0 || (await stillActive(deps, peer))))
			if (!(await sendNextPage(run))) break;
		const head = run.flying.shift();
		if (head === undefined) {
			return run.count === 0 && run.withdrawn === 0
				? { kind: "idle" }
				: { kind: "delivered", count: run.count, refused: run.refused, withdrawn: run.withdrawn };
		}
		const attemptAt = deps.clock().toISOString();
		const answer = await head.answer;
		if (!answer.ok) {
			await Promise.all(run.flying.map((f) => f.answer));
			return failed(deps, peer, run.state, attemptAt, answer.failure);
		}
		await acknowledge(run, head, answer.results, attemptAt);
	}
}

/** A page sent (or judged empty), awaiting its answer; `last` is the outbox message it acknowledges through. */
interface InFlight {
	page: OutboxMessage[];
	last: OutboxMessage;
	answer: Promise<PushAnswer>;
}

/** One deliverOnce call: the pushes in flight, how far the outbox was read and pushed, and what was done. */
interface DeliveryRun {
	readonly deps: DeliveryDependencies;
	readonly peer: PeerRecord;
	readonly depth: number;
	readonly flying: InFlight[];
	/** The peer's state as last acknowledged. */
	state: PeerState;
	sentThrough: number | undefined;
	pushedThrough: number | undefined;
	count: number;
	refused: number;
	withdrawn: number;
}

/**
 * Reads the next page after what was sent, judges it again and sends what is left (a page left empty is
 * answered at once); false when the outbox has nothing more.
 */
async function sendNextPage(run: DeliveryRun): Promise<boolean> {
	const { deps, peer } = run;
	const read = fitToBody(
		await deps.store.readOutbox(peer.name, deps.batchSize, run.sentThrough),
		deps.maxBodyBytes,
	);
	if (read.length === 0) return false;
	const judged = await rejudgePage(deps, peer, read);
	if (judged.withdrawn > 0 || judged.replaced > 0)
		deps.logger.info(
			{ peer: peer.name, withdrawn: judged.withdrawn, replaced: judged.replaced },
			"federation: judged again at delivery; what the gate no longer releases is not sent",
		);
	run.withdrawn += judged.withdrawn;
	// A re-made copy may be larger: what no longer fits goes in the next page, judged again then.
	const page = fitToBody(judged.send, deps.maxBodyBytes);
	const last = (page.length < judged.send.length ? page.at(-1) : read.at(-1)) as OutboxMessage;
	run.sentThrough = last.seq;
	if (page.length === 0) {
		run.flying.push({ page, last, answer: Promise.resolve({ ok: true, results: [] }) });
		return true;
	}
	const sequence =
		run.depth > 1
			? { ...(run.pushedThrough === undefined ? {} : { after: run.pushedThrough }), last: last.seq }
			: undefined;
	run.flying.push({ page, last, answer: settle(push(deps, peer, page, sequence)) });
	run.pushedThrough = last.seq;
	return true;
}

/** Acknowledges (deletes) the answered page with the peer's new state; each refused item is logged. */
async function acknowledge(
	run: DeliveryRun,
	{ page, last }: InFlight,
	results: PushResponse["results"],
	attemptAt: string,
): Promise<void> {
	const { deps, peer, state } = run;
	if (page.length === 0) {
		// Nothing of it left to send: acknowledged here, the peer's state untouched.
		await deps.store.ackOutbox(peer.name, last.seq, state);
		return;
	}
	const refused = results.filter((r) => r.status === "refused");
	for (const result of refused) {
		const message = page[result.index];
		deps.logger.warn(
			{ peer: peer.name, id: message?.objectId, reason: result.reason },
			"federation: the peer refused an item",
		);
	}
	const next: PeerState = {
		...state,
		lastAttemptAt: attemptAt,
		lastSuccessAt: deps.clock().toISOString(),
		lastDeliveredCommit: last.enqueuedAt,
		consecutiveFailures: 0,
		deliveredTotal: state.deliveredTotal + page.length - refused.length,
		refusedTotal: state.refusedTotal + refused.length,
		alert: false,
	};
	delete next.retryRequested;
	await deps.store.ackOutbox(peer.name, last.seq, next);
	deps.onDelivered?.(peer, deliveredObjects(page, refused));
	run.state = next;
	run.count += page.length;
	run.refused += refused.length;
}

/** The objects of an acknowledged page's object messages, but those the peer refused. */
function deliveredObjects(page: readonly OutboxMessage[], refused: PushResponse["results"]): StixObject[] {
	const refusedAt = new Set(refused.map((result) => result.index));
	const objects: StixObject[] = [];
	page.forEach((message, index) => {
		if (message.kind !== "object" || refusedAt.has(index)) return;
		objects.push((JSON.parse(message.payload) as ObjectItem).object);
	});
	return objects;
}

/** Whether the peer is still there and active (re-read between pages of a long pipeline). */
async function stillActive(deps: DeliveryDependencies, peer: PeerRecord): Promise<boolean> {
	return (await deps.store.getPeer(peer.name))?.status === "active";
}

type PushAnswer = { ok: true; results: PushResponse["results"] } | { ok: false; failure: PeerFailure };

/** A push's outcome as a value, so a pipelined push that fails early is never an unhandled rejection. */
function settle(pushing: Promise<PushResponse["results"]>): Promise<PushAnswer> {
	return pushing.then(
		(results) => ({ ok: true, results }),
		(error: unknown) => ({
			ok: false,
			failure:
				error instanceof PeerFailure
					? error
					: new PeerFailure("protocol", (error as Error).message ?? String(error)),
		}),
	);
}

/** Records a failed delivery on the peer's state (classified; an alert after repeated failures). */
async function failed(
	deps: DeliveryDependencies,
	peer: PeerRecord,
	state: PeerState,
	attemptAt: string,
	failure: PeerFailure,
): Promise<DeliveryOutcome> {
	const failures = state.consecutiveFailures + 1;
	const next: PeerState = {
		...state,
		lastAttemptAt: attemptAt,
		lastError: { at: attemptAt, class: failure.failureClass, message: failure.message },
		consecutiveFailures: failures,
		failuresTotal: state.failuresTotal + 1,
		alert: failures >= deps.alertAfterFailures,
	};
	delete next.retryRequested;
	if (failures === deps.alertAfterFailures) {
		deps.logger.warn(
			{ peer: peer.name, failures, class: failure.failureClass, error: failure.message },
			"federation: ALERT peer unreachable after repeated failures",
		);
	} else {
		deps.logger.info(
			{ peer: peer.name, class: failure.failureClass, error: failure.message },
			"federation: delivery failed",
		);
	}
	await deps.store.putPeerState(peer.name, next);
	return {
		kind: "failed",
		failure,
		retryInMs: backoffDelay(failures, deps.retry, deps.random ?? Math.random),
	};
}

/** POSTs one page and returns the peer's per-item results, or throws a classified PeerFailure. */
async function push(
	deps: DeliveryDependencies,
	peer: PeerRecord,
	page: readonly OutboxMessage[],
	sequence: PushSequence | undefined,
): Promise<PushResponse["results"]> {
	const keys = keysOf(peer);
	const position = sequence === undefined ? "" : `"sequence":${JSON.stringify(sequence)},`;
	const exchange = await sendSigned({
		url: `${peer.url}${PUSH_PATH}`,
		body: `{${position}"items":[${page.map((m) => m.payload).join(",")}]}`,
		ring: deps.ring(),
		clock: deps.clock,
		peerKey: (keyId) => keys.get(keyId),
		maxResponseBytes: 16 * 1024 * 1024,
		timeoutMs: deps.timeoutMs,
		tls: deps.tls,
	});
	if (exchange.status !== 200) throw failureOfStatus(exchange.status, exchange.json);
	if (exchange.verdict?.ok !== true) {
		const reason = exchange.verdict?.ok === false ? exchange.verdict.reason : "missing-signature";
		const detail = exchange.verdict?.ok === false ? exchange.verdict.detail : "no signature";
		throw new PeerFailure(
			classOfSignatureFailure(reason),
			`the peer's acknowledgement did not verify: ${reason}: ${detail}`,
		);
	}
	const response = exchange.json as PushResponse | undefined;
	if (!Array.isArray(response?.results) || response.results.length !== page.length) {
		throw new PeerFailure("protocol", "the acknowledgement does not carry one result per item");
	}
	return response.results;
}

/** The longest prefix of `page` whose push body stays under `maxBytes` (always at least one message). */
function fitToBody(page: OutboxMessage[], maxBytes: number): OutboxMessage[] {
	let size = 80; // the envelope and its sequence
	for (const [i, message] of page.entries()) {
		size += Buffer.byteLength(message.payload) + 1;
		if (size > maxBytes && i > 0) return page.slice(0, i);
	}
	return page;
}
