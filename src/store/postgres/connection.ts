// The PostgreSQL connection pool of one store: its schema, transactions, and the errors the store names.
import { DatabaseError, escapeIdentifier, Pool, type PoolClient, type QueryResultRow } from "pg";
import { AppError } from "../../errors/index.ts";

/** Runs one parameterised statement; what every table module is given (a pool or a transaction's client). */
export type Sql = <R extends QueryResultRow = QueryResultRow>(
	text: string,
	params?: readonly unknown[],
) => Promise<R[]>;

/** A schema name this store may create and select: a plain lower-case SQL identifier. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connections per process: reads run in parallel; writes are one transaction at a time anyway. */
const DEFAULT_POOL_SIZE = 8;

/** How long to wait for a connection (a new one, or a pooled one under load) before failing instead of hanging. */
const CONNECT_TIMEOUT_MS = 15_000;

export interface PoolOptions {
	/** `postgres://` or `postgresql://` URL; a `schema` query parameter selects (and creates) a schema. */
	url: string;
	/** Overrides the URL's `schema`. Absent in both: the server's search_path (normally `public`). */
	schema?: string;
	poolSize?: number;
}

/** An open pool and the helpers the store's modules share. */
export interface Connection {
	pool: Pool;
	/** A statement on any pooled connection (autocommit). */
	sql: Sql;
	/** Runs `work` in BEGIN … COMMIT on one connection; rolls back and rethrows on any error. */
	transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
	/** The schema every connection selects, when one was named. */
	schema?: string;
	/** The URL without its password, for messages. */
	where: string;
	/** The URL a connection of its own (LISTEN, commit-notices.ts) connects with; never shown. */
	connectionString: string;
}

/**
 * Opens a pool on `url` (not connecting yet). With a schema, every connection sets its search_path to it,
 * so one database can hold several stores (a node per schema, or a test per schema).
 * @throws AppError E_STORE_QUERY_INVALID when the URL or schema name is malformed.
 */
export function openPool(options: PoolOptions): Connection {
	const { connectionString, schema } = splitSchema(options.url, options.schema);
	// Every connection: the store's schema when one was named (created once, by the migration runner under its
	// lock, migrate.ts), and no JIT: the store's statements run for milliseconds, and a high cost estimate (a
	// count over a large table) would make PostgreSQL spend tens of milliseconds compiling each one.
	const setup = [
		...(schema === undefined ? [] : [`SET search_path TO ${escapeIdentifier(schema)}`]),
		"SET jit TO off",
	].join("; ");
	const pool = new Pool({
		connectionString,
		max: options.poolSize ?? DEFAULT_POOL_SIZE,
		connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		application_name: "entente",
		onConnect: async (client) => void (await client.query(setup)),
	});
	// An idle connection dropped by the server is removed by the pool; without a listener it would crash the process.
	pool.on("error", () => {});
	const run =
		(client: Pool | PoolClient): Sql =>
		async <R extends QueryResultRow>(text: string, params: readonly unknown[] = []) =>
			(await client.query<R>(text, params as unknown[])).rows;
	return {
		pool,
		sql: run(pool),
		where: redact(connectionString),
		connectionString,
		...(schema === undefined ? {} : { schema }),
		async transaction(work) {
			const client = await pool.connect();
			try {
				await client.query("BEGIN");
				const result = await work(run(client));
				await client.query("COMMIT");
				return result;
			} catch (error) {
				await client.query("ROLLBACK").catch(() => {});
				throw error;
			} finally {
				client.release();
			}
		},
	};
}

/** Takes the `schema` query parameter out of the URL (pg would pass it to the server as a setting). */
function splitSchema(
	url: string,
	explicit: string | undefined,
): { connectionString: string; schema?: string } {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch (error) {
		throw new AppError("E_STORE_QUERY_INVALID", "the PostgreSQL store URL is malformed", { cause: error });
	}
	const schema = explicit ?? parsed.searchParams.get("schema") ?? undefined;
	parsed.searchParams.delete("schema");
	if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
		throw new AppError(
			"E_STORE_QUERY_INVALID",
			`a store schema is a lower-case SQL identifier (letters, digits, _), got ${JSON.stringify(schema)}`,
		);
	}
	return { connectionString: parsed.toString(), ...(schema === undefined ? {} : { schema }) };
}

/** The URL with its password replaced, safe for error messages and logs. */
function redact(url: string): string {
	const parsed = new URL(url);
	if (parsed.password !== "") parsed.password = "***";
	return parsed.toString();
}

/** The SQLSTATE of a PostgreSQL error, if it is one. */
export function sqlState(error: unknown): string | undefined {
	return error instanceof DatabaseError ? error.code : undefined;
}

/** SQLSTATE 23505: a unique constraint refused the row. */
export const UNIQUE_VIOLATION = "23505";

/** Wraps a failure to reach or prepare the database at open, naming where (never the password). */
export function openFailure(where: string, error: unknown): AppError {
	if (error instanceof AppError) return error;
	const reason = error instanceof Error ? error.message : String(error);
	return new AppError("E_STORE_MIGRATION", `cannot open the PostgreSQL store at ${where}: ${reason}`, {
		cause: error,
	});
}
