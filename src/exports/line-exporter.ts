// The streaming exporter every line format shares: judge each object (values, lifecycle, what the format carries),
// write its entries or, in an incremental export, its removal; count what was left out for the footer. Its work is
// also offered split in two (`split`): pages formatted anywhere, settled in order on the export's own thread.
import type { FoundObservable, ObservableKind } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import { exportableValues, lifecycleOf } from "./exportable.ts";
import type {
	Exporter,
	ExportItem,
	ExportOptions,
	ExportTally,
	LineFormatName,
	SplitFormat,
} from "./format.ts";
import { commentLines, LeftOut } from "./left-out.ts";
import type { LineFormat } from "./line-format.ts";
import { lineFormatOf } from "./line-formats.ts";
import { encodePage, PageText, settleBytes, settleText } from "./page-text.ts";
import { SidAllocator } from "./sid.ts";

const LIFECYCLE_REASONS = { revoked: "revoked", expired: "expired (valid_until passed)" } as const;

/** Judges one object and writes its lines to `out`, counting in `left`; answers why it was left out, if it was. */
type ObjectWriter = (object: StixObject, out: PageText, left: LeftOut) => string | undefined;

/** Builds the Exporter of the line format `name` under `options`. */
export function lineExporter(name: LineFormatName, options: ExportOptions): Exporter {
	// One `now` for the whole export, format threads included: it judges expiry and dates the header.
	const resolved: ExportOptions = { ...options, now: options.now ?? new Date() };
	const format = lineFormatOf(name, resolved);
	const write = objectWriter(format, resolved);
	const comments = resolved.comments !== false;
	const left = new LeftOut();
	const sids = new SidAllocator();
	const split: SplitFormat = {
		spec: { format: name, options: resolved },
		formatPage(objects) {
			const out = new PageText();
			const counts = new LeftOut();
			for (const object of objects) write(object, out, counts);
			return encodePage(out, counts.counts());
		},
		settle(page) {
			left.merge(page.counts);
			return settleBytes(page, sids);
		},
	};
	return {
		mediaType: format.mediaType,
		extension: format.extension,
		header: () => headerOf(format, resolved, comments),
		item(object): ExportItem {
			const out = new PageText();
			const skipped = write(object, out, left);
			const text = settleText(out, sids);
			return skipped === undefined ? { text } : { text, skipped };
		},
		footer(tally?: ExportTally) {
			const moved = sids.moved === 0 ? [] : [`${sids.moved} rules moved to the next free sid by a collision`];
			return commentLines([...left.summary(tally), ...moved], comments, format.comment);
		},
		split,
	};
}

function headerOf(format: LineFormat, options: ExportOptions, comments: boolean): string {
	const lines = [
		`${format.title} exported by Entente at ${(options.now as Date).toISOString()}${options.recipient === undefined ? "" : ` for ${options.recipient}`}`,
		options.since !== undefined
			? `changes since ${options.since}: entries added or changed, and removals (revoked or expired)`
			: "everything in force that the recipient receives",
		...(options.nextSince === undefined ? [] : [`next since: ${options.nextSince}`]),
		...format.notes,
	];
	return (
		commentLines(lines, comments, format.comment) +
		(format.columns === undefined ? "" : `${format.columns}\n`)
	);
}

function objectWriter(format: LineFormat, options: ExportOptions): ObjectWriter {
	const kinds: ReadonlySet<ObservableKind> | undefined =
		options.kinds === undefined || options.kinds.length === 0 ? undefined : new Set(options.kinds);
	const now = options.now as Date;
	const incremental = options.since !== undefined;
	return (object, out, left) => {
		const lifecycle = lifecycleOf(object, now);
		if (lifecycle !== "active" && !incremental) return skip(left, LIFECYCLE_REASONS[lifecycle]);
		const judged = exportableValues(object, kinds);
		if ("skipped" in judged) return skip(left, judged.skipped);
		const carried: FoundObservable[] = [];
		let refused: string | undefined;
		for (const value of judged.values) {
			const reason = format.refuses(value);
			if (reason === undefined) carried.push(value);
			else refused ??= reason;
		}
		if (carried.length === 0) return skip(left, refused ?? "nothing the format carries");
		if (refused !== undefined) left.add(`part of an object: ${refused}`);
		if (lifecycle !== "active") {
			left.removals++;
			format.removals(object, carried, lifecycle, out);
			return undefined;
		}
		const before = out.lines;
		format.entries(object, carried, out);
		left.objects++;
		left.lines += out.lines - before;
		return undefined;
	};
}

function skip(left: LeftOut, reason: string): string {
	left.add(reason);
	return reason;
}
