// What an export is: its formats, the streaming formatter every format implements, and the options a caller passes.
import type { ObservableKind } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";

/** Every format `entente export --format` and `GET /api/v1/export/{format}` write (D56). */
export const EXPORT_FORMATS = ["stix", "suricata", "snort", "zeek", "csv", "edl", "misp"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One released object, formatted: its text (empty when nothing of it fits the format) and why, when left out. */
export interface ExportItem {
	text: string;
	/** Why the object, or the part of it the format cannot carry, was left out (counted in the footer). */
	skipped?: string;
}

/** What the caller knows only at the end: how many objects the egress gate withheld (never formatted). */
export interface ExportTally {
	withheld?: number;
}

/**
 * A streaming formatter: `header()`, then `item()` per released object in commit order, then `footer()`, which
 * says what was left out and why. It keeps counts only (sensor rule ids aside, a fixed-size map), so memory stays
 * flat however many objects pass. Pure: no I/O, no gate — callers put every object through the gate first.
 */
export interface Exporter {
	/** The answer's media type (`text/plain`, `text/csv`, `application/stix+json;version=2.1`, …). */
	readonly mediaType: string;
	/** The file name suffix a CLI user would give it (`rules`, `intel`, `csv`, `txt`, `json`). */
	readonly extension: string;
	header(): string;
	item(object: StixObject): ExportItem;
	footer(tally?: ExportTally): string;
	/** The line formats' work split in two, so that pages can be formatted on other threads (D56). */
	readonly split?: SplitFormat;
}

/** The line formats, which `SplitFormat` can format a page at a time on any thread. */
export const LINE_FORMATS = ["suricata", "snort", "zeek", "csv", "edl"] as const;
export type LineFormatName = (typeof LINE_FORMATS)[number];

/** What a format thread builds the same page formatter from: plain data (the options' `now` resolved). */
export interface LineFormatSpec {
	format: LineFormatName;
	options: ExportOptions;
}

/**
 * A line format's export in two parts: `formatPage` is pure and may run on any thread, pages in any order;
 * `settle` runs on the export's own thread, page after page in commit order — it gives each rule its sid (a
 * collision moves the later rule, so order matters) and adds the page's counts to the footer's. Formatting every
 * page and settling it in order writes exactly what `item()` writes object by object.
 */
export interface SplitFormat {
	readonly spec: LineFormatSpec;
	formatPage(objects: readonly StixObject[]): EncodedPage;
	settle(page: EncodedPage): Uint8Array;
}

/** What a line format counts: objects and entry lines written, removals, and objects left out per reason. */
export interface LeftOutCounts {
	objects: number;
	lines: number;
	removals: number;
	reasons: [string, number][];
}

/** A formatted page as UTF-8, ready to cross threads: its bytes, its rules' base sids and their byte offsets, its counts. */
export interface EncodedPage {
	bytes: Uint8Array;
	sids: Int32Array;
	sidAt: Int32Array;
	counts: LeftOutCounts;
}

/** How an export is made; every field optional. */
export interface ExportOptions {
	/** Only values of these kinds (`ipv4`, `domain`, …); default every kind the format carries. */
	kinds?: readonly ObservableKind[];
	/**
	 * Incremental: the export answers changes since this RFC 3339 time, and an object revoked or expired is a
	 * removal (in the format's own form) instead of being left out.
	 */
	since?: string;
	/** The `since` to pass next time (the store's commit horizon when the export began); written in the header. */
	nextSince?: string;
	/** Judges `valid_until`; default the time `exporterFor` was called. */
	now?: Date;
	/** Who the export is for (a party's name or id), written in the header. */
	recipient?: string;
	/** Where an object can be read (`https://node.example/api/v1/objects/`): rules' `reference`, Zeek's meta.url. */
	objectUrlBase?: string;
	/** Zeek's `meta.source` (default `entente`). */
	source?: string;
	/** Header and trailer comment lines in line formats (default true; EDL consumers that reject them: false). */
	comments?: boolean;
}
