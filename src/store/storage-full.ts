// A write the disk (or the store's quota) had no room for, named as such: 503 with Retry-After and a reason a
// partner's sender can show ("the peer's storage is full"), instead of a generic failure with a stack (issue 14).
import { AppError } from "../errors/index.ts";

/** SQLite's SQLITE_FULL result code. */
const SQLITE_FULL = 13;
/** PostgreSQL's SQLSTATE disk_full. */
const PG_DISK_FULL = "53100";
/** When a client should try again: freeing space is an operator's work, minutes rather than seconds. */
export const STORAGE_FULL_RETRY_SECONDS = 60;

/** E_STORE_FULL when `error` says the disk or the store's quota is full; undefined for any other error. */
export function storageFull(error: unknown): AppError | undefined {
	if (error instanceof AppError) return undefined;
	const { errcode, code, message } = (error ?? {}) as {
		errcode?: unknown;
		code?: unknown;
		message?: unknown;
	};
	const full =
		errcode === SQLITE_FULL ||
		code === PG_DISK_FULL ||
		(typeof message === "string" && /database or disk is full|No space left on device/i.test(message));
	if (!full) return undefined;
	return new AppError(
		"E_STORE_FULL",
		"the node's storage is full: nothing of this write was stored; the operator must free disk space (or raise store.maxSizeMiB)",
		{ details: { retry_after_seconds: STORAGE_FULL_RETRY_SECONDS }, cause: error },
	);
}

/** Runs `work`, turning a storage-full failure into E_STORE_FULL. */
export async function namingStorageFull<T>(work: () => T | Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw storageFull(error) ?? error;
	}
}
