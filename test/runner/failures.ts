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

/** Whether a failure is the race above: a hook failure reported for a whole file in which no test ran. */
export function isUnmatchedFileHookFailure(
	failure: Failure,
	fileRanATest: (file: string) => boolean,
): boolean {
	const { name, file, failureType } = failure;
	return name === file && failureType === "hookFailed" && file !== undefined && !fileRanATest(file);
}

/**
 * The failures that count: all of them without a name filter; with one, all but the race above, which is not a
 * verdict on the code.
 */
export function countedFailures(
	failures: readonly Failure[],
	filtered: boolean,
	fileRanATest: (file: string) => boolean,
): Failure[] {
	if (!filtered) return [...failures];
	return failures.filter((f) => !isUnmatchedFileHookFailure(f, fileRanATest));
}
