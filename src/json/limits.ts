// Size, depth and count limits for untrusted JSON, checked before anything walks the parsed value.

/**
 * Limits applied to untrusted JSON. Byte sizes count encoded UTF-8 bytes as received (a string's
 * size is measured between its quotes, escapes counted as written).
 */
export interface JsonLimits {
	/** Largest document read in one piece by `parseJson`. */
	readonly maxBytes: number;
	/** Deepest nesting of objects and arrays; the outermost container is depth 1. */
	readonly maxDepth: number;
	/** Longest single string (keys included), in raw bytes between the quotes. */
	readonly maxStringBytes: number;
	/** Most elements in one bundle's or envelope's `objects` array when streaming. */
	readonly maxObjects: number;
	/** Largest single element of a streamed `objects` array (or top-level member value). */
	readonly maxObjectBytes: number;
}

/** Defaults sized for real feeds: ATT&CK Enterprise is 37 MB with 24,771 objects, nesting depth 6. */
export const DEFAULT_LIMITS: JsonLimits = Object.freeze({
	maxBytes: 64 * 1024 * 1024,
	maxDepth: 64,
	maxStringBytes: 8 * 1024 * 1024,
	maxObjects: 1_000_000,
	maxObjectBytes: 16 * 1024 * 1024,
});

/**
 * DEFAULT_LIMITS with some values replaced.
 * @example const limits = jsonLimits({ maxDepth: 16 });
 */
export function jsonLimits(overrides: Partial<JsonLimits> = {}): JsonLimits {
	return Object.freeze({ ...DEFAULT_LIMITS, ...overrides });
}
