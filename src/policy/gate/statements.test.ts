// chooseStatement (D31): which of an observable's statements a party receives.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Verdict } from "../model.ts";
import { chooseStatement, isStatement } from "./release-page.ts";
import type { ReleasableVersion } from "./types.ts";

const A = "identity--a";
const B = "identity--b";
const C = "identity--c";

const statement = (organizationId: string, version: string, marking: string): ReleasableVersion => ({
	object: { type: "ipv4-addr", id: "ipv4-addr--1", value: "198.51.100.1", object_marking_refs: [marking] },
	provenance: { organizationId, source: "test" },
	flags: [],
	latest: true,
	version,
});

const byMarking =
	(released: readonly string[]) =>
	(s: ReleasableVersion): Verdict =>
		released.includes(String((s.object.object_marking_refs as string[])[0])) ? "full" : "deny";

describe("chooseStatement", () => {
	const clear = statement(B, "2026-01-01T00:00:00.000001Z", "clear");
	const red = statement(A, "2026-01-01T00:00:00.000002Z", "red");
	const green = statement(C, "2026-01-01T00:00:00.000003Z", "green");

	it("gives a party its own statement when it may receive it, even if another is newer", () => {
		assert.equal(chooseStatement([clear, red, green], A, byMarking(["clear", "red", "green"])), red);
	});
	it("otherwise the newest it may receive: one it may not is as if never made", () => {
		assert.equal(chooseStatement([clear, red, green], "identity--x", byMarking(["clear", "green"])), green);
		assert.equal(chooseStatement([clear, red, green], B, byMarking(["clear", "green"])), clear);
		assert.equal(chooseStatement([clear, red, green], "identity--x", byMarking(["clear"])), clear);
		assert.equal(chooseStatement([green, red, clear], "identity--x", byMarking(["clear"])), clear);
	});
	it("none when the party may receive none", () => {
		assert.equal(chooseStatement([clear, red], "identity--x", byMarking([])), undefined);
	});
	it("breaks a tie of versions by contributor, whatever the order given", () => {
		const one = statement(B, "v", "clear");
		const two = statement(C, "v", "clear");
		assert.equal(chooseStatement([one, two], "identity--x", byMarking(["clear"])), two);
		assert.equal(chooseStatement([two, one], "identity--x", byMarking(["clear"])), two);
	});
	it("treats an object without created and modified as a statement", () => {
		assert.equal(isStatement(clear.object), true);
		assert.equal(isStatement({ ...clear.object, created: "x", modified: "x" }), false);
	});
});
