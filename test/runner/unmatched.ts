// Under a name filter every file of the suite is started, and node reports each file without a matching test as a
// test of its own: hidden from the report so that the tests that matched are what one reads.
import { Transform } from "node:stream";
import { isUnmatchedFileHookFailure } from "./failures.ts";

interface ReportedEvent {
	readonly type: string;
	readonly data: {
		readonly name?: string;
		readonly file?: string;
		readonly details?: { readonly type?: string; readonly error?: unknown };
	};
}

/**
 * Drops, from a stream of `node:test` events, a file's own start, its passing entry when the file ran no test, and
 * the hook failure of a file in which no test ran (not counted, see failures.ts); passes every other event on.
 */
export function hideUnmatchedFiles(): Transform {
	const ranIn = new Set<string>();
	return new Transform({
		objectMode: true,
		transform(event: ReportedEvent, _encoding, done) {
			const { type, data } = event;
			const fileEntry = data.name !== undefined && data.name === data.file;
			// A file's own start says nothing the tests' own lines do not; its end is judged below.
			if (type === "test:start" && fileEntry) return done();
			if (type !== "test:pass" && type !== "test:fail") return done(null, event);
			if (!fileEntry) {
				if (data.file !== undefined && data.details?.type === "test") ranIn.add(data.file);
				return done(null, event);
			}
			if (type === "test:pass" && !ranIn.has(data.file as string)) return done();
			const { failureType } = (data.details?.error ?? {}) as { failureType?: string };
			const failure = { name: data.name as string, file: data.file, failureType };
			if (type === "test:fail" && isUnmatchedFileHookFailure(failure, (f) => ranIn.has(f))) return done();
			return done(null, event);
		},
	});
}
