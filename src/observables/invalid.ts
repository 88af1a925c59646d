// The one error a value that is not an observable of its kind raises, with a readable excerpt of it.
import { AppError } from "../errors/index.ts";
import type { ObservableKind } from "./kinds.ts";

const EXCERPT = 60;

/**
 * The refusal of a value: `E_OBSERVABLE_INVALID`, message "<excerpt> is not a valid <kind>: <why and the fix>".
 * The excerpt is JSON-quoted and cut, so binary junk and 100 KB values make a short, printable message.
 */
export function invalidObservable(kind: ObservableKind, raw: string, why: string): AppError {
	return new AppError("E_OBSERVABLE_INVALID", `${excerpt(raw)} is not a valid ${kind}: ${why}`, {
		details: { kind },
	});
}

/** A value quoted for a message: JSON escapes for control characters, cut to about 60 printed characters. */
export function excerpt(raw: string): string {
	let printed = "";
	for (const char of raw.slice(0, EXCERPT)) {
		const shown = JSON.stringify(char).slice(1, -1);
		if (printed.length + shown.length > EXCERPT) return `"${printed}…"`;
		printed += shown;
	}
	return raw.length > EXCERPT ? `"${printed}…"` : `"${printed}"`;
}
