// Tests the compiled policy: jurisdiction closure, agreements through communities, local coverage, windows.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, REFERENCE_POLICY } from "#test/fixtures/reference-scenario.ts";
import { agreementsBetween, communitiesBetween, compilePolicy } from "./compile.ts";
import { compileWindow, isWithin } from "./validity.ts";

const compiled = compilePolicy(REFERENCE_POLICY);
const names = (list: readonly { source: { name: string } }[]): string[] =>
	list.map((a) => a.source.name).sort();

describe("compilePolicy", () => {
	it("closes jurisdictions over blocs: NL is also EU", () => {
		assert.deepEqual(compiled.parties.get(IDS.nlPolice)?.jurisdictions, ["NL", "EU"]);
		assert.deepEqual(compiled.parties.get(IDS.nca)?.jurisdictions, ["GB"]);
		assert.deepEqual(
			compiled.parties
				.get(IDS.bka)
				?.personalData.map((r) => `${r.jurisdiction.source.code}:${r.rule.objectType}`),
			["EU:ipv4-addr", "EU:ipv6-addr", "EU:email-addr"],
		);
	});

	it("finds agreements directly and through communities, in both directions", () => {
		assert.deepEqual(names(agreementsBetween(compiled, IDS.nca, IDS.fbi)), [
			"J-CAT",
			"US–UK joint cyber cell",
		]);
		assert.deepEqual(names(agreementsBetween(compiled, IDS.fbi, IDS.nca)), [
			"J-CAT",
			"US–UK joint cyber cell",
		]);
		assert.deepEqual(names(agreementsBetween(compiled, IDS.coPolice, IDS.auPolice)), ["J-CAT"]);
		assert.deepEqual(names(agreementsBetween(compiled, IDS.bank, IDS.fbi)), []);
		assert.deepEqual(communitiesBetween(compiled, IDS.nca, IDS.bank), ["cisp"]);
		assert.deepEqual(names(compiled.withLocal.get(IDS.fbi) ?? []), ["J-CAT", "US–UK joint cyber cell"]);
		assert.equal(compiled.withLocal.get(IDS.nca), undefined, "local parties are not their own partners");
		assert.equal(compiled.members.get("j-cat/ransomware")?.has(IDS.fbi), true);
	});

	it("compiles windows fail-closed", () => {
		const window = compileWindow({ from: "2020-01-01T00:00:00Z", until: "2021-01-01T00:00:00Z" });
		assert.equal(isWithin(window, Date.parse("2020-06-01T00:00:00Z")), true);
		assert.equal(isWithin(window, Date.parse("2021-01-01T00:00:00Z")), false, "until is exclusive");
		assert.equal(isWithin(compileWindow({ from: "not a date" }), Date.now()), false);
	});
});
