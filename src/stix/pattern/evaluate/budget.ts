// The work an evaluation may do, counted in steps, so that no pattern and no input can hold the event loop for long.

/** Thrown when an evaluation has spent its budget; caught at the public face and reported as data. */
export class BudgetExceeded extends Error {
	readonly limit: number;
	constructor(limit: number, what: string) {
		super(
			`evaluation stopped after ${limit.toLocaleString("en")} steps (${what}); the limit bounds the work one ` +
				"request may do: evaluate fewer observations at once, or a narrower pattern",
		);
		this.limit = limit;
	}
}

/**
 * A step counter shared by every part of one evaluation: comparisons, LIKE and regex steps, bindings.
 * One step is roughly one comparison of one value, one regex thread on one character, or one partial match.
 */
export class Budget {
	private cap: number;
	private spent = 0;

	constructor(limit: number) {
		this.cap = limit;
	}

	/** The most steps this budget allows. */
	get limit(): number {
		return this.cap;
	}

	/** Lowers the limit to at most `steps` more than spent so far (a phase that must stay short). */
	narrow(steps: number): void {
		this.cap = Math.min(this.cap, this.spent + steps);
	}

	/** Spends `steps`, or throws BudgetExceeded naming `what` was being done when it ran out. */
	charge(steps: number, what: string): void {
		this.spent += steps;
		if (this.spent > this.limit) throw new BudgetExceeded(this.limit, what);
	}

	get used(): number {
		return this.spent;
	}
}
