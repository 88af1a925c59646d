// A free-text feed: one value per line (an IP, a domain, a URL, a hash…), `#` and `;` comment lines, defanged
// values refanged, each classified by its shape and kept in its normal form.
import { classify } from "../observables/index.ts";
import { ListBuilder, type ReadList } from "./list-value.ts";

/** Text after a value that is a comment: ` # …` or ` ; …` (a `#` inside a URL has no space before it). */
const TRAILING_COMMENT = /\s+[#;].*$/;

/**
 * The values of a free-text list. A line that is not one value (nor a value followed by whitespace and more
 * text, which is taken as its comment) is skipped with a message naming its line number.
 * @example readTextFeed("# blocklist\n192.0.2.1\nevil[.]example\n").values.size // 2
 */
export function readTextFeed(text: string): ReadList {
	const list = new ListBuilder();
	let lineNumber = 0;
	let start = 0;
	while (start <= text.length) {
		let end = text.indexOf("\n", start);
		if (end === -1) end = text.length;
		lineNumber++;
		readLine(text.slice(start, end), lineNumber, list);
		start = end + 1;
	}
	return list.finish();
}

function readLine(raw: string, lineNumber: number, list: ListBuilder): void {
	const line = raw.trim();
	if (line === "" || line.startsWith("#") || line.startsWith(";") || line.startsWith("//")) return;
	const bare = line.replace(TRAILING_COMMENT, "");
	const whole = classify(bare);
	if (whole !== undefined) {
		list.add({ observable: whole });
		return;
	}
	const space = bare.search(/\s/);
	if (space > 0) {
		const first = classify(bare.slice(0, space));
		if (first !== undefined) {
			list.add({ observable: first, comment: bare.slice(space).trim() });
			return;
		}
	}
	list.skip(
		`line ${lineNumber}: '${clip(line)}' is not a value of a known kind (IP, domain, URL, hash, e-mail…)`,
	);
}

/** A line quoted in a message: at most 80 characters. */
export function clip(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
