// Commits by every process on the database, heard as they happen: each object write or delete NOTIFYs on one
// channel with its schema (object-writer.ts, delivered only when it commits) and a store's watchers LISTEN on a
// connection of their own (D70). A notice can be lost while that connection is down: on reconnecting the watchers
// are woken once, and the followers' own polls stay as the fallback.
import { Client } from "pg";

/** The channel every store's commits are announced on; the payload is the store's schema. */
export const COMMIT_CHANNEL = "entente_commits";

/** The first wait before reconnecting a lost LISTEN connection; it doubles up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** As the pool's: a server that accepts but never answers fails the attempt instead of holding it open. */
const CONNECT_TIMEOUT_MS = 15_000;

export interface CommitNotices {
	/** Adds a watcher; answers its removal. The LISTEN connection opens with the first watcher. */
	watch(listener: () => void): () => void;
	close(): Promise<void>;
}

/** Commit notices of `schema` on the database at `connectionString`. */
export function commitNotices(connectionString: string, schema: string): CommitNotices {
	const listeners = new Set<() => void>();
	let client: Client | undefined;
	/** A connection still being opened: ended by `close` too, so nothing keeps the process alive after it. */
	let connecting: Client | undefined;
	let closed = false;
	let retryMs = FIRST_RETRY_MS;
	let timer: NodeJS.Timeout | undefined;
	const notify = (): void => {
		for (const listener of listeners) listener();
	};

	const connect = async (): Promise<void> => {
		timer = undefined;
		if (closed) return;
		const next = new Client({
			connectionString,
			application_name: "entente-listen",
			connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		});
		connecting = next;
		next.on("notification", (message) => {
			if (message.channel === COMMIT_CHANNEL && message.payload === schema) notify();
		});
		next.on("error", () => lost(next));
		next.on("end", () => lost(next));
		try {
			await next.connect();
			await next.query(`LISTEN ${COMMIT_CHANNEL}`);
		} catch {
			lost(next);
			return;
		} finally {
			connecting = undefined;
		}
		if (closed) {
			await next.end().catch(() => {});
			return;
		}
		const reconnected = client === undefined && retryMs > FIRST_RETRY_MS;
		client = next;
		retryMs = FIRST_RETRY_MS;
		// What committed while no one listened is found by one look now.
		if (reconnected) notify();
	};

	const lost = (which: Client): void => {
		which.end().catch(() => {});
		if (client === which) client = undefined;
		if (closed || timer !== undefined) return;
		timer = setTimeout(() => void connect(), retryMs);
		timer.unref();
		retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
	};

	return {
		watch(listener) {
			listeners.add(listener);
			if (client === undefined && timer === undefined && listeners.size === 1) void connect();
			return () => listeners.delete(listener);
		},
		async close() {
			closed = true;
			if (timer !== undefined) clearTimeout(timer);
			listeners.clear();
			await connecting?.end().catch(() => {});
			await client?.end().catch(() => {});
			client = undefined;
		},
	};
}
