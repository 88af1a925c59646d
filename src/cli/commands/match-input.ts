// Where `entente match` finds its values: the arguments as given, or every value in each line of a file or of stdin
// (a log stream), refanged and recognised, in order, without reading the whole input first.
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { MatchInput } from "../../intel/index.ts";
import { classify, refang } from "../../observables/index.ts";

/** The longest line looked at; the rest of a longer one is skipped (a log line is not a megabyte). */
export const MAX_LINE_CHARS = 64 * 1024;
/** What separates values in a log line; brackets stay, since a defanged value keeps them (`evil[.]com`). */
const SEPARATORS = /[\s,;"'<>(){}|=]+/;
/** Punctuation a value found in prose or a log ends with, that is not part of it. */
const TRAILING = /[.:!?]+$/;
/** A host with its port, as logs write it (`203.0.113.9:443`, `evil.com:8080`): the host is the value. */
const HOST_AND_PORT = /^([^/:]+):\d{1,5}$/;

/**
 * The values in one line of text, refanged, in order, each once: every word that reads as a value.
 * @example valuesOfLine('deny src=198.51.100.7 host="evil[.]com".') // ["198.51.100.7", "evil.com"]
 */
export function valuesOfLine(line: string): string[] {
	const found = new Set<string>();
	for (const word of refang(line.slice(0, MAX_LINE_CHARS)).split(SEPARATORS)) {
		const trimmed = word.replace(TRAILING, "");
		const token = HOST_AND_PORT.exec(trimmed)?.[1] ?? trimmed;
		if (token === "") continue;
		const observable = classify(token);
		if (observable !== undefined) found.add(token);
	}
	return [...found];
}

/** Every value in `input`'s lines, as they arrive; `onLine` counts lines (for progress). */
export async function* valuesOfStream(
	input: Readable,
	onLine: (lines: number) => void = () => {},
): AsyncGenerator<MatchInput> {
	let lines = 0;
	for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
		onLine(++lines);
		yield* valuesOfLine(line);
	}
}
