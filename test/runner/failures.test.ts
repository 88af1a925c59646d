import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countedFailures, type Failure } from "./failures.ts";

const FILE = "/repo/src/api/auth.test.ts";
const raceInFile: Failure = { name: FILE, file: FILE, failureType: "hookFailed" };
const importError: Failure = { name: FILE, file: FILE, failureType: "testCodeFailure" };
const testFailed: Failure = { name: "answers 401", file: FILE, failureType: "testCodeFailure" };

describe("countedFailures", () => {
	it("counts every failure without a name filter", () => {
		assert.deepEqual(
			countedFailures([raceInFile, testFailed], false, () => false),
			[raceInFile, testFailed],
		);
	});

	it("under a name filter, drops only a whole file's hook failure where no test ran", () => {
		assert.deepEqual(
			countedFailures([raceInFile, importError, testFailed], true, () => false),
			[importError, testFailed],
		);
		assert.deepEqual(
			countedFailures([raceInFile], true, () => true),
			[raceInFile],
		);
	});
});
