import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../errors/index.ts";
import { BodyBudget } from "./budget.ts";

const request = (): Request => new Request("http://node.test/", { method: "POST", body: "x" });
const code = (work: () => void): string | undefined => {
	try {
		work();
		return undefined;
	} catch (error) {
		return isAppError(error) ? error.code : "not an AppError";
	}
};

describe("BodyBudget", () => {
	it("refuses a reservation past the total while others hold it, and frees it on release", () => {
		const budget = new BodyBudget({ totalBytes: 100, anonymousBytes: 10 });
		const [first, second] = [request(), request()];
		budget.reserve(first, 60, "authenticated");
		assert.equal(
			code(() => budget.reserve(second, 50, "authenticated")),
			"E_BODY_BUSY",
		);
		budget.release(first);
		budget.reserve(second, 50, "authenticated");
		assert.deepEqual(budget.stats().inFlight, { authenticated: 50, anonymous: 0 });
		assert.equal(budget.stats().peak.total, 60);
		assert.deepEqual(budget.stats().refused, { busy: 1, too_large: 0 });
	});

	it("gives anonymous bodies only their share, counted in the total too", () => {
		const budget = new BodyBudget({ totalBytes: 100, anonymousBytes: 10 });
		budget.reserve(request(), 8, "anonymous");
		assert.equal(
			code(() => budget.reserve(request(), 4, "anonymous")),
			"E_BODY_BUSY",
		);
		assert.equal(
			code(() => budget.reserve(request(), 11, "anonymous")),
			"E_BODY_TOO_LARGE",
		);
		assert.equal(
			code(() => budget.reserve(request(), 93, "authenticated")),
			"E_BODY_BUSY",
		);
		budget.reserve(request(), 92, "authenticated");
		assert.equal(budget.stats().peak.total, 100);
	});

	it("counts a request's reservations together and in the pool it started in", () => {
		const budget = new BodyBudget({ totalBytes: 100, anonymousBytes: 10 });
		const one = request();
		budget.reserve(one, 6, "anonymous");
		assert.equal(
			code(() => budget.reserve(one, 6, "authenticated")),
			"E_BODY_TOO_LARGE",
		);
		budget.release(one);
		budget.release(one);
		assert.deepEqual(budget.stats().inFlight, { authenticated: 0, anonymous: 0 });
	});

	it("refuses limits where the anonymous share exceeds the total", () => {
		assert.throws(() => new BodyBudget({ totalBytes: 10, anonymousBytes: 11 }), RangeError);
	});
});
