// The limiter's promises on a fake clock: a burst, then the sustained rate; a truthful Retry-After; bounded memory.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RateLimiter } from "./rate-limit.ts";

/** A limiter on a clock the test moves (milliseconds). */
function limiterAt(burst: number, perSecond: number) {
	const clock = { now: 0 };
	return { limiter: new RateLimiter({ burst, perSecond }, () => clock.now), clock };
}

describe("RateLimiter (token bucket)", () => {
	it("allows a burst, then refuses with the seconds until the next token", () => {
		const { limiter } = limiterAt(3, 0.5);
		assert.deepEqual(
			[1, 2, 3, 4].map(() => limiter.take("a")),
			[0, 0, 0, 2],
		);
		assert.equal(limiter.waitFor("a"), 2);
		assert.equal(limiter.take("b"), 0, "another client has its own bucket");
	});

	it("charges a request's cost: 0 takes nothing (but a client that is out still waits), a fraction a part", () => {
		const { limiter } = limiterAt(2, 0.001);
		for (let page = 0; page < 100; page++) assert.equal(limiter.take("a", 0), 0);
		// Served while a whole token is left: 2 → 1.5 → 1 → 0.5, then refused.
		assert.deepEqual(
			[0.5, 0.5, 0.5].map((cost) => limiter.take("a", cost)),
			[0, 0, 0],
		);
		assert.ok(limiter.take("a", 0.5) > 0, "less than a token left");
		assert.ok(limiter.take("a", 0) > 0, "free requests still wait when the bucket is empty");
	});

	it("Retry-After is the truth: refused a moment before it, served at it", () => {
		const { limiter, clock } = limiterAt(20, 0.5);
		for (let guess = 0; guess < 20; guess++) assert.equal(limiter.take("attacker"), 0);
		const wait = limiter.take("attacker");
		assert.equal(wait, 2);
		clock.now += wait * 1000 - 1;
		assert.ok(limiter.take("attacker") > 0, "not a millisecond early");
		clock.now += 1;
		assert.equal(limiter.take("attacker"), 0);
		// A fraction of a token rounds up to a whole second, never down to an answer that would be refused.
		clock.now += 500;
		assert.equal(limiter.take("attacker"), 2);
	});

	it("a client retrying whenever it may gets the burst plus the sustained rate, no more", () => {
		const { limiter, clock } = limiterAt(20, 0.5);
		let served = 0;
		for (; clock.now < 120_000; clock.now += 100) if (limiter.take("attacker") === 0) served++;
		// 20 at once, then one per 2 s for the remaining ~120 s (the refills at 2 s … 118 s).
		assert.equal(served, 20 + 59);
	});

	it("refills continuously: an idle client gets its whole burst back, and no more", () => {
		const { limiter, clock } = limiterAt(5, 1);
		for (let i = 0; i < 5; i++) limiter.take("a");
		clock.now += 2_500;
		assert.deepEqual(
			[1, 2, 3].map(() => limiter.take("a")),
			[0, 0, 1],
		);
		clock.now += 3_600_000;
		const burst = Array.from({ length: 6 }, () => limiter.take("a"));
		assert.deepEqual(burst, [0, 0, 0, 0, 0, 1]);
	});

	it("asking without taking remembers nothing: a flood of clean sources costs no memory", () => {
		const { limiter } = limiterAt(20, 0.5);
		for (let source = 0; source < 10_000; source++) assert.equal(limiter.waitFor(`198.51.100.${source}`), 0);
		assert.equal(limiter.size, 0);
	});

	it("a flood of fresh addresses is bounded by the clients still refilling, not by the addresses used", () => {
		const { limiter, clock } = limiterAt(20, 0.5);
		// 120,000 failed guesses, each from a new address, 1,000 a second: each bucket refills within 2 s, so
		// about 2,000 are refilling at any time, and the sweep at 100,000 forgets the rest.
		for (let guess = 0; guess < 120_000; guess++) {
			limiter.take(`2001:db8::${guess.toString(16)}`);
			clock.now += 1;
		}
		assert.ok(limiter.size < 25_000, `remembered ${limiter.size}`);
		// A flood faster than buckets refill (one token per 20 s, 10,000 addresses a second): all 150,000 are
		// still refilling and kept (their spending counts), and the sweep backs off to twice that, not once a request.
		const slow = limiterAt(20, 0.05);
		for (let guess = 0; guess < 150_000; guess++) {
			slow.limiter.take(`a${guess}`);
			slow.clock.now += 0.1;
		}
		assert.equal(slow.limiter.size, 150_000);
	});

	it("a swept client starts again with a full bucket, as it would have had anyway", () => {
		const { limiter, clock } = limiterAt(2, 1);
		limiter.take("early");
		clock.now += 10_000;
		for (let source = 0; source < 100_001; source++) limiter.take(`s${source}`);
		assert.equal(limiter.size, 100_001, "the sweep at 100,000 forgot the refilled client, and only it");
		assert.deepEqual(
			[1, 2, 3].map(() => limiter.take("early")),
			[0, 0, 1],
		);
	});
});
