// Which failures fail a run. Under a name filter node 24.21 still runs the top-level hooks of a file none of whose
// tests match, and may start its `after` before its `before` has finished (D41): `after` then finds nothing to close.

/** A `test:fail` event as the runner keeps it. */
export interface Failure {
	/** The test's name; a file's own entry is named by its path. */
	readonly name: string;
	readonly file: string | undefined;
	/** node's `failureType`: `hookFailed`, `testCodeFailure`, `cancelledByParent`… */
	readonly failureType: string | undefined;
}

/**
 * The failures that count. With a name filter, a hook failure reported for a whole file in which no test ran is
 * the race above, not a verdict on the code; everything else counts, and without a filter everything counts.
 */
export function countedFailures(
	failures: readonly Failure[],
	filtered: boolean,
	fileRanATest: (file: string) => boolean,
): Failure[] {
	if (!filtered) return [...failures];
	return failures.filter(
		(f) =>
			!(f.name === f.file && f.failureType === "hookFailed" && f.file !== undefined && !fileRanATest(f.file)),
	);
}
