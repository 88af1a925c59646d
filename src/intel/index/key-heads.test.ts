// Heads against the strings they stand for: monotone, a search by heads finds what a search by strings finds, and
// the prefix test never refuses a key that starts with the prefix (and, when decisive, never accepts one that does not).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { HEAD_WORDS, headsOf, lowerBoundByHead, PrefixTest, writeHead } from "./key-heads.ts";

/** Strings around the edges: characters below, at and above 255, and lengths either side of 16. */
const key = fc
	.array(fc.constantFrom("a", "b", ".", "\u0000", "\u00fe", "\u00ff", "\u0100", "\uffff", "abcdefghij"), {
		maxLength: 6,
	})
	.map((parts) => parts.join(""));

function compareHeads(a: string, b: string): number {
	const x = new Uint32Array(HEAD_WORDS);
	const y = new Uint32Array(HEAD_WORDS);
	writeHead(a, x, 0);
	writeHead(b, y, 0);
	for (let i = 0; i < HEAD_WORDS; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
	return 0;
}

describe("key heads", () => {
	it("are monotone: a key below another never has a head above the other's", () => {
		fc.assert(
			fc.property(key, key, (a, b) => {
				if (a < b) assert.ok(compareHeads(a, b) <= 0, `${JSON.stringify(a)} < ${JSON.stringify(b)}`);
			}),
			{ numRuns: 2000 },
		);
	});

	it("find the same lower bound as the strings", () => {
		fc.assert(
			fc.property(fc.array(key, { maxLength: 60 }), key, (keys, probe) => {
				keys.sort();
				const expected = keys.findIndex((k) => k >= probe);
				assert.equal(lowerBoundByHead(keys, headsOf(keys), probe), expected < 0 ? keys.length : expected);
			}),
			{ numRuns: 1000 },
		);
	});

	it("test a prefix without refusing a key that starts with it", () => {
		fc.assert(
			fc.property(fc.array(key, { maxLength: 30 }), key, (keys, prefix) => {
				const heads = headsOf(keys);
				const test = new PrefixTest();
				test.set(prefix);
				keys.forEach((k, i) => {
					if (k.startsWith(prefix)) assert.ok(test.mayStart(heads, i), `${JSON.stringify(k)} starts with it`);
					else if (test.decisive) assert.ok(!test.mayStart(heads, i), `${JSON.stringify(k)} does not`);
				});
			}),
			{ numRuns: 1000 },
		);
	});
});
