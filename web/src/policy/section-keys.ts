// The entry keys of a policy file's top-level maps (parties, agreements, jurisdictions, and a jurisdiction's legal
// bases), read from the text by indentation, for the change forms' choices.

const ENTRY = /^ {2}([A-Za-z0-9_+-]+):/;
const BASIS = /^ {6}([A-Za-z0-9_+-]+):/;

/** The lines of the top-level map `section` (after its `section:` line, up to the next top-level key). */
function sectionLines(text: string, section: string): string[] {
	const lines = text.split("\n");
	const start = lines.findIndex((line) => line.startsWith(`${section}:`));
	if (start < 0) return [];
	const end = lines.findIndex((line, index) => index > start && /^[A-Za-z]/.test(line));
	return lines.slice(start + 1, end < 0 ? lines.length : end);
}

/**
 * The keys of the entries of the top-level map `section`.
 * @example sectionKeys("parties:\n  uk-nca:\n    name: x\n", "parties") // ["uk-nca"]
 */
export function sectionKeys(text: string, section: string): string[] {
	return sectionLines(text, section).flatMap((line) => ENTRY.exec(line)?.[1] ?? []);
}

/** The legal bases of each jurisdiction: `{ EU: ["gdpr", …], … }`. */
export function legalBases(text: string): Record<string, string[]> {
	const bases: Record<string, string[]> = {};
	let jurisdiction: string | undefined;
	let inBases = false;
	for (const line of sectionLines(text, "jurisdictions")) {
		const entry = ENTRY.exec(line)?.[1];
		if (entry !== undefined) {
			jurisdiction = entry;
			bases[entry] = [];
			inBases = false;
		} else if (/^ {4}\S/.test(line)) inBases = line.trimStart().startsWith("legalBases:");
		else if (inBases && jurisdiction !== undefined) {
			const basis = BASIS.exec(line)?.[1];
			if (basis !== undefined) bases[jurisdiction]?.push(basis);
		}
	}
	return bases;
}
