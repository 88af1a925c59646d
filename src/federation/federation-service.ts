// Runs federation inside `serve`: one feeder (commit log → outboxes, through the gate) and one delivery
// loop per peer. Woken at once by in-process commits (the store's commit listener) and by a short poll for
// commits, peers and retry requests made by other processes (the CLI).
import type { Logger } from "../log/index.ts";
import type { EgressGate } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { PeerRecord, Store } from "../store/index.ts";
import type { RetryPolicy } from "../taxii/client/index.ts";
import type { Clock } from "./clock.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import { deliverOnce } from "./delivery.ts";
import { feedPeerOnce } from "./outbox-feeder.ts";
import type { FederationClientTls } from "./transport.ts";

export interface FederationServiceOptions {
	store: Store;
	gate: EgressGate;
	logger: Logger;
	ring: () => NodeKeyRing;
	clock: Clock;
	batchSize: number;
	maxBodyBytes: number;
	pollMs: number;
	retry: RetryPolicy;
	alertAfterFailures: number;
	timeoutMs?: number;
	/** The client TLS of pushes (see transport.ts). */
	tls: FederationClientTls | undefined;
	/** Pushes in flight per peer (docs/federation.md "Delivery"). */
	inFlight?: number;
	/** Told of the copies each peer acknowledged (the dashboard's counts, D67; see delivery.ts). */
	onDelivered?: (peer: PeerRecord, objects: readonly StixObject[]) => void;
}

/** A small awaitable flag: `wait()` resolves on the next `set()` or after `ms`; no wake-up is lost. */
class Signal {
	#pending = false;
	#waiter: (() => void) | undefined;

	set(): void {
		if (this.#waiter !== undefined) this.#waiter();
		else this.#pending = true;
	}

	async wait(ms: number): Promise<void> {
		if (this.#pending) {
			this.#pending = false;
			return;
		}
		await new Promise<void>((resolve) => {
			const done = (): void => {
				clearTimeout(timer);
				this.#waiter = undefined;
				resolve();
			};
			const timer = setTimeout(done, ms);
			this.#waiter = done;
		});
	}
}

/**
 * The running federation of a node. `wake()` is the commit listener's target; `stop()` waits for the
 * loops to finish their current step (an interrupted step is simply redone at the next start).
 */
export class FederationService {
	readonly #options: FederationServiceOptions;
	readonly #feedSignal = new Signal();
	readonly #deliverySignals = new Map<string, Signal>();
	readonly #loops: Promise<void>[] = [];
	#running = false;

	constructor(options: FederationServiceOptions) {
		this.#options = options;
	}

	/** Something was committed: feed the outboxes now. */
	wake(): void {
		this.#feedSignal.set();
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#loops.push(this.#feedLoop());
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#feedSignal.set();
		for (const signal of this.#deliverySignals.values()) signal.set();
		await Promise.allSettled(this.#loops);
	}

	async #feedLoop(): Promise<void> {
		const { store, logger, pollMs } = this.#options;
		while (this.#running) {
			try {
				const peers = (await store.listPeers()).filter((p) => p.kind === "entente" && p.status === "active");
				for (const peer of peers) {
					this.#ensureDelivery(peer);
					for (;;) {
						const round = await feedPeerOnce(this.#options, peer);
						if (round.enqueued > 0) this.#deliverySignals.get(peer.name)?.set();
						if (round.consumed === 0 || !this.#running) break;
					}
					const state = await store.getPeerState(peer.name);
					if (state?.retryRequested === true) this.#deliverySignals.get(peer.name)?.set();
				}
			} catch (error) {
				logger.error({ err: error }, "federation: feeding the outboxes failed; retrying");
			}
			await this.#feedSignal.wait(pollMs);
		}
	}

	/** Waits out a backoff; new messages do not cut it short, a retry request (`peers retry`) does. */
	async #backOff(name: string, signal: Signal, ms: number): Promise<void> {
		const until = Date.now() + ms;
		while (this.#running && Date.now() < until) {
			await signal.wait(until - Date.now());
			if ((await this.#options.store.getPeerState(name))?.retryRequested === true) return;
		}
	}

	#ensureDelivery(peer: PeerRecord): void {
		if (this.#deliverySignals.has(peer.name)) return;
		const signal = new Signal();
		this.#deliverySignals.set(peer.name, signal);
		signal.set();
		this.#loops.push(this.#deliveryLoop(peer.name, signal));
	}

	async #deliveryLoop(name: string, signal: Signal): Promise<void> {
		const { store, logger } = this.#options;
		const deps = {
			...this.#options,
			timeoutMs: this.#options.timeoutMs ?? 30_000,
			inFlight: this.#options.inFlight ?? 2,
			running: () => this.#running,
		};
		while (this.#running) {
			// Idle: woken by the feeder; the periodic look is only a safety net.
			let waitMs = 5000;
			try {
				const peer = await store.getPeer(name);
				if (peer === undefined || peer.status !== "active") {
					this.#deliverySignals.delete(name);
					return;
				}
				const outcome = await deliverOnce(deps, peer);
				if (outcome.kind === "delivered") continue;
				if (outcome.kind === "failed") {
					await this.#backOff(name, signal, outcome.retryInMs);
					continue;
				}
			} catch (error) {
				logger.error({ err: error, peer: name }, "federation: delivery loop failed; retrying");
				waitMs = 1000;
			}
			await signal.wait(waitMs);
		}
	}
}
