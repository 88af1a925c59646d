import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRunArgs } from "./args.ts";

describe("parseRunArgs", () => {
	it("reads nothing as the full suite, default checks and the default ranking", () => {
		assert.deepEqual(parseRunArgs([]), {
			suite: "full",
			selection: { files: [], names: [], greps: [] },
			checks: "default",
			slowest: undefined,
			timings: undefined,
			concurrency: 2,
			help: false,
		});
	});

	it("reads repeated selections, --opt=VALUE and positional paths", () => {
		const args = parseRunArgs([
			"--quick",
			"--grep",
			"store",
			"--grep=taxii",
			"--name",
			"paging",
			"src/x.test.ts",
		]);
		assert.equal(args.suite, "quick");
		assert.deepEqual(args.selection, {
			files: ["src/x.test.ts"],
			names: ["paging"],
			greps: ["store", "taxii"],
		});
	});

	it("reads the checks switches, the ranking, the timings file and the concurrency", () => {
		const args = parseRunArgs(["--checks", "--slowest", "20", "--timings=t.json", "--concurrency", "0"]);
		assert.equal(args.checks, true);
		assert.equal(args.slowest, 20);
		assert.equal(args.timings, "t.json");
		assert.equal(args.concurrency, 1);
		assert.equal(parseRunArgs(["--no-checks"]).checks, false);
	});

	it("refuses an unknown option, a missing value and a count that is not a whole number", () => {
		assert.throws(() => parseRunArgs(["--grpe", "x"]), /unknown option --grpe/);
		assert.throws(() => parseRunArgs(["--grep"]), /--grep needs a value/);
		assert.throws(() => parseRunArgs(["--slowest", "ten"]), /--slowest takes a whole number, not "ten"/);
	});
});
