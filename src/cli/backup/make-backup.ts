// `entente backup`: a node's data directory and store copied while it serves, into a folder with a manifest.
// The folder is written under a temporary name and renamed when complete, so a backup cut short is never taken
// for one (and has no manifest).
import {
	chmodSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { type Config, loadConfig } from "../../config/index.ts";
import { AppError } from "../../errors/index.ts";
import { loadNodeKey } from "../../federation/index.ts";
import {
	copySqliteStore,
	dumpPostgresStore,
	openStore,
	postgresTarget,
	storeLocation,
} from "../../store/index.ts";
import { type BackupCounts, type BackupManifest, buildManifest, MANIFEST_FILE } from "./manifest.ts";

/** The store's file in a backup: a SQLite copy, or pg_dump's custom format. */
export const SQLITE_FILE = "store/entente.db";
export const POSTGRES_FILE = "store/store.pgdump";
/** The data directory's own files (config, keys, certificates) go under this folder. */
export const DATA_FOLDER = "data";

export interface BackupOptions {
	dataDir: string;
	/** The new backup folder: absent or empty. */
	destination: string;
	/** Told each step as it starts. */
	onStep?: (step: string) => void;
}

/** Backs up the node in `dataDir` while it may be serving; answers the manifest written. */
export async function makeBackup(options: BackupOptions): Promise<BackupManifest> {
	const destination = resolve(options.destination);
	if (existsSync(destination) && readdirSync(destination).length > 0) {
		throw new AppError("E_BACKUP_EXISTS", `${destination} is not empty; back up into a new folder`);
	}
	const config = loadConfig({ dataDir: options.dataDir });
	const step = options.onStep ?? (() => {});
	const partial = `${destination}.partial-${process.pid}`;
	rmSync(partial, { recursive: true, force: true });
	// The backup holds the node's private key: only its owner reads the folder.
	mkdirSync(join(partial, "store"), { recursive: true, mode: 0o700 });
	try {
		const location = storeLocation(config.dataDir, config.store.url);
		const postgres = /^postgres(?:ql)?:\/\//i.test(location);
		step(`copying the data directory ${config.dataDir}`);
		const names = copyDataFiles(config.dataDir, join(partial, DATA_FOLDER), postgres ? undefined : location);
		step(postgres ? "dumping the PostgreSQL schema (pg_dump)" : `copying the SQLite store ${location}`);
		const { counts, store } = postgres
			? await backUpPostgres(location, partial)
			: await backUpSqlite(location, partial, config);
		step("hashing every file");
		const manifest = await buildManifest(
			partial,
			[...names.map((name) => `${DATA_FOLDER}/${name}`), store.file],
			{
				createdAt: new Date().toISOString(),
				nodeName: config.nodeName,
				fingerprint: loadNodeKey(config.dataDir).fingerprint,
				store,
				counts,
			},
		);
		writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, "\t")}\n`);
		if (existsSync(destination)) rmSync(destination, { recursive: true });
		mkdirSync(dirname(destination), { recursive: true });
		renameSync(partial, destination);
		return manifest;
	} catch (error) {
		rmSync(partial, { recursive: true, force: true });
		throw error;
	}
}

async function backUpSqlite(location: string, partial: string, config: Config) {
	const copy = join(partial, SQLITE_FILE);
	await copySqliteStore(location, copy);
	// The counts are the copy's own: open it as a node would (nothing to migrate: the same build made it).
	const counts = await countsOf(copy, config, true);
	for (const suffix of ["-wal", "-shm"]) rmSync(`${copy}${suffix}`, { force: true });
	chmodSync(copy, 0o600);
	return { counts, store: { kind: "sqlite" as const, file: SQLITE_FILE } };
}

async function backUpPostgres(location: string, partial: string) {
	// Read before the snapshot: pg_dump's snapshot holds at least these (a node may add more meanwhile).
	const counts = await countsOf(location, undefined, false);
	await dumpPostgresStore(location, join(partial, POSTGRES_FILE));
	const schema = postgresTarget(location).schema;
	return { counts, store: { kind: "postgres" as const, file: POSTGRES_FILE, schema } };
}

/** The counts a restore must find again, read from the store at `location`. */
export async function countsOf(
	location: string,
	config: Config | undefined,
	exact: boolean,
): Promise<BackupCounts> {
	const store = await openStore(
		location,
		config === undefined ? {} : { synchronous: config.store.synchronous },
	);
	try {
		const stats = await store.stats();
		const policy = await store.getPolicy();
		return {
			objects: stats.objects,
			versions: stats.versions,
			quarantined: stats.quarantined,
			policyVersion: policy?.version ?? 0,
			exact,
		};
	} finally {
		await store.close();
	}
}

/**
 * Copies every file of `dataDir` (sub-folders too) into `into`, keeping permission bits, but the SQLite store at
 * `store` and its journal files, which are copied consistently apart. Answers the copied names, `/`-separated.
 */
function copyDataFiles(dataDir: string, into: string, store: string | undefined): string[] {
	const skipped = new Set(
		store === undefined ? [] : ["", "-wal", "-shm", "-journal"].map((suffix) => resolve(`${store}${suffix}`)),
	);
	const names: string[] = [];
	for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
		const path = resolve(entry.parentPath, entry.name);
		if (!entry.isFile() || skipped.has(path)) continue;
		const name = relative(dataDir, path).split(sep).join("/");
		mkdirSync(dirname(join(into, name)), { recursive: true, mode: 0o700 });
		copyFileSync(path, join(into, name));
		names.push(name);
	}
	return names.sort();
}
