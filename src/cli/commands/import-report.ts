// The part of an import summary a person acts on: what was rejected or quarantined, and why.
import { basename } from "node:path";
import type { IngestReport } from "../../ingest/index.ts";

const SHOWN_PER_INPUT = 20;

export function printProblems(reports: readonly { input: string; report: IngestReport }[]): void {
	for (const { input, report } of reports) {
		const lines: string[] = [];
		for (const message of report.inputErrors) lines.push(`  input error: ${message}`);
		for (const message of report.inputWarnings) lines.push(`  input warning: ${message}`);
		for (const problem of report.problems.slice(0, SHOWN_PER_INPUT)) {
			const what = `objects[${problem.index}]${problem.id === undefined ? "" : ` ${problem.id}`}`;
			const reasons = [
				...(problem.reason === undefined ? [] : [problem.reason]),
				...(problem.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`),
			];
			lines.push(`  ${problem.status} ${what}`);
			for (const reason of reasons.slice(0, 5)) lines.push(`      ${reason}`);
			if (reasons.length > 5) lines.push(`      … and ${reasons.length - 5} more`);
		}
		const hidden =
			report.problems.length - Math.min(report.problems.length, SHOWN_PER_INPUT) + report.problemsOmitted;
		if (hidden > 0) lines.push(`  … and ${hidden.toLocaleString("en")} more (use --json for all of them)`);
		if (lines.length > 0) process.stdout.write(`\n${basename(input)}:\n${lines.join("\n")}\n`);
	}
}
