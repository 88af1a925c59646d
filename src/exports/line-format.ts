// What a line format (rules, Zeek, CSV, lists) says about each object; the shared line exporter judges and counts.
import type { FoundObservable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { Lifecycle } from "./exportable.ts";
import type { PageText } from "./page-text.ts";

/** What a line format writes; the shared exporter (line-exporter.ts) does the judging and counting. */
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
	/** Writes the entry lines for an object's values in force to `out` (rules with their base sid). */
	entries(object: StixObject, values: readonly FoundObservable[], out: PageText): void;
	/** Writes the lines telling the receiver to drop what earlier exports gave for these values. */
	removals(
		object: StixObject,
		values: readonly FoundObservable[],
		lifecycle: Exclude<Lifecycle, "active">,
		out: PageText,
	): void;
}
