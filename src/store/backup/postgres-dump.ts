// A PostgreSQL store's backup with PostgreSQL's own tools: pg_dump of the store's schema (one consistent snapshot,
// taken while nodes keep writing) and pg_restore into a database where that schema does not exist yet.
import { spawn } from "node:child_process";
import { existsSync, globSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../errors/index.ts";

/** Where a PostgreSQL store lives, as pg_dump and pg_restore are given it. */
export interface PostgresTarget {
	/**
	 * The URL libpq reads: the store's own `schema` parameter taken out (libpq refuses parameters it does not know),
	 * and the password too — it goes in PGPASSWORD, never on a command line other users can read in `ps`.
	 */
	connection: string;
	password?: string;
	/** The store's schema (`?schema=` of its URL); absent: `public`. */
	schema: string;
}

/** Splits a store URL into what pg_dump is given: a libpq URL and the schema. */
export function postgresTarget(storeUrl: string): PostgresTarget {
	const url = new URL(storeUrl);
	const schema = url.searchParams.get("schema") ?? "public";
	url.searchParams.delete("schema");
	const password = url.password === "" ? undefined : decodeURIComponent(url.password);
	url.password = "";
	return { connection: url.toString(), schema, ...(password === undefined ? {} : { password }) };
}

/** Dumps the store's schema to `file` (pg_dump's custom format, which pg_restore reads). */
export async function dumpPostgresStore(storeUrl: string, file: string): Promise<void> {
	const target = postgresTarget(storeUrl);
	const { connection, schema } = target;
	await runTool(target, "pg_dump", [
		"--format=custom",
		"--no-owner",
		"--no-privileges",
		`--schema=${schema}`,
		`--file=${file}`,
		connection,
	]);
}

/**
 * Restores `file` into the database of `storeUrl`. The schema must not exist there yet (or be empty): a restore
 * never mixes with a store that is already there.
 */
export async function restorePostgresStore(storeUrl: string, file: string): Promise<void> {
	const target = postgresTarget(storeUrl);
	const { connection } = target;
	await runTool(target, "pg_restore", [
		"--no-owner",
		"--no-privileges",
		"--exit-on-error",
		"--single-transaction",
		`--dbname=${connection}`,
		file,
	]);
}

/** The path of a PostgreSQL client tool: on PATH, else the newest of Debian's /usr/lib/postgresql/N/bin. */
export function findPostgresTool(name: "pg_dump" | "pg_restore"): string | undefined {
	// biome-ignore lint/style/noProcessEnv: a tool is looked up on the PATH the operator runs entente with
	for (const dir of (process.env.PATH ?? "").split(":")) {
		if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
	}
	const debian = globSync(`/usr/lib/postgresql/*/bin/${name}`).sort((a, b) => versionOf(b) - versionOf(a));
	return debian[0];
}

function versionOf(path: string): number {
	return Number(/postgresql\/(\d+)\//.exec(path)?.[1] ?? 0);
}

function runTool(target: PostgresTarget, name: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
	const tool = findPostgresTool(name);
	if (tool === undefined) {
		throw new AppError(
			"E_BACKUP_TOOL_MISSING",
			`${name} is not installed; install PostgreSQL's client tools (Debian: apt-get install postgresql-client) of the server's version or newer`,
		);
	}
	return new Promise((resolve, reject) => {
		// biome-ignore lint/style/noProcessEnv: the tool inherits the operator's environment (PG* settings), plus the password
		const inherited = process.env;
		const env = target.password === undefined ? inherited : { ...inherited, PGPASSWORD: target.password };
		const child = spawn(tool, args, { stdio: ["ignore", "ignore", "pipe"], env });
		let stderr = "";
		child.stderr.setEncoding("utf8").on("data", (text: string) => {
			if (stderr.length < 4096) stderr += text;
		});
		child.on("error", (error) => reject(new AppError("E_BACKUP_TOOL_FAILED", `${name}: ${error.message}`)));
		child.on("close", (code) => {
			if (code === 0) resolve();
			else reject(new AppError("E_BACKUP_TOOL_FAILED", `${name} failed (exit ${code}): ${stderr.trim()}`));
		});
	});
}
