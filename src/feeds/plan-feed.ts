// What one pull of a feed will write, by format: fetch, read, refuse a feed that changed format, and compare
// with the last pull.
import { AppError } from "../errors/index.ts";
import type { JsonLimits } from "../json/index.ts";
import type { FeedDefinition, Store } from "../store/index.ts";
import { readCsvFeed } from "./csv-feed.ts";
import type { FetchedFeed, Validators } from "./fetch-feed.ts";
import { GONE, planListSync, type SyncPlan } from "./list-sync.ts";
import type { ReadList } from "./list-value.ts";
import { planMispFeed } from "./misp-feed.ts";
import { readTextFeed } from "./text-feed.ts";

/** How a plan reads the network: the pull's bounded fetch and the validators to send. */
export interface PlanContext {
	fetch(url: string, validators: Validators): Promise<FetchedFeed>;
	validators: Validators;
	/** The JSON limits a MISP feed's files are parsed under (their size is the fetch's cap). */
	json: JsonLimits;
}

/** The writes of a pull, what was read, and the validators to keep once it is stored. */
export interface FeedPlan extends SyncPlan {
	values: number;
	skipped: number;
	problems: string[];
	validators: Validators;
	/** Something listed was not read (a MISP event that failed): the next pull must fetch the feed again. */
	retry?: boolean;
}

/** Rows that may fail before a list counts as changed format when most of its rows fail. */
const TOLERATED_BAD_ROWS = 10;

/**
 * The plan of one pull, or `not-modified` when the server answered 304.
 * @throws AppError E_FEED_* when the feed cannot be read or no longer looks like its format.
 */
export async function planFeed(
	store: Store,
	feed: FeedDefinition,
	previous: ReadonlyMap<string, string>,
	at: string,
	context: PlanContext,
): Promise<FeedPlan | "not-modified"> {
	if (feed.format === "misp") return planMispFeed(store, feed, previous, at, context);
	const fetched = await context.fetch(feed.url, context.validators);
	if (fetched.notModified) return "not-modified";
	const list = readList(feed, fetched.text);
	refuseChangedFormat(list, previous);
	const plan = await planListSync(store, feed, list, previous, at);
	return {
		...plan,
		values: list.values.size,
		skipped: list.skipped,
		problems: list.problems,
		validators: fetched.validators,
	};
}

function readList(feed: FeedDefinition, text: string): ReadList {
	if (feed.format === "text") return readTextFeed(text);
	if (feed.format === "csv") return readCsvFeed(text, feed.csv ?? { value: 0 });
	throw new AppError("E_FEED_INVALID", `feed format '${feed.format}' is not a list`);
}

/**
 * A list that is empty where it had values, or whose rows mostly fail where it had values, is a feed that changed
 * format (or broke): refused whole, so no value of the last pull is expired by mistake. A first pull keeps what it
 * can read (a real list mixes kinds the node reads with some it does not) and lists the rest.
 */
function refuseChangedFormat(list: ReadList, previous: ReadonlyMap<string, string>): void {
	let live = 0;
	for (const fingerprint of previous.values()) if (fingerprint !== GONE) live++;
	if (list.values.size === 0 && (live > 0 || list.skipped > 0)) {
		throw new AppError(
			"E_FEED_FORMAT",
			live > 0
				? `the feed answered no values where it had ${live}: nothing was expired; if the list is really empty, remove the feed`
				: `no line of the feed is a value (first: ${list.problems[0] ?? "?"}): check the URL and the format`,
		);
	}
	if (
		live > 0 &&
		list.skipped > TOLERATED_BAD_ROWS &&
		list.skipped > list.values.size &&
		list.values.size <= live / 2
	) {
		throw new AppError(
			"E_FEED_FORMAT",
			`${list.skipped} of ${list.skipped + list.values.size} lines are not values (first: ${list.problems[0] ?? "?"}) where the feed had ${live}: the feed changed format? Nothing was stored or expired; check the feed and its format`,
		);
	}
}
