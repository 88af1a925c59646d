// `entente feeds add|list|pull|remove|status`: feed subscriptions (D55) — lists and MISP feeds the node pulls on a
// schedule inside `serve`, or now with `pull`.
import { hostname } from "node:os";
import type { Command } from "commander";
import { localOrganization } from "../../accounts/index.ts";
import { defineFeed, type FeedProgress, findFeed, httpFeedFetch, pullFeed } from "../../feeds/index.ts";
import { feedLimitsOf } from "../../main.ts";
import type { FeedRecord, FeedStatus } from "../../store/index.ts";
import { ProgressLine, printJson, printTable } from "../output.ts";
import { cliActor } from "./cli-actor.ts";
import { withNode } from "./node-session.ts";

/** Exit status of a pull that failed (the feed could not be read or stored). */
const EXIT_FAILED = 3;

export function registerFeeds(program: Command): void {
	const command = program
		.command("feeds")
		.description("feed subscriptions: free-text, CSV and MISP feeds pulled into the store on a schedule");
	addCommand(command);
	listCommand(command);
	pullCommand(command);
	statusCommand(command);
	removeCommand(command);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addCommand(group: Command): void {
	group
		.command("add")
		.description("subscribe to a feed (pulled by `serve` every --interval seconds, or now with `feeds pull`)")
		.argument("<name>", "what to call the feed (its identity's name, the author of its objects)")
		.argument("<url>", "http(s) URL of the list, or of the MISP feed's folder (holding manifest.json)")
		.requiredOption("--format <format>", "text (one value per line), csv, or misp")
		.option("--interval <seconds>", "seconds between scheduled pulls; 0: only on demand", Number, 3600)
		.option(
			"--marking <marking>",
			"a marking every object carries: tlp:clear…tlp:red or a marking-definition id",
			collect,
		)
		.option("--confidence <n>", "the STIX confidence (0-100) of the feed's indicators", Number)
		.option("--value-column <column>", "csv: the column of the values (a number from 0, or its header name)")
		.option(
			"--kind <kind>",
			"csv: the kind of every value (ipv4, domain, sha256…); default: guessed per value",
		)
		.option("--first-seen-column <column>", "csv: the column of a first-seen date (becomes valid_from)")
		.option("--comment-column <column>", "csv: the column of a comment (becomes the description)")
		.option("--delimiter <char>", "csv: the delimiter (default ,)")
		.option("--org <id>", "the local organisation that owns the stored copies (default: the node's only one)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the feed as JSON")
		.action(async (name: string, url: string, options) => {
			await withNode(options.data, async (node) => {
				const organizationId = (await localOrganization(node.store, options.org)).id;
				const csv =
					options.valueColumn === undefined
						? undefined
						: {
								value: options.valueColumn,
								...(options.kind === undefined ? {} : { kind: options.kind }),
								...(options.firstSeenColumn === undefined ? {} : { firstSeen: options.firstSeenColumn }),
								...(options.commentColumn === undefined ? {} : { comment: options.commentColumn }),
								...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
							};
				const feed = defineFeed(
					{
						name,
						url,
						format: options.format,
						intervalSeconds: options.interval,
						markings: options.marking ?? [],
						...(options.confidence === undefined ? {} : { confidence: options.confidence }),
						...(csv === undefined ? {} : { csv }),
					},
					{ organizationId, createdBy: "cli", now: new Date() },
				);
				await node.store.putFeed(feed);
				await node.store.appendAudit({
					actor: cliActor(),
					action: "feed.add",
					target: feed.id,
					summary: `subscribed to ${feed.name} (${feed.url})`,
					details: { url: feed.url },
				});
				if (options.json === true) printJson(feed);
				else
					process.stdout.write(
						`added feed ${feed.id} (${feed.name}); pull it now with 'entente feeds pull ${feed.id}'\n`,
					);
			});
		});
}

function listCommand(group: Command): void {
	group
		.command("list")
		.description("list the feeds with their last pull")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			await withNode(options.data, async (node) => {
				const feeds = await node.store.listFeeds();
				if (options.json === true) {
					printJson({ feeds });
					return;
				}
				printTable(
					["id", "name", "format", "every", "last pull", "outcome", "url"],
					feeds.map((feed) => [
						feed.id,
						feed.name,
						feed.format,
						feed.intervalSeconds === 0 ? "on demand" : `${feed.intervalSeconds} s`,
						feed.status?.lastPullAt ?? "never",
						feed.status?.outcome ?? "",
						feed.url,
					]),
				);
			});
		});
}

