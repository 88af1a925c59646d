// Hidden and missing cost the same (D35): a 404 about one object is answered no sooner than the slow tail of such
// 404s, so the time of the answer does not tell an object the asker may not see from one the node does not hold.

/** 404s remembered: enough for a stable tail, few enough to follow a change of load within seconds. */
const WINDOW = 512;
/** The quantile every 404 about one object is held to: high enough to cover the slow kind (hidden) in a mix, low
 * enough that a pause of the process (GC, a loaded machine) does not set it (0.99 made 404s take 8 ms, measured). */
const QUANTILE = 0.9;
/** Below this, wait by yielding to the event loop (timers are millisecond-grained); above it, sleep most of it. */
const SPIN_MS = 2;

/** Paths that name one stored object: TAXII's object, versions and delete; REST's object and what hangs off it. */
const ONE_OBJECT = [
	/^\/taxii2\/[^/]+\/collections\/[^/]+\/objects\/[^/]+\/(versions\/)?$/,
	/^\/api\/v1\/objects\/[^/]+(\/[a-z]+)?$/,
];

/** Whether `path` asks about one object by id (its 404 must cost what a hidden object's 404 costs). */
export function namesOneObject(path: string): boolean {
	return ONE_OBJECT.some((pattern) => pattern.test(path));
}

/** The `q`-quantile of `values` (nearest rank); 0 for none. */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/**
 * One per node. `answer(started)` is awaited before a one-object 404 leaves: it records how long the request's
 * work took and waits until `started` + the tail (QUANTILE) of the recent ones. Every such 404 then leaves at
 * about the same time after it arrived, the hidden object's (which judged versions) and the missing one's alike.
 */
export class EqualTime {
	readonly #samples: number[] = [];
	#next = 0;
	#target = 0;
	readonly #now: () => number;

	/** `now` returns milliseconds of a monotonic clock (injectable for tests). */
	constructor(now: () => number = () => performance.now()) {
		this.#now = now;
	}

	/** Milliseconds every one-object 404 now takes at least. */
	get target(): number {
		return this.#target;
	}

	/** Records a 404's work (`started` → now) and resolves once `started` + target has passed. */
	async answer(started: number): Promise<void> {
		this.record(this.#now() - started);
		const deadline = started + this.#target;
		for (let remaining = deadline - this.#now(); remaining > 0; remaining = deadline - this.#now()) {
			if (remaining > SPIN_MS) await new Promise((done) => setTimeout(done, remaining - SPIN_MS));
			else await new Promise((done) => setImmediate(done));
		}
	}

	/** Adds one 404's work time to the window and recomputes the target. */
	record(elapsed: number): void {
		if (this.#samples.length < WINDOW) this.#samples.push(elapsed);
		else this.#samples[this.#next] = elapsed;
		this.#next = (this.#next + 1) % WINDOW;
		this.#target = quantile(this.#samples, QUANTILE);
	}
}
