// `entente policy diff|rollback`: compare two policy versions (or files), and apply an earlier version again (D63).
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import type { OpenNode } from "../../main.ts";
import { type DiffLine, diffLines, type PolicyFileError } from "../../policy/index.ts";
import { printJson } from "../output.ts";
import { withNode } from "./node-session.ts";
import { parsePositive } from "./options.ts";
import { applyPolicyText, printApplied, printPolicyErrors } from "./policy-apply.ts";

/** Lines of context around each change in a unified diff, as `diff -u` gives. */
const CONTEXT = 3;

export function registerPolicyVersions(group: Command): void {
	diffCommand(group);
	rollbackCommand(group);
}

/** One side of a diff: its label in the headers and its text. */
interface Side {
	label: string;
	text: string;
}

/** A version number (digits only) read from the store, the latest when absent; anything else a file. */
async function sideOf(node: OpenNode, which: string | undefined): Promise<Side> {
	if (which === undefined || /^\d+$/.test(which)) {
		const version = which === undefined ? undefined : Number(which);
		const stored = await node.store.getPolicy(version);
		if (stored === undefined)
			throw new AppError(
				"E_POLICY_NOT_FOUND",
				version === undefined
					? "no policy has been applied yet; run 'entente policy apply FILE'"
					: `there is no policy version ${version}; see 'entente policy history' (a file named only by digits: write ./${which})`,
			);
		return {
			label: `policy version ${stored.version} (${stored.appliedAt}, ${stored.appliedBy})`,
			text: stored.text,
		};
	}
	try {
		return { label: which, text: readFileSync(which, "utf8") };
	} catch (error) {
		throw new AppError("E_INPUT_NOT_FOUND", `cannot read the policy file ${which}`, { cause: error });
	}
}

/** `diff`: a unified diff of two versions or files; exit 0 whether or not they differ. */
function diffCommand(group: Command): void {
	group
		.command("diff")
		.description(
			"show what changed between two policy versions or files (unified diff; B defaults to the latest)",
		)
		.argument("<a>", "a version number (see 'entente policy history') or a policy file")
		.argument("[b]", "a version number or a file (default: the latest version)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print both sides and every line with its op (=, +, -) as JSON")
		.action(async (a: string, b: string | undefined, options) => {
			await withNode(options.data, async (node) => {
				const from = await sideOf(node, a);
				const to = await sideOf(node, b);
				const lines = diffLines(from.text, to.text);
				if (options.json === true) printJson({ from: from.label, to: to.label, lines });
				else process.stdout.write(unifiedDiff(lines, from.label, to.label));
			});
		});
}

/** `rollback`: apply version N's text again, as a new version, with apply's checks. */
function rollbackCommand(group: Command): void {
	group
		.command("rollback")
		.description(
			"apply an earlier policy version again, as a new version (validated and checked as apply is)",
		)
		.argument("<version>", "the version to return to (see 'entente policy history')", parsePositive)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--confirm-cut-off", "apply even though every partner would receive nothing beyond TLP:CLEAR")
		.option("--json", "print the result (or the errors) as JSON")
		.action(async (version: number, options) => {
			await withNode(options.data, async (node) => {
				const earlier = await node.store.getPolicy(version);
				if (earlier === undefined)
					throw new AppError(
						"E_POLICY_NOT_FOUND",
						`there is no policy version ${version}; see 'entente policy history'`,
					);
				const label = `policy version ${version}`;
				const json = options.json === true;
				try {
					const result = await applyPolicyText(node, earlier.text, label, {
						dryRun: false,
						json,
						confirmCutOff: options.confirmCutOff === true,
					});
					if (json) printJson(result);
					else printApplied(result);
				} catch (error) {
					if (!(error instanceof AppError) || error.code !== "E_POLICY_INVALID") throw error;
					// An old version may no longer fit this node (another node name, say): its errors, located.
					printPolicyErrors(label, (error.details?.errors ?? []) as PolicyFileError[], json);
					process.exitCode = 2;
				}
			});
		});
}

/**
 * The diff as `diff -u` writes it: `---`/`+++` headers, then hunks of changes with 3 lines of context, each
 * `@@ -start,count +start,count @@`; nothing when the texts are the same.
 * @example unifiedDiff(diffLines("a\n", "b\n"), "v1", "v2") // "--- v1\n+++ v2\n@@ -1 +1 @@\n-a\n+b\n"
 */
export function unifiedDiff(lines: readonly DiffLine[], fromLabel: string, toLabel: string): string {
	const changed = lines.flatMap((line, index) => (line.op === "=" ? [] : [index]));
	if (changed.length === 0) return "";
	const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
	let start = 0;
	while (start < changed.length) {
		let end = start;
		// Changes with at most twice the context of unchanged lines between them share a hunk (as GNU diff -u).
		while (end + 1 < changed.length && (changed[end + 1] ?? 0) - (changed[end] ?? 0) <= 2 * CONTEXT + 1)
			end++;
		const first = Math.max(0, (changed[start] ?? 0) - CONTEXT);
		const last = Math.min(lines.length - 1, (changed[end] ?? 0) + CONTEXT);
		out.push(...hunk(lines.slice(first, last + 1), lines.slice(0, first)));
		start = end + 1;
	}
	return `${out.join("\n")}\n`;
}

function hunk(slice: readonly DiffLine[], before: readonly DiffLine[]): string[] {
	const fromCount = slice.filter((line) => line.op !== "+").length;
	const toCount = slice.filter((line) => line.op !== "-").length;
	const fromStart = before.filter((line) => line.op !== "+").length + (fromCount === 0 ? 0 : 1);
	const toStart = before.filter((line) => line.op !== "-").length + (toCount === 0 ? 0 : 1);
	const range = (startLine: number, count: number) =>
		count === 1 ? `${startLine}` : `${startLine},${count}`;
	const body = slice.flatMap((line) => {
		const text = `${line.op === "=" ? " " : line.op}${line.text}`;
		return line.noNewline === true ? [text, "\\ No newline at end of file"] : [text];
	});
	return [`@@ -${range(fromStart, fromCount)} +${range(toStart, toCount)} @@`, ...body];
}
