// Impact jobs (D62): one running per user, readable by that user only, dropped 10 minutes after they end.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../errors/index.ts";
import { ImpactJobs, KEEP_FINISHED_MS } from "./impact-jobs.ts";
import type { PolicyImpactResult } from "./shapes/index.ts";

const RESULT: PolicyImpactResult = {
	baseVersion: 1,
	purpose: "network-defence",
	objects: 0,
	classes: 0,
	decidedPerObject: 0,
	parties: [],
};

const code = (work: () => unknown): string | undefined => {
	try {
		work();
	} catch (error) {
		return isAppError(error) ? error.code : String(error);
	}
	return undefined;
};

describe("ImpactJobs", () => {
	it("runs one job per user at a time, follows its progress, and keeps its answer 10 minutes after it ends", async () => {
		let now = 1_000_000;
		const jobs = new ImpactJobs(() => now);
		let finish: (result: PolicyImpactResult) => void = () => {};
		let report: (done: number) => void = () => {};
		const job = jobs.start("u1", 10, (progress) => {
			report = (done) => progress({ phase: "reading", done, total: 10 });
			return new Promise((resolve) => {
				finish = resolve;
			});
		});
		report(4);
		assert.deepEqual([jobs.get("u1", job).state, jobs.get("u1", job).done], ["running", 4]);
		assert.equal(
			code(() => jobs.start("u1", 10, async () => RESULT)),
			"E_POLICY_IMPACT_RUNNING",
		);
		const other = jobs.start("u2", 10, async () => RESULT);
		assert.equal(
			code(() => jobs.get("u1", other)),
			"E_POLICY_IMPACT_NOT_FOUND",
		);
		finish(RESULT);
		await new Promise((resolve) => setImmediate(resolve));
		assert.equal(jobs.get("u1", job).state, "done");
		assert.deepEqual(jobs.get("u1", job).result, RESULT);
		now += KEEP_FINISHED_MS;
		assert.equal(jobs.get("u1", job).state, "done");
		now += 1;
		assert.equal(
			code(() => jobs.get("u1", job)),
			"E_POLICY_IMPACT_NOT_FOUND",
		);
	});

	it("reports a failed run with its reason, and lets the user start another", async () => {
		const jobs = new ImpactJobs();
		const job = jobs.start("u1", 1, async () => {
			throw new Error("the store closed");
		});
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual([jobs.get("u1", job).state, jobs.get("u1", job).error], ["failed", "the store closed"]);
		assert.ok(jobs.start("u1", 1, async () => RESULT).length > 0);
	});
});
