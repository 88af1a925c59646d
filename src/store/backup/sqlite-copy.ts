// An online copy of a SQLite store: SQLite's backup API over a read-only connection, in one step, so the copy is
// one consistent snapshot however busy the node's writer is (a copy taken in several steps restarts whenever
// another process writes, and a serving node may write all the time). WAL mode lets the writer go on meanwhile.
import { existsSync } from "node:fs";
import { backup, DatabaseSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";

/** sqlite3_backup_step's page count meaning "every page at once" (node:sqlite wants a positive int32). */
const EVERY_PAGE = 2 ** 31 - 1;

/**
 * Copies the SQLite store at `source` to `destination` (a new file) while other processes may be reading and
 * writing it; answers the number of pages copied.
 * @throws AppError E_BACKUP_SOURCE when `source` is not a SQLite store, E_BACKUP_EXISTS when `destination` exists.
 */
export async function copySqliteStore(source: string, destination: string): Promise<number> {
	if (!existsSync(source)) throw new AppError("E_BACKUP_SOURCE", `no SQLite store at ${source}`);
	if (existsSync(destination)) throw new AppError("E_BACKUP_EXISTS", `${destination} already exists`);
	let database: DatabaseSync;
	try {
		database = new DatabaseSync(source, { readOnly: true });
	} catch (error) {
		throw new AppError("E_BACKUP_SOURCE", `${source} cannot be opened: ${(error as Error).message}`, {
			cause: error,
		});
	}
	try {
		return await backup(database, destination, { rate: EVERY_PAGE });
	} finally {
		database.close();
	}
}
