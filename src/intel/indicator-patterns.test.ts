// The index's PatternSet: held current by put/remove, asked by matching with a per-request budget, and a pattern hit
// counted only when the released copy's own pattern still matches.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Observable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import { matchValues } from "./bulk-match.ts";
import { ObservableIndex } from "./index/observable-index.ts";
import { scoOfValue } from "./indicator-patterns.ts";
import { candidatesOf, PatternBudget, ReleasedValues, releasedCandidates } from "./match.ts";

const ID = "indicator--c1111111-1111-4111-8111-111111111111";
const domain = (value: string): Observable => ({ kind: "domain", value });

function indicator(pattern: string, fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: ID,
		pattern,
		pattern_type: "stix",
		...fields,
	} as StixObject;
}

describe("the index's patterns", () => {
	it("holds only indicators whose pattern needs them, replaced by each new version and gone on removal", () => {
		const index = new ObservableIndex();
		index.put(indicator("[domain-name:value = 'plain.example']"));
		index.put({ ...indicator("[file:hashes.'SHA-256' = 'aa']"), id: "indicator--other" } as StixObject);
		index.put({
			...indicator("[file:hashes.'SHA-256' = 'aa' AND file:hashes.MD5 = 'bb' OR file:name = 'x.exe']"),
			id: "indicator--joined",
		} as StixObject);
		assert.equal(index.patterns.size, 0);
		index.put({
			...indicator("[file:hashes.MD5 = 'bb' AND file:size = '10']"),
			id: "indicator--size",
		} as StixObject);
		assert.equal(index.patterns.size, 1, "a comparison on another property than a value needs the set");
		index.remove("indicator--size");
		index.put(indicator("[domain-name:value LIKE '%.evil.example']"));
		assert.equal(index.patterns.size, 1);
		assert.deepEqual(index.patterns.match(domain("a.evil.example")).ids, [ID]);
		index.put(indicator("[domain-name:value = 'a.evil.example']"));
		assert.deepEqual([index.patterns.size, index.patterns.match(domain("a.evil.example")).ids], [0, []]);
		index.put(indicator("[domain-name:value LIKE '%.evil.example']", { revoked: true }));
		assert.equal(index.patterns.size, 1, "a revoked indicator stays, flagged `revoked` in its hits");
		index.remove(ID);
		assert.equal(index.patterns.size, 0);
		index.put(indicator("[domain-name:value LIKE '%.evil.example']", { pattern_type: "sigma" }));
		assert.equal(index.patterns.size, 0);
	});

	it("gives pattern candidates only within the request's budget", () => {
		const index = new ObservableIndex();
		index.put(indicator("[domain-name:value LIKE '%.evil.example']"));
		const budget = new PatternBudget();
		const found = candidatesOf(index, domain("a.evil.example"), {
			related: true,
			limit: 10,
			patterns: budget,
		});
		assert.deepEqual(found, [{ id: ID, relation: "pattern", via: domain("a.evil.example") }]);
		assert.ok(budget.left < new PatternBudget().left);
		const none = candidatesOf(index, domain("a.evil.example"), {
			related: true,
			limit: 10,
			patterns: new PatternBudget(0),
		});
		assert.deepEqual(none, []);
		assert.deepEqual(candidatesOf(index, domain("a.evil.example"), { related: true, limit: 10 }), []);
	});

	it("counts a pattern hit only when the released copy's pattern still matches the value", () => {
		const stored = indicator("[domain-name:value LIKE '%.evil.example']");
		const transformed = { ...stored, pattern: "[domain-name:value LIKE '%.redacted.invalid']" };
		const candidate = { id: ID, relation: "pattern" as const, via: domain("a.evil.example") };
		const values = new ReleasedValues();
		assert.equal(releasedCandidates([candidate], new Map([[ID, stored]]), values).length, 1);
		assert.equal(releasedCandidates([candidate], new Map([[ID, transformed]]), values).length, 0);
		const notIndicator = { ...stored, type: "note" } as StixObject;
		assert.equal(releasedCandidates([candidate], new Map([[ID, notIndicator]]), values).length, 0);
	});

	it("says which values a spent request budget left untested", async () => {
		const index = new ObservableIndex();
		index.put(indicator("[domain-name:value LIKE '%.evil.example']"));
		const release = async (ids: readonly string[]) =>
			new Map(ids.map((id) => [id, indicator("[domain-name:value LIKE '%.evil.example']")]));
		const rows = [];
		for await (const chunk of matchValues(index, [{ kind: "domain", value: "a.evil.example" }], release, {
			related: true,
			listed: 10,
			patternSteps: 0,
		}))
			rows.push(...chunk);
		assert.deepEqual([rows[0]?.total, rows[0]?.patternsSkipped], [0, true]);
	});

	it("tests a value of a kind without an SCO on the smallest object holding it", () => {
		const sco = scoOfValue({ kind: "ja3", value: "e7d705a3286e19ea42f587b344ee6865" });
		assert.equal(sco.type, "network-traffic");
		assert.deepEqual(sco.extensions, { "x-tls-ext": { ja3: "e7d705a3286e19ea42f587b344ee6865" } });
		const index = new ObservableIndex();
		index.put(indicator("[network-traffic:extensions.'x-tls-ext'.ja3 LIKE 'e7d705%']"));
		assert.deepEqual(index.patterns.match({ kind: "ja3", value: "e7d705a3286e19ea42f587b344ee6865" }).ids, [
			ID,
		]);
	});
});
