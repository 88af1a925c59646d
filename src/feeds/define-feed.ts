// A feed definition checked before it is stored: URL, format, column mapping, interval, markings, confidence.
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";
import { isObservableKind } from "../observables/index.ts";
import { TLP2_DEFINITIONS, TLP2_LEVELS, type Tlp2Level } from "../stix/markings/index.ts";
import { FEED_FORMATS, type FeedCsvColumns, type FeedDefinition, type FeedFormat } from "../store/index.ts";
import { feedUrl } from "./feed-url.ts";

/** What an operator gives to add a feed. */
export interface FeedInput {
	name: string;
	url: string;
	format: string;
	/** Seconds between pulls (default 3600); 0: on demand only. */
	intervalSeconds?: number | undefined;
	/** Marking definition ids, or TLP 2.0 names (`tlp:green`, `TLP:AMBER+STRICT`). */
	markings?: readonly string[] | undefined;
	confidence?: number | undefined;
	csv?: CsvColumnsInput | undefined;
}

/** A column mapping as given (optional fields may be present as undefined). */
export type CsvColumnsInput = { [K in keyof FeedCsvColumns]: FeedCsvColumns[K] | undefined } & {
	value: number | string;
};

/** The shortest interval of a scheduled feed: a feed server is someone else's, and lists rarely change faster. */
export const MIN_INTERVAL_SECONDS = 60;
export const DEFAULT_INTERVAL_SECONDS = 3600;
const MARKING_ID = /^marking-definition--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The definition to store, with a new id.
 * @throws AppError E_FEED_INVALID or E_FEED_URL naming the field and what to send.
 * @example defineFeed({ name: "blocklist.de", url: "https://lists.blocklist.de/lists/all.txt", format: "text" }, owner)
 */
export function defineFeed(
	input: FeedInput,
	owner: { organizationId: string; createdBy: string; now: Date },
): FeedDefinition {
	const name = input.name.trim();
	if (name.length === 0 || name.length > 200) invalid("name", "give the feed a name of 1 to 200 characters");
	const url = feedUrl(input.url).toString();
	const format = formatOf(input.format);
	const intervalSeconds = intervalOf(input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS);
	const feed: FeedDefinition = {
		id: randomUUID(),
		name,
		url,
		format,
		intervalSeconds,
		markingRefs: (input.markings ?? []).map(markingRefOf),
		organizationId: owner.organizationId,
		createdAt: owner.now.toISOString(),
		createdBy: owner.createdBy,
	};
	if (input.confidence !== undefined) feed.confidence = confidenceOf(input.confidence);
	if (format === "csv") feed.csv = columnsOf(input.csv);
	else if (input.csv !== undefined)
		invalid("csv", `a ${format} feed has no columns: leave the column mapping out`);
	return feed;
}

function formatOf(text: string): FeedFormat {
	const format = FEED_FORMATS.find((f) => f === text);
	if (format === undefined)
		invalid("format", `'${text}' is not a feed format: use ${FEED_FORMATS.join(", ")}`);
	return format;
}

function intervalOf(seconds: number): number {
	if (!Number.isInteger(seconds) || seconds < 0 || (seconds > 0 && seconds < MIN_INTERVAL_SECONDS)) {
		invalid(
			"intervalSeconds",
			`give whole seconds, at least ${MIN_INTERVAL_SECONDS}, or 0 to pull on demand only`,
		);
	}
	return seconds;
}

function confidenceOf(value: number): number {
	if (!Number.isInteger(value) || value < 0 || value > 100)
		invalid("confidence", "give a whole number from 0 to 100");
	return value;
}

/** A marking definition id, or a TLP 2.0 name mapped to its pinned definition's id. */
function markingRefOf(text: string): string {
	const trimmed = text.trim();
	if (MARKING_ID.test(trimmed)) return trimmed;
	const level = trimmed.toLowerCase().replace(/^tlp:/, "");
	if ((TLP2_LEVELS as readonly string[]).includes(level)) return TLP2_DEFINITIONS[level as Tlp2Level].id;
	return invalid(
		"markings",
		`'${text}' is neither a marking-definition id nor a TLP name (tlp:clear … tlp:red)`,
	);
}

function columnsOf(csv: CsvColumnsInput | undefined): FeedCsvColumns {
	if (csv === undefined)
		invalid("csv.value", "a CSV feed needs the column of its values (a number from 0, or a header name)");
	const columns: FeedCsvColumns = { value: columnOf("csv.value", csv.value) };
	if (csv.kind !== undefined) {
		if (!isObservableKind(csv.kind))
			invalid("csv.kind", `'${csv.kind}' is not an observable kind: use ipv4, domain, url, sha256…`);
		columns.kind = csv.kind;
	}
	if (csv.firstSeen !== undefined) columns.firstSeen = columnOf("csv.firstSeen", csv.firstSeen);
	if (csv.comment !== undefined) columns.comment = columnOf("csv.comment", csv.comment);
	if (csv.delimiter !== undefined) {
		if ([...csv.delimiter].length !== 1 || csv.delimiter === '"' || csv.delimiter === "\n") {
			invalid("csv.delimiter", "give one character, such as , or ; or a tab");
		}
		columns.delimiter = csv.delimiter;
	}
	return columns;
}

function columnOf(field: string, column: number | string): number | string {
	if (typeof column === "number") {
		if (!Number.isInteger(column) || column < 0 || column > 1000)
			invalid(field, "give a column number from 0");
		return column;
	}
	const trimmed = column.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed);
	if (trimmed.length === 0 || trimmed.length > 200)
		invalid(field, "give a column number from 0, or its header name");
	return trimmed;
}

function invalid(field: string, message: string): never {
	throw new AppError("E_FEED_INVALID", `${field}: ${message}`, { details: { field } });
}
