// `entente export --format F`: the sensor and list formats (src/exports, D56), streamed from the store through
// `release` (the gate for --as) to a file or stdout, with the summary of what was left out on stderr.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { InvalidArgumentError } from "commander";
import {
	EXPORT_FORMATS,
	type ExportFormat,
	type ExportOptions,
	type ExportPage,
	exportChunks,
	exporterFor,
	type FormatThreadOptions,
	isExportFormat,
	releasedPages,
	releaseEach,
} from "../../exports/index.ts";
import { isObservableKind, type ObservableKind } from "../../observables/index.ts";
import type { ObjectQuery, Store, StoredVersion } from "../../store/index.ts";
import type { Release } from "./export.ts";

/** Store versions read per page: one page of text in memory at a time. */
const PAGE = 1000;

const STIX_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function parseFormat(value: string): ExportFormat {
	if (!isExportFormat(value)) throw new InvalidArgumentError(`expected one of ${EXPORT_FORMATS.join(", ")}`);
	return value;
}

export function parseKinds(value: string, previous: ObservableKind[]): ObservableKind[] {
	const kinds = value.split(",").map((kind) => kind.trim());
	const unknown = kinds.filter((kind) => !isObservableKind(kind));
	if (unknown.length > 0)
		throw new InvalidArgumentError(
			`unknown kind ${unknown.join(", ")}: write ipv4, ipv6, domain, url, md5, …`,
		);
	return [...previous, ...(kinds as ObservableKind[])];
}

export function parseSince(value: string): string {
	if (!STIX_TIME.test(value) || Number.isNaN(Date.parse(value)))
		throw new InvalidArgumentError(
			"expected an RFC 3339 UTC time such as 2026-12-01T00:00:00Z (a header's next since)",
		);
	return value;
}

/**
 * Streams the export of `format` over `query` (latest versions; `since` → only those added after it) to `output`,
 * each page through `release` — or, when `release` is undefined (the operator's own export, no `--as`), the
 * objects as stored, read as their JSON text alone; stops at the store's commit horizon when it began, which the
 * header names as the next `since`. Line formats are formatted on threads (`threads`, exports/format-threads.ts).
 */
export async function writeExport(
	store: Store,
	query: Omit<ObjectQuery, "limit" | "after">,
	output: Writable,
	release: Release | undefined,
	format: ExportFormat,
	options: ExportOptions,
	threads: FormatThreadOptions = {},
): Promise<void> {
	const horizon = await store.commitHorizon();
	const exporter = exporterFor(format, {
		...options,
		...(horizon === undefined ? {} : { nextSince: horizon }),
	});
	const latest = {
		upTo: horizon,
		pageSize: PAGE,
		...(query.types === undefined ? {} : { types: query.types }),
		...(query.addedAfter === undefined ? {} : { addedAfter: query.addedAfter }),
	};
	const pages: AsyncIterable<ExportPage> = !isLatestRead(query)
		? releasedPages<StoredVersion>({
				read: (after) => store.query({ ...query, limit: PAGE, ...(after === undefined ? {} : { after }) }),
				release: release ?? asStored,
				...(horizon === undefined ? {} : { horizon }),
			})
		: release === undefined
			? storedPages(store.latestBodyPages(latest))
			: releaseEach(store.latestVersionPages(latest), release);
	// The operator exporting as a party may know what the policy withheld from it (the recipient never does, D5).
	for await (const chunk of exportChunks(exporter, pages, { sayWithheld: true, ...threads })) {
		if (!output.write(chunk)) await once(output, "drain");
	}
}

/** The objects of a page as stored: the operator's own export, which no gate stands before. */
const asStored: Release = async (versions) => versions.map((version) => version.object);

async function* storedPages(bodies: AsyncIterable<string[]>): AsyncGenerator<ExportPage> {
	for await (const stored of bodies) yield { stored };
}

/**
 * Whether `query` asks only for latest versions by type and time, which `Store.latestVersionPages` reads in one
 * scan; `--id`, `--all-versions` and the other filters page through `query`.
 */
function isLatestRead(query: Omit<ObjectQuery, "limit" | "after">): boolean {
	const versions = query.versions ?? ["last"];
	return (
		versions.length === 1 &&
		versions[0] === "last" &&
		query.ids === undefined &&
		query.specVersions === undefined &&
		query.organizationIds === undefined
	);
}
