// Undoing the defanging analysts apply so a value cannot be clicked: hxxp://evil[.]com → http://evil.com.

/**
 * One pass over the text, every common defang at once (case-insensitive):
 * - schemes: `hxxp`, `hxxps`, `hXXp`, `h**p`, `hxtp`, `fxp` → http, https, ftp;
 * - dots: `[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` (spaces allowed inside and around) and `\.` → `.`;
 *   at most three spaces or tabs before the bracket are taken: an unbounded `\s*` there would be retried from
 *   every space of a long run, quadratic time on 8 KB of spaces;
 * - at signs: `[@]` `(@)` `{@}` `[at]` `(at)` `{at}` → `@`;
 * - `[:]` → `:`, `[://]` → `://`, `[/]` → `/`.
 * A scheme is only replaced at a word start and before its colon, so "shxxpe" and "hxxp" in prose stay as written.
 */
const DEFANGED =
	/\b(h(?:xx|\*\*|xt|tx)ps?|fxps?)(?=\[?:)|[ \t]{0,3}[[({]\s*(?:\.|dot)\s*[\])}]\s*|\\\.|[ \t]{0,3}[[({]\s*(?:@|at)\s*[\])}]\s*|\[(:|:\/\/|\/)\]/gi;

/** A cheap test that tells most values need no refanging, so normalise skips the replace. */
const MAYBE_DEFANGED = /[[({\\]|xx|\*\*|xt|tx|fxp/i;

/**
 * The text with defanged notations restored (see DEFANGED above for the list).
 * @example refang("hxxps://evil[.]example(dot)com/a[@]b") // "https://evil.example.com/a@b"
 */
export function refang(text: string): string {
	if (!MAYBE_DEFANGED.test(text)) return text;
	// `[.]` alone is most defanged values: a plain replace is several times cheaper than the alternation
	// (not when spaces may surround it: the alternation takes those too).
	const plainDots = text.includes("[.]") && !text.includes(" ") && !text.includes("\t");
	const dotted = plainDots ? text.replaceAll("[.]", ".") : text;
	if (dotted !== text && !MAYBE_DEFANGED.test(dotted)) return dotted;
	return dotted.replace(DEFANGED, restore);
}

function restore(match: string, scheme: string | undefined, bracketed: string | undefined): string {
	if (scheme !== undefined) {
		const secure = scheme.endsWith("s") || scheme.endsWith("S") ? "s" : "";
		return scheme[0] === "f" || scheme[0] === "F" ? `ftp${secure}` : `http${secure}`;
	}
	if (bracketed !== undefined) return bracketed;
	if (match.includes("@") || /at/i.test(match)) return "@";
	return ".";
}
