// The rows of an import as the analyst edits them: the preview's rows with a kind that may be changed and an include
// flag. A value on a warninglist starts excluded — flagged and shown, never dropped (D52).
import type { ImportPreview } from "../api/types.ts";

export type PreviewRow = ImportPreview["rows"][number];
export type ObservableKind = PreviewRow["kind"];

export interface EditableRow extends PreviewRow {
	include: boolean;
}

/** The preview's rows, each included unless a warninglist names it. */
export function editableRows(rows: readonly PreviewRow[]): EditableRow[] {
	return rows.map((row) => ({ ...row, include: (row.warninglists ?? []).length === 0 }));
}

/** What the commit route takes: each row's value with the kind the analyst chose. */
export function commitRows(
	rows: readonly EditableRow[],
): { kind: ObservableKind; value: string; include: boolean }[] {
	return rows.map((row) => ({ kind: row.kind, value: row.value, include: row.include }));
}

/** "12 of 14 rows included". */
export function includedLine(rows: readonly EditableRow[]): string {
	const included = rows.filter((row) => row.include).length;
	return `${included} of ${rows.length} row${rows.length === 1 ? "" : "s"} included`;
}
