import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSelective, planRun, type Selection } from "./select.ts";

const SUITE = ["src/api/auth.test.ts", "src/store/sqlite/sqlite-store.test.ts", "test/federation.test.ts"];
const NONE: Selection = { files: [], names: [], greps: [] };
const noFile = (): boolean => false;

describe("planRun", () => {
	it("runs every file of the suite when nothing is selected", () => {
		const plan = planRun(SUITE, NONE, noFile);
		assert.deepEqual(plan, { files: SUITE, namePatterns: [], explanation: [] });
		assert.equal(isSelective(NONE), false);
	});

	it("runs the files a --grep matches by path whole, case-insensitively", () => {
		const plan = planRun(SUITE, { ...NONE, greps: ["STORE|federation"] }, noFile);
		assert.deepEqual(plan.files, [SUITE[1], SUITE[2]]);
		assert.deepEqual(plan.namePatterns, []);
	});

	it("turns a --grep that matches no path into a name pattern over every file", () => {
		const plan = planRun(SUITE, { ...NONE, greps: ["quarantines a collision"] }, noFile);
		assert.deepEqual(plan.files, SUITE);
		assert.deepEqual(plan.namePatterns, [/quarantines a collision/i]);
		assert.match(plan.explanation[0] ?? "", /no path matches/);
	});

	it("filters the chosen files by --name", () => {
		const plan = planRun(SUITE, { ...NONE, files: ["sqlite"], names: ["paging"] }, noFile);
		assert.deepEqual(plan.files, [SUITE[1]]);
		assert.deepEqual(plan.namePatterns, [/paging/i]);
	});

	it("takes an existing path as is, even one the suite leaves out", () => {
		const isFile = (path: string): boolean => path === "./test/web-ui.test.ts";
		const plan = planRun(SUITE, { ...NONE, files: ["src/api", "./test/web-ui.test.ts"] }, isFile);
		assert.deepEqual(plan.files, [SUITE[0], "test/web-ui.test.ts"]);
	});

	it("refuses a --file no path matches, and a pattern that is not a regular expression", () => {
		assert.throws(
			() => planRun(SUITE, { ...NONE, files: ["nowhere"] }, noFile),
			/--file nowhere: no test file/,
		);
		assert.throws(
			() => planRun(SUITE, { ...NONE, greps: ["("] }, noFile),
			/"\(" is not a regular expression/,
		);
	});
});
