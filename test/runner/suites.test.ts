import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { FULL, LONGEST_FIRST, QUICK, startOrder, suiteFiles } from "./suites.ts";

const root = resolve(import.meta.dirname, "..", "..");

describe("suites", () => {
	it("the full suite holds every test file of the repository and the quick one a part of it", () => {
		const full = suiteFiles(FULL, root);
		const quick = suiteFiles(QUICK, root);
		assert.ok(
			full.includes("test/web-ui.test.ts") && full.includes("src/store/postgres/postgres-store.test.ts"),
		);
		assert.deepEqual(
			quick.filter((f) => !full.includes(f)),
			[],
		);
	});

	it("the quick suite leaves out the browser, PostgreSQL and process-level suites, not the model tests", () => {
		const quick = suiteFiles(QUICK, root);
		for (const left of ["test/web-ui.test.ts", "test/web-share.test.ts", "test/postgres-serve.test.ts"]) {
			assert.ok(!quick.includes(left), left);
		}
		assert.ok(!quick.includes("src/store/postgres/postgres-store.test.ts"));
		assert.ok(
			quick.includes("src/store/sqlite/sqlite-store.test.ts") && quick.includes("test/policy-model.test.ts"),
		);
		assert.ok(quick.includes("test/runner/suites.test.ts"));
		assert.ok(QUICK.envRemoved.includes("ENTENTE_TEST_POSTGRES_URL"));
	});

	it("starts the longest files first and keeps every file once", () => {
		const full = suiteFiles(FULL, root);
		const ordered = startOrder(full);
		assert.deepEqual([...ordered].sort(), full);
		assert.deepEqual(ordered.slice(0, LONGEST_FIRST.length), LONGEST_FIRST);
		for (const file of LONGEST_FIRST) assert.ok(full.includes(file), `${file} is in the suite`);
		assert.deepEqual(startOrder(["b.test.ts", "test/crash.test.ts", "a.test.ts"]), [
			"test/crash.test.ts",
			"b.test.ts",
			"a.test.ts",
		]);
	});
});
