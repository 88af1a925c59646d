// Values compared as written: file names, mutexes, user agents. Trimmed and checked, never rewritten.

/** Control characters (C0 and DEL): a name or header holding them is binary junk or an injection. */
function hasControl(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 32 || c === 127) return true;
	}
	return false;
}

/**
 * A file name (or path, as feeds often give one) in Unicode NFC, so the same name typed on macOS (NFD) and
 * on Windows (NFC) is one value; case kept (file systems differ). undefined-free: a sentence when refused.
 */
export function normalFilename(text: string): string | { error: string } {
	if (hasControl(text)) return { error: "a file name holds no control characters (NUL, line breaks, …)" };
	return text.normalize("NFC");
}

/** A mutex name as written: Windows compares object names case-sensitively. */
export function normalMutex(text: string): string | { error: string } {
	if (hasControl(text)) return { error: "a mutex name holds no control characters (NUL, line breaks, …)" };
	return text;
}

/** A User-Agent header value as written; a line break in it would be a second header, so it is refused. */
export function normalUserAgent(text: string): string | { error: string } {
	if (hasControl(text)) return { error: "a User-Agent holds no control characters (line breaks, tabs, NUL)" };
	return text;
}
