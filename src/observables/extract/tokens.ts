// Splits text into candidate tokens in one linear pass over its character codes: no regular expression
// touches the whole text, so no input can make the scan backtrack (a 100 KB "domain" costs one step per char).

/** A run of token characters: `text.slice(start, end)`. */
export type TokenSink = (start: number, end: number) => void;

/** Longest token worth classifying: a URL or registry key longer than this is not a value (normalise's 8 KiB). */
export const MAX_TOKEN = 8192;

/**
 * Character classes of ASCII: 1 ends a token (whitespace, controls, quotes, `<>`, `,;|` and the CSV and
 * e-mail header separators), 0 belongs to one. Brackets and parentheses belong to tokens: `evil[.]com`,
 * `evil(dot)com` and `user[@]host` are one token each, and the classifier trims unbalanced ones.
 */
const ENDS_TOKEN = (() => {
	const table = new Uint8Array(128);
	for (let code = 0; code <= 0x20; code++) table[code] = 1;
	table[0x7f] = 1;
	for (const char of `"'\`<>,;|^`) table[char.charCodeAt(0)] = 1;
	return table;
})();

/** Non-ASCII characters that separate words: no-break and typographic spaces, curly quotes, guillemets. */
function isWideSeparator(code: number): boolean {
	return (
		code === 0xa0 ||
		code === 0xab ||
		code === 0xbb ||
		(code >= 0x2000 && code <= 0x200b) ||
		(code >= 0x2018 && code <= 0x201f) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x3000 ||
		code === 0xfeff ||
		code === 0xfffd
	);
}

/**
 * The start of a word that may be a hash, an ASN, a CVE or technique id, or a wallet by its first character: 1 and 3
 * (Bitcoin), b, t, l (bech32: bc1, tb1, ltc1), L and M (Litecoin), D (Dogecoin), X (Dash), 0 (0x…: Ethereum), m, n
 * and 2 (test networks). Restricting the first character keeps most words from being tried for 25 characters.
 */
const ID_START = "(?:[0-9A-Fa-f]{32}|[Aa][Ss]\\d|[Cc][Vv][Ee]-\\d|T\\d{4}|[13btl0mn2LMDX][0-9A-Za-z]{24})";

/**
 * Where a value may be: a `.:@\\=` followed by a letter or digit (domains, addresses, URLs, e-mails, file names,
 * registry keys, "sha256=…"; a full stop ending a word is not one), a defang ("[.]", "(dot)", "[at]"), or a
 * character that is not a letter or digit followed by ID_START. Each alternative is a class then a bounded run,
 * so the engine's work per position is bounded (no backtracking across the text); it runs in native code, and
 * only the tokens it points at are walked in JavaScript. ID_START is anchored on the character before it rather
 * than on `\b`: a letter fails the class at once, where `\b` and a run inside a word cost a step per letter.
 */
const HINT = new RegExp(
	`[.:@\\\\=][A-Za-z0-9\\x80-\\uffff]|[([{](?:dot|at|\\.|@)[)\\]}]|[^0-9A-Za-z]${ID_START}`,
	"g",
);
/** ID_START at the very start of the text, where no character precedes it. */
const ID_AT_START = new RegExp(ID_START, "y");

/**
 * Calls `sink` for every token of `text` between `from` and `to` that could hold a value (HINT points into it),
 * once per token, in order. Tokens over MAX_TOKEN are skipped whole.
 */
export function scanTokens(text: string, from: number, to: number, sink: TokenSink): void {
	const hint = new RegExp(HINT);
	let done = from;
	if (from === 0 && ID_AT_START.test(text)) done = emitAround(text, 0, done, to, sink);
	ID_AT_START.lastIndex = 0;
	hint.lastIndex = done;
	for (let match = hint.exec(text); match !== null && match.index < to; match = hint.exec(text)) {
		// The ID_START alternative matches from the character before the word.
		const at = endsToken(text.charCodeAt(match.index)) ? match.index + 1 : match.index;
		done = emitAround(text, at, done, to, sink);
		hint.lastIndex = done;
	}
}

/** Sinks the token around `at` (not before `done`, not past `to`); where it ends. */
function emitAround(text: string, at: number, done: number, to: number, sink: TokenSink): number {
	let start = at;
	while (start > done && !endsToken(text.charCodeAt(start - 1))) start--;
	let end = at + 1;
	while (end < to && !endsToken(text.charCodeAt(end))) end++;
	const length = end - start;
	if (length >= 3 && length <= MAX_TOKEN) sink(start, end);
	return end;
}

function endsToken(code: number): boolean {
	return code < 128 ? ENDS_TOKEN[code] === 1 : isWideSeparator(code);
}

/**
 * Where a chunked scan may stop at or after `wanted` without cutting a token: the next separator (a token
 * with none after it runs to the end; scanning it is one step per character).
 */
export function chunkEnd(text: string, wanted: number): number {
	for (let index = wanted; index < text.length; index++) {
		if (endsToken(text.charCodeAt(index))) return index;
	}
	return text.length;
}
