// Keeps a peer's pipelined pushes in the order it sent them: a sender may have two pushes in flight,
// each naming the outbox position of the one before it (`sequence.after`); the receiver verifies both
// at once but stores a push only after the one it follows was stored, so commits stay in outbox order.

/** What a push says about its place in the sender's outbox (absent from senders that do not pipeline). */
export interface PushSequence {
	/** The `last` of the push this one follows; absent for the first push of a pipeline. */
	after?: number;
	/** The outbox position of this push's last message. */
	last: number;
}

/** A push whose predecessor was not stored here (lost, failed, or from before a restart): resend in order. */
export class OutOfOrderPush extends Error {}

interface Waiter {
	after: number;
	resolve: () => void;
	reject: (error: Error) => void;
	/** Only while the predecessor has not arrived: once it is being handled, it settles the waiter. */
	timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Per-peer turn keeping for pipelined pushes, in memory (after a restart a pipelined push's predecessor
 * is unknown, so it is refused and the sender starts a new pipeline from its oldest unacknowledged
 * message: nothing is lost, at worst a page is resent).
 */
export class PushSequencer {
	readonly #stored = new Map<string, number>();
	readonly #arrived = new Map<string, Set<number>>();
	readonly #waiters = new Map<string, Waiter[]>();
	readonly #waitMs: number;

	constructor(waitMs = 5000) {
		this.#waitMs = waitMs;
	}

	/** A push of `peer` arrived and is being handled: its successor waits for it however long it takes. */
	arrived(peer: string, sequence: PushSequence | undefined): void {
		if (sequence === undefined) return;
		const set = this.#arrived.get(peer) ?? new Set<number>();
		set.add(sequence.last);
		this.#arrived.set(peer, set);
		for (const waiter of this.#waiters.get(peer) ?? []) {
			if (waiter.after !== sequence.last) continue;
			clearTimeout(waiter.timer);
			waiter.timer = undefined;
		}
	}

	/**
	 * Resolves when `peer`'s push may be stored: at once without `after`, else once the push ending at
	 * `after` was stored. Rejects with OutOfOrderPush when that push failed, or has not even arrived
	 * within the wait (lost, or sent to this node before it restarted).
	 */
	turn(peer: string, sequence: PushSequence | undefined): Promise<void> {
		const after = sequence?.after;
		if (after === undefined || this.#stored.get(peer) === after) return Promise.resolve();
		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = { after, resolve, reject, timer: undefined };
			if (this.#arrived.get(peer)?.has(after) !== true) {
				waiter.timer = setTimeout(() => {
					this.#remove(peer, waiter);
					reject(new OutOfOrderPush(`the push before position ${after} did not arrive here`));
				}, this.#waitMs);
			}
			const list = this.#waiters.get(peer) ?? [];
			list.push(waiter);
			this.#waiters.set(peer, list);
		});
	}

	/** The push ending at `last` is durable: its successor may go. */
	stored(peer: string, last: number): void {
		this.#stored.set(peer, last);
		this.#arrived.get(peer)?.delete(last);
		this.#settle(peer, last, (waiter) => waiter.resolve());
	}

	/** The push ending at `last` failed: its successor must not be stored before it is resent. */
	failed(peer: string, last: number): void {
		this.#arrived.get(peer)?.delete(last);
		this.#settle(peer, last, (waiter) =>
			waiter.reject(new OutOfOrderPush(`the push before position ${last} failed`)),
		);
	}

	#settle(peer: string, last: number, action: (waiter: Waiter) => void): void {
		for (const waiter of [...(this.#waiters.get(peer) ?? [])]) {
			if (waiter.after !== last) continue;
			this.#remove(peer, waiter);
			action(waiter);
		}
	}

	#remove(peer: string, waiter: Waiter): void {
		clearTimeout(waiter.timer);
		const list = (this.#waiters.get(peer) ?? []).filter((w) => w !== waiter);
		if (list.length === 0) this.#waiters.delete(peer);
		else this.#waiters.set(peer, list);
	}
}
