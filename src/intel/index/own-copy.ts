// A string the index keeps gets its own storage: a value cut out of a pattern (or a word out of a description) is,
// in V8, a slice that keeps the whole parent string alive — a million patterns' worth of memory for their values.

/** Below this length V8 copies rather than slices, so the string is already its own. */
const SLICE_MIN_LENGTH = 13;

/** `text` with storage of its own (the same characters), for a string kept for the life of the index. */
export function ownCopy(text: string): string {
	return text.length < SLICE_MIN_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}
