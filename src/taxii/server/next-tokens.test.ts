// NextTokens: a token redeems once, for the user it was handed to, and only the latest 16 runs are remembered.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NextTokens } from "./next-tokens.ts";

describe("NextTokens", () => {
	it("redeems a token once, for its own user only", () => {
		const tokens = new NextTokens();
		tokens.issue("u1", "t1");
		assert.equal(tokens.redeem("u2", "t1"), false, "another user's token");
		assert.equal(tokens.redeem("u1", undefined), false);
		assert.equal(tokens.redeem("u1", "t1"), true);
		assert.equal(tokens.redeem("u1", "t1"), false, "a replay");
	});

	it("keeps the 16 most recent runs per user; an older token costs full price", () => {
		const tokens = new NextTokens();
		for (let run = 0; run < 17; run++) tokens.issue("u", `t${run}`);
		assert.equal(tokens.redeem("u", "t0"), false);
		for (let run = 1; run < 17; run++) assert.equal(tokens.redeem("u", `t${run}`), true, `t${run}`);
	});
});
