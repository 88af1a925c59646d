// `entente quarantine list|show|accept|reject|hold`: what the node set aside or refused, reviewed by its operator
// (D65). Decisions go through ingest's decideQuarantined, as the REST API's do, recorded as `cli:<account>`.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import { decideQuarantined, type QuarantineEntry, quarantineEntry } from "../../ingest/index.ts";
import {
	QUARANTINE_ACTIONS,
	QUARANTINE_KINDS,
	QUARANTINE_STATES,
	type QuarantineActionName,
	type QuarantineListRequest,
} from "../../store/index.ts";
import { printJson, printTable } from "../output.ts";
import { cliActor } from "./cli-actor.ts";
import { withNode } from "./node-session.ts";

export function registerQuarantine(program: Command): void {
	const command = program
		.command("quarantine")
		.description(
			"review what the node set aside or refused: conflicts, refused versions, invalid objects, refused deliveries",
		);
	listCommand(command);
	showCommand(command);
	for (const action of QUARANTINE_ACTIONS) decideCommand(command, action);
}

function listCommand(group: Command): void {
	group
		.command("list")
		.description("the quarantine's items, newest first")
		.option("--kind <kinds>", `comma-separated: ${QUARANTINE_KINDS.join(", ")}`)
		.option("--state <states>", `comma-separated: ${QUARANTINE_STATES.join(", ")} (default: all)`)
		.option("--source <source>", "an organisation id, or a source such as peer:NAME or api:publish")
		.option("--limit <n>", "items per page (1-1000)", Number, 50)
		.option("--cursor <n>", "the next page: the `next` a previous list printed", Number)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the page as JSON")
		.action(async (options) => {
			const request: QuarantineListRequest = { limit: options.limit };
			if (options.kind !== undefined) request.kinds = listOf(options.kind, QUARANTINE_KINDS, "--kind");
			if (options.state !== undefined) request.states = listOf(options.state, QUARANTINE_STATES, "--state");
			if (options.source !== undefined) request.source = options.source;
			if (options.cursor !== undefined) request.after = options.cursor;
			await withNode(options.data, async (node) => {
				const page = await node.store.listQuarantineItems(request);
				if (options.json === true) {
					printJson(page);
					return;
				}
				printTable(
					["item", "kind", "state", "received", "from", "object", "reason"],
					page.items.map((item) => [
						String(item.seq),
						item.kind,
						item.state,
						item.receivedAt.slice(0, 19),
						item.organizationId,
						item.objectId,
						item.reason.length > 80 ? `${item.reason.slice(0, 79)}…` : item.reason,
					]),
				);
				if (page.next !== undefined) process.stdout.write(`more: --cursor ${page.next}\n`);
			});
		});
}

function showCommand(group: Command): void {
	group
		.command("show")
		.description("one item: its reason, the held content beside the stored version, and its history")
		.argument("<item>", "the item's number (from `quarantine list`)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the item as JSON")
		.action(async (item: string, options) => {
			const seq = itemNumber(item);
			await withNode(options.data, async (node) => {
				const detail = await node.store.getQuarantineItem(seq);
				if (detail === undefined)
					throw new AppError(
						"E_QUARANTINE_NOT_FOUND",
						`no quarantine item ${seq}: see 'entente quarantine list'`,
					);
				const entry = await quarantineEntry(node.store, detail);
				if (options.json === true) printJson(entry);
				else printEntry(entry);
			});
		});
}

function decideCommand(group: Command, action: QuarantineActionName): void {
	const what: Record<QuarantineActionName, string> = {
		accept: "store the held content as its sender's, if ingest's rules allow it now (a refusal says why)",
		reject: "drop the held content; the item stays listed as rejected",
		hold: "keep the item held, with a note",
	};
	group
		.command(action)
		.description(what[action])
		.argument("<item>", "the item's number (from `quarantine list`)")
		.option("--note <text>", "why; kept with the decision")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the decision as JSON")
		.action(async (item: string, options) => {
			const seq = itemNumber(item);
			await withNode(options.data, async (node) => {
				const decision = await decideQuarantined(node.store, {
					item: seq,
					action,
					by: `cli:${userInfo().username}`,
					actor: cliActor(),
					...(options.note === undefined ? {} : { note: options.note }),
				});
				if (options.json === true) printJson(decision);
				else
					process.stdout.write(
						`item ${seq}: ${decision.item.state}${decision.stored === undefined ? "" : ` (${decision.stored.status} ${decision.stored.id ?? ""})`}\n`,
					);
			});
		});
}

function itemNumber(text: string): number {
	const seq = Number(text);
	if (!Number.isSafeInteger(seq) || seq < 1)
		throw new AppError(
			"E_QUARANTINE_NOT_FOUND",
			`'${text}' is not an item number: see 'entente quarantine list'`,
		);
	return seq;
}

function listOf<T extends string>(text: string, allowed: readonly T[], option: string): T[] {
	const values = text.split(",").filter((value) => value !== "");
	const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
	if (unknown.length > 0)
		throw new AppError("E_STORE_QUERY_INVALID", `${option} ${unknown.join(",")}: use ${allowed.join(", ")}`);
	return values as T[];
}

function printEntry(entry: QuarantineEntry): void {
	const { item } = entry;
	const out = (line: string): boolean => process.stdout.write(`${line}\n`);
	out(`item ${item.seq}: ${item.kind}, ${item.state}, received ${item.receivedAt}`);
	out(
		`from ${item.organizationId} (${item.source})${item.objectId === "" ? "" : `, object ${item.objectId} ${item.version}`}`,
	);
	out(`reason: ${item.reason}`);
	if (item.truncated) out(`held: the first ${item.bytes} bytes only`);
	if (entry.differing.length > 0) out(`differs in: ${entry.differing.join(", ")}`);
	out("── held ──");
	out(entry.raw ?? JSON.stringify(entry.held, null, 2));
	if (entry.stored !== undefined) {
		out(`── stored (${entry.stored.version}, from ${entry.stored.provenance.organizationId}) ──`);
		out(JSON.stringify(entry.stored.object, null, 2));
	}
	for (const action of entry.actions)
		out(`${action.at} ${action.by}: ${action.action}${action.note === "" ? "" : ` — ${action.note}`}`);
}
