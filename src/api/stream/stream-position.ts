// Where a release stream resumes (D59): an event's id is the commit-log position of the version it carries (the
// store's dateAdded, strictly increasing in commit order); heartbeats repeat the last id sent. Reconnecting with it
// skips nothing and repeats nothing (versions after it that the reader does not receive are judged again).
import { AppError } from "../../errors/index.ts";

/** The store's dateAdded form: RFC 3339 UTC with six fraction digits. */
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The position a client resumes from, read from its Last-Event-ID (header or `lastEventId` query), or undefined
 * when it names none (the stream then starts at the newest commit: only what is stored from now on).
 * @throws AppError E_STREAM_EVENT_ID_INVALID when the id is not one this node sent.
 * @example positionOf("2026-12-07T22:00:00.123456Z") // "2026-12-07T22:00:00.123456Z"
 */
export function positionOf(lastEventId: string | undefined): string | undefined {
	if (lastEventId === undefined || lastEventId.trim() === "") return undefined;
	const id = lastEventId.trim();
	if (!POSITION.test(id)) {
		throw new AppError(
			"E_STREAM_EVENT_ID_INVALID",
			`Last-Event-ID '${id.slice(0, 64)}' is not a stream position: send the id of the last event received (e.g. 2026-12-07T22:00:00.123456Z), or none to start from now`,
		);
	}
	return id;
}
