// Policy impact jobs (D62): one running job per user, kept in memory and dropped a while after it ends.
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";
import type { Policy, Purpose } from "../policy/index.ts";
import type { ImpactJob, PolicyImpactResult } from "./shapes/index.ts";

/** Where an impact run is: `done` of `total` in its phase. */
export interface ImpactProgress {
	phase: ImpactJob["phase"];
	done: number;
	total: number;
}

/** What main.ts hands the API (release/'s policyImpact over the node's store): the API does not import release/. */
export interface PolicyImpactService {
	/** Objects an impact reads (the total a job's progress starts with). */
	total(): Promise<number>;
	/** The impact of `proposed` against the applied policy, reporting progress; examples unfiltered. */
	run(
		proposed: Policy,
		options: { purpose: Purpose; examples: number; onProgress: (progress: ImpactProgress) => void },
	): Promise<PolicyImpactResult>;
}

/** How long a finished job's answer is kept for its user to read. */
export const KEEP_FINISHED_MS = 10 * 60 * 1000;

interface Entry {
	user: string;
	answer: ImpactJob;
	finished: number | undefined;
}

/**
 * The impact jobs of one API: a user runs one at a time (a second start while one runs is refused with its id), and
 * reads only its own; a finished job is kept KEEP_FINISHED_MS, then dropped.
 */
export class ImpactJobs {
	readonly #jobs = new Map<string, Entry>();
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/**
	 * Starts `work` as `user`'s job and answers its id at once.
	 * @throws AppError E_POLICY_IMPACT_RUNNING (409) while another job of the user runs.
	 */
	start(
		user: string,
		total: number,
		work: (progress: (p: ImpactProgress) => void) => Promise<PolicyImpactResult>,
	): string {
		this.#sweep();
		for (const [job, entry] of this.#jobs)
			if (entry.user === user && entry.answer.state === "running")
				throw new AppError(
					"E_POLICY_IMPACT_RUNNING",
					`your impact preview ${job} is still running: follow it with GET /policy/impact/${job}, then start another`,
					{ details: { job } },
				);
		const job = randomUUID();
		const answer: ImpactJob = {
			job,
			state: "running",
			phase: "reading",
			done: 0,
			total,
			startedAt: new Date(this.#now()).toISOString(),
		};
		const entry: Entry = { user, answer, finished: undefined };
		this.#jobs.set(job, entry);
		const finish = (update: Partial<ImpactJob>) => {
			entry.finished = this.#now();
			entry.answer = { ...entry.answer, ...update, finishedAt: new Date(entry.finished).toISOString() };
		};
		work((p) => {
			entry.answer = { ...entry.answer, phase: p.phase, done: p.done, total: p.total };
		}).then(
			(result) => finish({ state: "done", result }),
			(error: unknown) =>
				finish({ state: "failed", error: error instanceof Error ? error.message : String(error) }),
		);
		return job;
	}

	/**
	 * The job as it stands.
	 * @throws AppError E_POLICY_IMPACT_NOT_FOUND (404) for an unknown, dropped or another user's job.
	 */
	get(user: string, job: string): ImpactJob {
		this.#sweep();
		const entry = this.#jobs.get(job);
		if (entry === undefined || entry.user !== user)
			throw new AppError(
				"E_POLICY_IMPACT_NOT_FOUND",
				`no impact preview ${job} of yours: it finished more than 10 minutes ago, or never was; start one with POST /policy/impact`,
			);
		return entry.answer;
	}

	#sweep(): void {
		const now = this.#now();
		for (const [job, entry] of this.#jobs)
			if (entry.finished !== undefined && now - entry.finished > KEEP_FINISHED_MS) this.#jobs.delete(job);
	}
}
