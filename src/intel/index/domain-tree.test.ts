// Sub-domains and parents of a domain, against a brute-force model over random domains.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DomainTree, parentsOf } from "./domain-tree.ts";

const label = fc.constantFrom("a", "b", "evil", "x-y", "co", "com", "uk", "0");
const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));
/** Asked names include empty labels (a leading, trailing or doubled dot): the query's reversal must agree. */
const asked = fc.oneof(
	domain,
	fc.array(fc.constantFrom("a", "evil", "com", ""), { maxLength: 4 }).map((l) => l.join(".")),
);

describe("DomainTree", () => {
	it("finds exactly the indexed domains strictly below a domain", () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(domain, { maxLength: 60 }),
				fc.array(fc.nat(60)),
				asked,
				fc.boolean(),
				(held, removed, asked, rebuilt) => {
					const tree = new DomainTree();
					// Rebuilt: one sorted run; otherwise every add goes to the small run (both scans are read).
					held.forEach((name, ordinal) => {
						tree.add(name, ordinal, rebuilt && ordinal % 3 === 0);
					});
					const gone = new Set(removed.filter((r) => r < held.length));
					for (const ordinal of gone) tree.remove(held[ordinal] as string, ordinal);
					const found: number[] = [];
					tree.subdomains(asked, (ordinal) => found.push(ordinal) > 0);
					const expected = held
						.map((name, ordinal) => ({ name, ordinal }))
						.filter((e) => !gone.has(e.ordinal) && e.name.endsWith(`.${asked}`))
						.map((e) => e.ordinal);
					assert.deepEqual(
						found.sort((a, b) => a - b),
						expected,
					);
				},
			),
			{ numRuns: 500 },
		);
	});

	it("stops when the visitor says so", () => {
		const tree = new DomainTree();
		["a.evil.com", "b.evil.com", "c.evil.com"].forEach((name, i) => {
			tree.add(name, i);
		});
		const found: number[] = [];
		tree.subdomains("evil.com", (ordinal) => found.push(ordinal) < 2);
		assert.deepEqual(found, [0, 1]);
	});

	it("lists a domain's parents nearest first", () => {
		assert.deepEqual(parentsOf("a.b.evil.co.uk"), ["b.evil.co.uk", "evil.co.uk", "co.uk", "uk"]);
		assert.deepEqual(parentsOf("localhost"), []);
	});
});
