// The temporal cases of OASIS's reference matcher (cti-pattern-matcher, test_temporal_qualifiers), in STIX 2.1
// syntax (t'' timestamps, a custom `x-person` type): the same verdicts, so the two read §9.5 alike.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluatePattern } from "./index.ts";

const PEOPLE = [
	["alice", "1994-11-29T13:37:52Z"],
	["bob", "1994-11-29T13:37:57Z"],
	["carol", "1994-11-29T13:38:02Z"],
].map(([name, at], i) => ({
	type: "observed-data",
	id: `observed-data--${i}`,
	first_observed: at,
	last_observed: at,
	number_observed: 1,
	objects: { "0": { type: "x-person", name } },
}));

const MATCH = [
	"[x-person:name = 'bob'] WITHIN 1 SECONDS",
	"[x-person:name = 'bob'] WITHIN 0.0001 SECONDS",
	"[x-person:name = 'alice'] AND [x-person:name < 'carol'] WITHIN 1 SECONDS",
	"([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 5 SECONDS",
	"([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 6 SECONDS",
	"([x-person:name = 'alice'] OR [x-person:name = 'darlene']) WITHIN 1 SECONDS",
	"[x-person:name = 'bob'] START t'1994-11-29T13:37:57Z' STOP t'1994-11-29T13:37:58Z'",
	"[x-person:name LIKE 'a%'] AND [x-person:name = 'bob'] START t'1994-11-29T13:37:57Z' STOP t'1994-11-29T13:37:58Z'",
	"([x-person:name LIKE 'a%'] AND [x-person:name = 'bob']) START t'1994-11-29T13:37:50Z' STOP t'1994-11-29T13:37:58Z'",
	"[x-person:name = 'alice'] OR [x-person:name = 'darlene'] START t'1994-11-29T13:37:57Z' STOP t'1994-11-29T13:37:58Z'",
	"([x-person:name = 'alice'] OR [x-person:name = 'darlene']) START t'1994-11-29T13:37:52Z' STOP t'1994-11-29T13:37:58Z'",
	"[x-person:name MATCHES ''] REPEATS 2 TIMES START t'1994-11-29T13:37:50Z' STOP t'1994-11-29T13:37:58Z'",
];

const NO_MATCH = [
	"([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 4 SECONDS",
	"([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 4.9999 SECONDS",
	"[x-person:name = 'elizabeth'] WITHIN 10 SECONDS",
	"([x-person:name < 'alice'] OR [x-person:name = 'darlene']) WITHIN 10 SECONDS",
	"[x-person:name = 'bob'] START t'1994-11-29T13:37:58Z' STOP t'1994-11-29T13:37:59Z'",
	"([x-person:name LIKE 'a%'] AND [x-person:name = 'bob']) START t'1994-11-29T13:37:50Z' STOP t'1994-11-29T13:37:57Z'",
	"([x-person:name LIKE 'z%'] OR [x-person:name = 'darlene']) START t'1994-11-29T13:37:50Z' STOP t'1994-11-29T13:37:57Z'",
	"[x-person:name MATCHES ''] REPEATS 3 TIMES START t'1994-11-29T13:37:50Z' STOP t'1994-11-29T13:37:58Z'",
	"[x-person:name NOT LIKE 'foo'] START t'1994-11-29T13:37:50Z' STOP t'1994-11-29T13:37:57Z' REPEATS 3 TIMES",
];

describe("the reference matcher's temporal cases", () => {
	for (const [patterns, expected] of [
		[MATCH, true],
		[NO_MATCH, false],
	] as const) {
		for (const pattern of patterns) {
			it(`${expected ? "matches" : "does not match"}: ${pattern}`, () => {
				const result = evaluatePattern(pattern, PEOPLE);
				assert.ok(result.ok, JSON.stringify(result));
				assert.equal(result.matched, expected);
			});
		}
	}

	it("refuses what the reference matcher refuses: WITHIN 0, START not before STOP", () => {
		for (const pattern of [
			"[x-person:name = 'alice'] WITHIN 0 SECONDS",
			"[x-person:name = 'bob'] START t'1994-11-29T13:37:58Z' STOP t'1994-11-29T13:37:58Z'",
			"[x-person:name = 'bob'] START t'1994-11-29T13:37:59Z' STOP t'1994-11-29T13:37:58Z'",
		]) {
			const result = evaluatePattern(pattern, PEOPLE);
			assert.ok(!result.ok && result.errors[0]?.code === "qualifier", pattern);
		}
	});
});
