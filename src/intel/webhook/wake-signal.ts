// A small awaitable flag for the watch-list loops: `wait(ms)` resolves on the next `set()` or after `ms`; a set
// while nobody waits is kept, so no wake-up is lost.
export class WakeSignal {
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
