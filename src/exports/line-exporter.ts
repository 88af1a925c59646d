// The streaming exporter every line format shares: judge each object (values, lifecycle, what the format carries),
// write its entries or, in an incremental export, its removal; count what was left out for the footer.
import type { FoundObservable, ObservableKind } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import { exportableValues, type Lifecycle, lifecycleOf } from "./exportable.ts";
import type { Exporter, ExportItem, ExportOptions, ExportTally } from "./format.ts";
import { commentLines, LeftOut } from "./left-out.ts";

/** What a line format writes; the shared exporter does the judging and counting. */
export interface LineFormat {
	readonly title: string;
	readonly mediaType: string;
	readonly extension: string;
	/** Header comment lines of the format's own (what it cannot carry at all). */
	readonly notes: readonly string[];
	/** A line the format needs before its entries whatever the comment setting (`#fields …`, CSV's columns). */
	readonly columns?: string;
	/** The comment marker (`#`). */
	readonly comment: string;
	/** Whether the format carries `value`: undefined when it does, else why not. */
	refuses(value: FoundObservable): string | undefined;
	/** Entry lines (no newline) for an object's values in force. */
	entries(object: StixObject, values: readonly FoundObservable[]): string[];
	/** Lines telling the receiver to drop what earlier exports gave for these values. */
	removals(
		object: StixObject,
		values: readonly FoundObservable[],
		lifecycle: Exclude<Lifecycle, "active">,
	): string[];
	/** Extra footer sentences (rule ids moved by a collision). */
	footerNotes?(): string[];
}

const LIFECYCLE_REASONS = { revoked: "revoked", expired: "expired (valid_until passed)" } as const;

/** Builds the Exporter of a line format under `options`. */
export function lineExporter(format: LineFormat, options: ExportOptions): Exporter {
	const kinds: ReadonlySet<ObservableKind> | undefined =
		options.kinds === undefined || options.kinds.length === 0 ? undefined : new Set(options.kinds);
	const now = options.now ?? new Date();
	const comments = options.comments !== false;
	const incremental = options.since !== undefined;
	const left = new LeftOut();
	return {
		mediaType: format.mediaType,
		extension: format.extension,
		header() {
			const lines = [
				`${format.title} exported by Entente at ${now.toISOString()}${options.recipient === undefined ? "" : ` for ${options.recipient}`}`,
				incremental
					? `changes since ${options.since}: entries added or changed, and removals (revoked or expired)`
					: "everything in force that the recipient receives",
				...(options.nextSince === undefined ? [] : [`next since: ${options.nextSince}`]),
				...format.notes,
			];
			return (
				commentLines(lines, comments, format.comment) +
				(format.columns === undefined ? "" : `${format.columns}\n`)
			);
		},
		item(object): ExportItem {
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
				return { text: linesOf(format.removals(object, carried, lifecycle)) };
			}
			const lines = format.entries(object, carried);
			left.objects++;
			left.lines += lines.length;
			return { text: linesOf(lines) };
		},
		footer(tally?: ExportTally) {
			return commentLines(
				[...left.summary(tally), ...(format.footerNotes?.() ?? [])],
				comments,
				format.comment,
			);
		},
	};
}

function linesOf(lines: readonly string[]): string {
	return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function skip(left: LeftOut, reason: string): ExportItem {
	left.add(reason);
	return { text: "", skipped: reason };
}
