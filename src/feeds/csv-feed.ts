// A CSV feed: which column holds the value (and optionally its first-seen date and a comment), a header row
// recognised or named, every row that does not fit skipped with a message naming its line.
import { AppError } from "../errors/index.ts";
import { classify, isObservableKind, type Observable, tryNormalise } from "../observables/index.ts";
import type { FeedCsvColumns } from "../store/index.ts";
import { csvRows } from "./csv-rows.ts";
import { ListBuilder, type ReadList } from "./list-value.ts";
import { clip } from "./text-feed.ts";

interface Resolved {
	value: number;
	firstSeen?: number;
	comment?: number;
}

/**
 * The values of a CSV list. The first row is a header when a column is named by its header, or when its value
 * cell is not a value; rows with too few columns or a cell that is not a value are skipped, each with a message.
 * @throws AppError E_FEED_FORMAT when a named column is not in the header (the file changed format).
 */
export function readCsvFeed(text: string, columns: FeedCsvColumns): ReadList {
	const list = new ListBuilder();
	const kind = columns.kind;
	if (kind !== undefined && !isObservableKind(kind)) {
		throw new AppError(
			"E_FEED_INVALID",
			`'${kind}' is not an observable kind: use ipv4, domain, url, sha256…`,
		);
	}
	let resolved: Resolved | undefined;
	for (const row of csvRows(text, columns.delimiter ?? ",")) {
		if (resolved === undefined) {
			resolved = headerColumns(row.cells, columns);
			if (resolved !== undefined) continue;
			resolved = numbered(columns);
			if (isHeaderCell(row.cells[resolved.value])) continue;
		}
		readRow(row.cells, row.line, resolved, kind, list);
	}
	return list.finish();
}

function readRow(
	cells: string[],
	line: number,
	at: Resolved,
	kind: string | undefined,
	list: ListBuilder,
): void {
	const needed = Math.max(at.value, at.firstSeen ?? 0, at.comment ?? 0) + 1;
	if (cells.length < needed) {
		list.skip(
			`line ${line}: ${cells.length} column(s), ${needed} expected: the row is short or uses another delimiter`,
		);
		return;
	}
	const raw = (cells[at.value] as string).trim();
	const observable = cellValue(raw, kind);
	if (typeof observable === "string") {
		list.skip(`line ${line}: '${clip(raw)}' ${observable}`);
		return;
	}
	const firstSeen = at.firstSeen === undefined ? undefined : dateOf(cells[at.firstSeen] as string);
	const comment = at.comment === undefined ? "" : (cells[at.comment] as string).trim();
	list.add({
		observable,
		...(firstSeen === undefined ? {} : { firstSeen }),
		...(comment === "" ? {} : { comment }),
	});
}

function cellValue(raw: string, kind: string | undefined): Observable | string {
	if (kind === undefined)
		return classify(raw) ?? "is not a value of a known kind (IP, domain, URL, hash, e-mail…)";
	const result = tryNormalise(kind as Observable["kind"], raw);
	return "error" in result ? `is not a valid ${kind}: ${result.error}` : result;
}

/** An unnamed header: a first row whose value cell is no value of any kind ("IoC", "indicator"). */
function isHeaderCell(cell: string | undefined): boolean {
	return cell !== undefined && classify(cell.trim()) === undefined;
}

/** Columns resolved against a header row when any is named; undefined when none is named. */
function headerColumns(cells: string[], columns: FeedCsvColumns): Resolved | undefined {
	const named = [columns.value, columns.firstSeen, columns.comment].some((c) => typeof c === "string");
	if (!named) return undefined;
	const header = cells.map((cell) => cell.trim().toLowerCase());
	const indexOf = (column: number | string): number => {
		if (typeof column === "number") return column;
		const index = header.indexOf(column.toLowerCase());
		if (index === -1) {
			throw new AppError(
				"E_FEED_FORMAT",
				`the CSV header has no column '${column}' (it has ${cells.map((c) => `'${c.trim()}'`).join(", ")}): the feed changed format; fix the column mapping`,
			);
		}
		return index;
	};
	return resolve(columns, indexOf);
}

function numbered(columns: FeedCsvColumns): Resolved {
	return resolve(columns, (column) => Number(column));
}

function resolve(columns: FeedCsvColumns, indexOf: (column: number | string) => number): Resolved {
	const resolved: Resolved = { value: indexOf(columns.value) };
	if (columns.firstSeen !== undefined) resolved.firstSeen = indexOf(columns.firstSeen);
	if (columns.comment !== undefined) resolved.comment = indexOf(columns.comment);
	return resolved;
}

/** A date cell as RFC 3339 (UTC, milliseconds), or undefined when it does not parse. */
function dateOf(cell: string): string | undefined {
	const text = cell.trim();
	if (text === "") return undefined;
	const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(text) ? `${text.replace(" ", "T")}Z` : text);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
