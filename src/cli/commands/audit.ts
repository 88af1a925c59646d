// `entente audit`: the node's audit trail (D66), newest first — a table for people, or every matching line as
// JSON Lines or CSV for scripts and spreadsheets, read a page at a time.
import { stdout } from "node:process";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { type AuditLineFormat, auditLines } from "../../exports/index.ts";
import { type AuditQuery, auditTimeMicros } from "../../store/index.ts";
import { printTable } from "../output.ts";
import { withNode } from "./node-session.ts";

/** Lines read per page. */
const PAGE = 1000;
/** Lines the table shows without --limit. */
const TABLE_LINES = 50;

function parseTime(value: string): string {
	if (auditTimeMicros(value) === undefined) {
		throw new InvalidArgumentError(
			"expected an RFC 3339 time such as 2026-12-08T10:00:00Z, or a date such as 2026-12-08",
		);
	}
	return value;
}

function parseLimit(value: string): number {
	const limit = Number(value);
	if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidArgumentError("a whole number from 1");
	return limit;
}

export function registerAudit(program: Command): void {
	program
		.command("audit")
		.description(
			"who did what: publishes, deletions, policy versions, token use, user, token and feed changes (newest first)",
		)
		.option("--since <time>", "lines at or after this time, or date (UTC)", parseTime)
		.option("--until <time>", "lines before this time, or date (UTC)", parseTime)
		.option("--actor <user>", "a user's name or id (the command line is cli:<os user>)")
		.option("--action <action>", "an action (policy.apply) or a family (token: every token.*)")
		.option("--target <target>", "what was acted on (an object id, policy:3, a user id, a feed id)")
		.option("--text <words>", "words anywhere in the actor, action, target or summary")
		.option(
			"--limit <n>",
			`lines at most (default: ${TABLE_LINES} in the table, all with --json or --csv)`,
			parseLimit,
		)
		.option("--json", "every matching line as JSON Lines")
		.option("--csv", "every matching line as CSV (with a header line)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.action(async (options) => {
			if (options.json === true && options.csv === true) {
				throw new InvalidArgumentError("choose one of --json and --csv");
			}
			const filters = filtersOf(options);
			await withNode(options.data, async (node) => {
				const format: AuditLineFormat | undefined =
					options.json === true ? "jsonl" : options.csv === true ? "csv" : undefined;
				if (format === undefined) {
					const entries = await node.store.listAudit({
						...filters,
						limit: Math.min(options.limit ?? TABLE_LINES, PAGE),
					});
					printTable(
						["at", "actor", "action", "target", "summary"],
						entries.map((e) => [
							e.at.slice(0, 19).replace("T", " "),
							e.actor.name,
							e.action,
							e.target,
							e.summary,
						]),
					);
					return;
				}
				const limit: number = options.limit ?? Number.MAX_SAFE_INTEGER;
				const page = Math.min(limit, PAGE);
				let left = limit;
				const read = async (beforeSeq?: number) => {
					const entries = await node.store.listAudit({
						...filters,
						...(beforeSeq === undefined ? {} : { beforeSeq }),
						limit: Math.min(page, left),
					});
					left -= entries.length;
					return entries;
				};
				const first = await read();
				// At the limit the next page is empty, which ends the lines.
				const next = async (before: number) => (left > 0 ? read(before) : []);
				for await (const text of auditLines(format, first, page, next)) {
					if (!stdout.write(text)) await new Promise((resolve) => stdout.once("drain", resolve));
				}
			});
		});
}

function filtersOf(options: Record<string, string | undefined>): Omit<AuditQuery, "limit"> {
	const since = options.since === undefined ? undefined : auditTimeMicros(options.since);
	const until = options.until === undefined ? undefined : auditTimeMicros(options.until);
	return {
		...(options.actor === undefined ? {} : { actor: options.actor }),
		...(options.action === undefined ? {} : { action: options.action }),
		...(options.target === undefined ? {} : { target: options.target }),
		...(options.text === undefined ? {} : { text: options.text }),
		...(since === undefined ? {} : { sinceMicros: since }),
		...(until === undefined ? {} : { untilMicros: until }),
	};
}
