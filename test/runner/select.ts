// Narrows a suite to what the developer asked for: files by path, tests by name, or `--grep` for either.

/** What the command line asked to run; empty lists mean "everything". */
export interface Selection {
	/** Patterns that select files by path (`--file`, positional arguments). */
	readonly files: readonly string[];
	/** Patterns that select tests by name in every chosen file (`--name`). */
	readonly names: readonly string[];
	/** Patterns matched against paths first, against test names when no path matches (`--grep`). */
	readonly greps: readonly string[];
}

/** The files to start and the name patterns to hand to `node --test`. */
export interface Plan {
	readonly files: readonly string[];
	readonly namePatterns: readonly RegExp[];
	/** One line per choice made, printed before the run so that a surprising selection shows. */
	readonly explanation: readonly string[];
}

/** A pattern as the runner reads it: a regular expression, case-insensitive. */
export function patternOf(source: string): RegExp {
	try {
		return new RegExp(source, "i");
	} catch (error) {
		throw new Error(
			`"${source}" is not a regular expression (${(error as Error).message}); escape it or quote it`,
		);
	}
}

/** Whether anything was asked for beyond the whole suite. */
export function isSelective(selection: Selection): boolean {
	return selection.files.length + selection.names.length + selection.greps.length > 0;
}

/**
 * Applies a selection to the suite's files. `--file` patterns (or an existing path, taken as is even when the
 * suite leaves it out) keep the files they match; each `--grep` pattern keeps the files whose path it matches
 * and, when it matches no path, becomes a name pattern; name patterns then pick tests inside the chosen files
 * (all of the suite's files when no path was selected).
 */
export function planRun(
	suiteFiles: readonly string[],
	selection: Selection,
	isFile: (path: string) => boolean,
): Plan {
	const explanation: string[] = [];
	const chosen = new Set<string>();
	let pathSelected = false;
	for (const source of selection.files) {
		pathSelected = true;
		const matched = isFile(source)
			? [normalise(source)]
			: suiteFiles.filter((f) => patternOf(source).test(f));
		if (matched.length === 0) throw new Error(`--file ${source}: no test file's path matches it`);
		for (const file of matched) chosen.add(file);
		explanation.push(`--file ${source}: ${count(matched.length, "file")}`);
	}
	const namePatterns = selection.names.map(patternOf);
	for (const source of selection.names) explanation.push(`--name ${source}: tests whose name matches`);
	for (const source of selection.greps) {
		const pattern = patternOf(source);
		const matched = suiteFiles.filter((f) => pattern.test(f));
		if (matched.length > 0) {
			pathSelected = true;
			for (const file of matched) chosen.add(file);
			explanation.push(`--grep ${source}: ${count(matched.length, "file")} by path, run whole`);
		} else {
			namePatterns.push(pattern);
			explanation.push(`--grep ${source}: no path matches; tests whose name matches, in every file`);
		}
	}
	const files = pathSelected
		? suiteFiles.filter((f) => chosen.has(f)).concat(outside(chosen, suiteFiles))
		: suiteFiles;
	return { files, namePatterns, explanation };
}

function outside(chosen: ReadonlySet<string>, suiteFiles: readonly string[]): string[] {
	const inSuite = new Set(suiteFiles);
	return [...chosen].filter((f) => !inSuite.has(f)).sort();
}

function normalise(path: string): string {
	return path.replace(/^\.\//, "");
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
