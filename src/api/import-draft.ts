// Free-text import, second step (D52): the rows an analyst kept become a STIX draft created by their organisation —
// indicators and/or observable objects, and a report grouping them — which the share flow then previews and
// publishes (POST /policy/preview, POST /objects). Nothing is stored here.
import { randomUUID } from "node:crypto";
import { type Observable, patternOf, scoOf, tryNormalise } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { User } from "../store/index.ts";
import {
	type ImportCommitBody,
	type ImportDraft,
	type InputIssue,
	MAX_SHARE_OBJECTS,
	type Presented,
} from "./shapes/index.ts";
import { invalidInput } from "./validate.ts";

export const DRAFT_NOT_STORED =
	"Nothing was stored: preview these objects with POST /api/v1/policy/preview (who would receive what), then " +
	"publish them with POST /api/v1/objects.";

type Skipped = ImportDraft["skipped"][number];

/** What every object of the draft carries: its author, markings and times. */
interface Common {
	created_by_ref: string;
	created: string;
	modified: string;
	object_marking_refs?: string[];
	confidence?: number;
}

/**
 * The STIX draft for the included rows of `body`, created by `user`'s organisation now.
 * @throws AppError E_API_PARAMETER (400) naming every row whose value is not of its kind, or a draft larger than
 *   the share preview takes (MAX_SHARE_OBJECTS), with what to do.
 */
export function importDraft(user: User, body: ImportCommitBody, now = new Date()): Presented<ImportDraft> {
	const observables = normalisedRows(body);
	const time = now.toISOString();
	const common: Common = {
		created_by_ref: user.organizationId,
		created: time,
		modified: time,
		...(body.markings.length === 0 ? {} : { object_marking_refs: [...body.markings] }),
	};
	const skipped: Skipped[] = [];
	const objects: StixObject[] = [];
	for (const observable of observables) objects.push(...objectsOf(observable, body, common, skipped));
	if (objects.length === 0)
		throw invalidInput([
			{ path: ["body", "rows"], code: "empty", message: "include at least one row that makes an object" },
		]);
	objects.push(reportOf(objects, body, common, time));
	assertFitsPreview(objects.length, observables.length, body.as);
	return { stored: false, note: DRAFT_NOT_STORED, objects, skipped };
}

/** The included rows in their normal form, each once; every row whose value is not of its kind, located. */
function normalisedRows(body: ImportCommitBody): Observable[] {
	const issues: InputIssue[] = [];
	const seen = new Map<string, Observable>();
	body.rows.forEach((row, index) => {
		if (!row.include) return;
		const normal = tryNormalise(row.kind, row.value);
		if ("error" in normal)
			issues.push({
				path: ["body", "rows", index, "value"],
				code: "invalid_observable",
				message: normal.error,
			});
		else seen.set(`${normal.kind}:${normal.value}`, normal);
	});
	if (issues.length > 0) throw invalidInput(issues);
	return [...seen.values()];
}

/** The indicator and/or observable object of one value, as `body.as` asks; a kind with no SCO is skipped, said why. */
function objectsOf(
	observable: Observable,
	body: ImportCommitBody,
	common: Common,
	skipped: Skipped[],
): StixObject[] {
	const objects: StixObject[] = [];
	if (body.as !== "observables") objects.push(indicatorOf(observable, common, body.confidence));
	if (body.as !== "indicators") {
		const sco = scoOf(observable);
		if (sco === undefined)
			skipped.push({
				...observable,
				reason: `STIX has no observable object for a ${observable.kind}: import it as an indicator`,
			});
		else
			objects.push(
				common.object_marking_refs === undefined
					? sco
					: { ...sco, object_marking_refs: common.object_marking_refs },
			);
	}
	return objects;
}

function indicatorOf(observable: Observable, common: Common, confidence: number | undefined): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${randomUUID()}`,
		...common,
		name: `${observable.kind} ${observable.value}`.slice(0, 500),
		pattern: patternOf(observable),
		pattern_type: "stix",
		valid_from: common.created,
		...(confidence === undefined ? {} : { confidence }),
	};
}

/** The report grouping every object of the draft. */
function reportOf(
	objects: readonly StixObject[],
	body: ImportCommitBody,
	common: Common,
	time: string,
): StixObject {
	return {
		type: "report",
		spec_version: "2.1",
		id: `report--${randomUUID()}`,
		...common,
		name: body.name,
		...(body.description === undefined || body.description === "" ? {} : { description: body.description }),
		report_types: ["indicator"],
		published: time,
		object_refs: objects.map((object) => object.id),
		...(body.confidence === undefined ? {} : { confidence: body.confidence }),
	};
}

/** The share preview judges each object for every party, so it takes at most MAX_SHARE_OBJECTS. */
function assertFitsPreview(count: number, rows: number, as: ImportCommitBody["as"]): void {
	if (count <= MAX_SHARE_OBJECTS) return;
	throw invalidInput([
		{
			path: ["body", "rows"],
			code: "too_big",
			message:
				`${rows} rows imported as ${as} make ${count} objects with the report; the share preview takes at most ` +
				`${MAX_SHARE_OBJECTS}: include fewer rows, import them as indicators or observables alone, or split them ` +
				"into several reports",
		},
	]);
}