function pullCommand(group: Command): void {
	group
		.command("pull")
		.description("pull a feed now, showing progress (another process pulling it makes this one stop)")
		.argument("<feed>", "the feed's id or name")
		.option("--force", "fetch in full even if the server says it has not changed")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the status as JSON")
		.addHelpText("after", "\nExit status: 0 when the pull succeeded, 3 when it failed (the status says why).")
		.action(async (ref: string, options) => {
			await withNode(options.data, async (node) => {
				const feed = await findFeed(node.store, ref);
				const progress = new ProgressLine(options.json !== true && process.stderr.isTTY === true);
				const status = await pullFeed(
					{
						store: node.store,
						fetch: httpFeedFetch,
						holder: `cli:${hostname()}:${process.pid}`,
						limits: feedLimitsOf(node.config),
						...(options.force === true ? { force: true } : {}),
						onProgress: (state) => progress.update(progressText(state), state.phase !== "storing"),
					},
					feed.id,
				);
				progress.done();
				if (options.json === true) printJson(status);
				else printStatus({ ...feed, status });
				if (status.outcome === "failed") process.exitCode = EXIT_FAILED;
			});
		});
}

function statusCommand(group: Command): void {
	group
		.command("status")
		.description("the last pull of each feed (or of one): outcome, objects added/updated/expired, problems")
		.argument("[feed]", "the feed's id or name (default: every feed)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (ref: string | undefined, options) => {
			await withNode(options.data, async (node) => {
				const feeds = ref === undefined ? await node.store.listFeeds() : [await findFeed(node.store, ref)];
				if (options.json === true) printJson({ feeds });
				else for (const feed of feeds) printStatus(feed);
			});
		});
}

function removeCommand(group: Command): void {
	group
		.command("remove")
		.description("unsubscribe from a feed (the objects it stored stay)")
		.argument("<feed>", "the feed's id or name")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.action(async (ref: string, options) => {
			await withNode(options.data, async (node) => {
				const feed = await findFeed(node.store, ref);
				await node.store.removeFeed(feed.id);
				await node.store.appendAudit({
					actor: cliActor(),
					action: "feed.remove",
					target: feed.id,
					summary: `unsubscribed from ${feed.name}`,
					details: { url: feed.url },
				});
				process.stdout.write(`removed feed ${feed.id} (${feed.name}); the objects it stored stay\n`);
			});
		});
}

function progressText(state: FeedProgress): string {
	if (state.phase === "fetching") return `fetching ${state.url}`;
	if (state.phase === "planning") return `read ${state.values.toLocaleString("en")} values`;
	return `storing ${state.done.toLocaleString("en")} of ${state.total.toLocaleString("en")} objects  ${Math.round(state.objectsPerSecond).toLocaleString("en")}/s`;
}

function printStatus(feed: FeedRecord): void {
	const out = process.stdout;
	out.write(`${feed.name} (${feed.id}, ${feed.format}) ${feed.url}\n`);
	const status: FeedStatus | undefined = feed.status;
	if (status === undefined) {
		out.write("  never pulled\n");
		return;
	}
	out.write(`  last pull  ${status.lastPullAt}  ${status.outcome}\n`);
	if (status.error !== undefined) out.write(`  error      ${status.error}\n`);
	const n = (value: number) => value.toLocaleString("en");
	out.write(
		`  objects    ${n(status.added)} added, ${n(status.updated)} updated, ${n(status.revoked)} expired, ` +
			`${n(status.unchanged ?? 0)} unchanged, ${n(status.refused ?? 0)} refused; ` +
			`${n(status.values)} values read, ${n(status.skipped)} skipped\n`,
	);
	if (status.nextPullAt !== undefined) out.write(`  next pull  ${status.nextPullAt}\n`);
	for (const problem of status.problems) out.write(`  problem    ${problem}\n`);
}
