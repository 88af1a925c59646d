// CSV: one row per value — value, kind, indicator id, name, valid_from, valid_until, labels, confidence, action.
import type { StixObject } from "../stix/core.ts";
import type { LineFormat } from "./line-format.ts";

const COLUMNS = "value,kind,indicator_id,name,valid_from,valid_until,labels,confidence,action";

/** CSV with a header row; an incremental export's removals are rows whose action is `remove`. */
export function csvFormat(): LineFormat {
	return {
		title: "CSV",
		mediaType: "text/csv; charset=utf-8",
		extension: "csv",
		comment: "#",
		notes: [`columns: ${COLUMNS}; action is add or remove; lines starting with # are comments`],
		columns: COLUMNS,
		refuses: () => undefined,
		entries(object, values, out) {
			const rest = restOf(object);
			for (const value of values) out.line(`${csvCell(value.value)},${value.kind},${rest},add`);
		},
		removals(object, values, _lifecycle, out) {
			const rest = restOf(object);
			for (const value of values) out.line(`${csvCell(value.value)},${value.kind},${rest},remove`);
		},
	};
}

function restOf(object: StixObject): string {
	const labels = Array.isArray(object.labels)
		? object.labels.filter((l) => typeof l === "string").join(";")
		: "";
	return [
		csvCell(object.id),
		csvCell(text(object.name)),
		csvCell(text(object.valid_from)),
		csvCell(text(object.valid_until)),
		csvCell(labels),
		typeof object.confidence === "number" ? String(object.confidence) : "",
	].join(",");
}

function text(value: unknown): string {
	return typeof value === "string" ? value : "";
}

/**
 * A field as RFC 4180 writes it (quoted when it holds a comma, quote or line break); a field a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
 */
export function csvCell(value: string): string {
	const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
