// Where a token's value starts and ends once the punctuation prose wraps it in is taken off:
// "(see evil.com)." → "evil.com", "[1.2.3.4]" → "1.2.3.4", but "evil[.]com" and "http://x/a_(b)" stay whole.

const LEADING = new Set(["(", "[", "{"]);
const TRAILING = new Set([".", ",", ":", "!", "?", ")", "]", "}"]);
const CLOSES: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** The `[start, end)` of the value inside `text.slice(start, end)`, or undefined when nothing is left. */
export function trimToken(text: string, start: number, end: number): [number, number] | undefined {
	let from = start;
	let to = end;
	while (from < to && LEADING.has(text.charAt(from))) from++;
	while (from < to) {
		const last = text.charAt(to - 1);
		if (!TRAILING.has(last)) break;
		// "fe80::" keeps its colons; a closing bracket stays when the token opened it ("a_(b)", "evil[.]com]" loses one).
		if (last === ":" && text.charAt(to - 2) === ":") break;
		const opener = CLOSES[last];
		if (opener !== undefined && count(text, from, to, opener) >= count(text, from, to, last)) break;
		to--;
	}
	return to - from >= 3 ? [from, to] : undefined;
}

function count(text: string, from: number, to: number, char: string): number {
	let found = 0;
	for (let index = text.indexOf(char, from); index >= 0 && index < to; index = text.indexOf(char, index + 1))
		found++;
	return found;
}
