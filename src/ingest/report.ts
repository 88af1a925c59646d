// What an ingest run tells its caller: one outcome per object, tallied, with the problems kept for display.
import type { ValidationIssue } from "../stix/core.ts";

export const OBJECT_STATUSES = ["stored", "duplicate", "rejected", "quarantined"] as const;
export type ObjectStatus = (typeof OBJECT_STATUSES)[number];

/** The outcome for one object of the input, in input order. */
export interface ObjectResult {
	/** Position in the input's `objects` array (0 for a bare object). */
	index: number;
	status: ObjectStatus;
	id?: string;
	type?: string;
	version?: string;
	/** Why it was rejected (errors) or what to look at (warnings). */
	issues?: readonly ValidationIssue[];
	/** Why it was quarantined or rejected, in one sentence. */
	reason?: string;
	/** STIX 2.0 → 2.1 changes applied, when the object was upgraded. */
	changes?: readonly string[];
	/** Flags stored with the version, e.g. `unknown-marking`. */
	flags?: readonly string[];
	/**
	 * Quarantined because the poster may not add this version (D30): another organisation owns the id, or a
	 * marking definition already has its content. Absent for a conflict of content under one version.
	 */
	refused?: true;
}

export interface IngestReport {
	counts: Record<ObjectStatus, number>;
	total: number;
	/** Objects upgraded from STIX 2.0, and how often each change was applied. */
	upgraded: number;
	changes: Record<string, number>;
	/** Objects stored with a flag (e.g. carrying a marking this node does not understand). */
	flagged: number;
	/** Objects accepted with warnings. */
	warned: number;
	/** Rejected and quarantined objects, at most `maxProblems` of them; `problemsOmitted` counts the rest. */
	problems: ObjectResult[];
	problemsOmitted: number;
	/** Problems that ended or spoiled the input as a whole (e.g. a truncated file after N good objects). */
	inputErrors: string[];
	/** Remarks on the input's wrapper that did not stop it (e.g. a bundle without `"type": "bundle"`). */
	inputWarnings: string[];
	durationMs: number;
}

/** Tallies results as they come; keeps memory bounded however large the input. */
export class ReportBuilder {
	readonly #report: IngestReport;
	readonly #maxProblems: number;
	readonly #startedAt = performance.now();

	constructor(maxProblems = 1000) {
		this.#maxProblems = maxProblems;
		this.#report = {
			counts: { stored: 0, duplicate: 0, rejected: 0, quarantined: 0 },
			total: 0,
			upgraded: 0,
			changes: {},
			flagged: 0,
			warned: 0,
			problems: [],
			problemsOmitted: 0,
			inputErrors: [],
			inputWarnings: [],
			durationMs: 0,
		};
	}

	add(result: ObjectResult): void {
		const report = this.#report;
		report.total++;
		report.counts[result.status]++;
		if (result.changes !== undefined && result.changes.length > 0) {
			report.upgraded++;
			for (const change of result.changes) report.changes[change] = (report.changes[change] ?? 0) + 1;
		}
		if (result.flags !== undefined && result.flags.length > 0 && result.status === "stored") report.flagged++;
		if (result.status === "rejected" || result.status === "quarantined") {
			if (report.problems.length < this.#maxProblems) report.problems.push(result);
			else report.problemsOmitted++;
		} else if (result.issues !== undefined && result.issues.length > 0) {
			report.warned++;
		}
	}

	inputError(message: string): void {
		this.#report.inputErrors.push(message);
	}

	get total(): number {
		return this.#report.total;
	}

	finish(): IngestReport {
		this.#report.durationMs = performance.now() - this.#startedAt;
		return this.#report;
	}
}
