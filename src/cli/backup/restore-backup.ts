// `entente restore`: a backup checked against its manifest, written into a temporary folder beside the target,
// opened and counted as a node would open it, and only then renamed into place — never half a node.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { type Config, loadConfig } from "../../config/index.ts";
import { AppError } from "../../errors/index.ts";
import { loadNodeKey } from "../../federation/index.ts";
import { parsePolicyFile } from "../../policy/index.ts";
import { openStore, postgresTarget, restorePostgresStore, storeLocation } from "../../store/index.ts";
import { countsOf, DATA_FOLDER } from "./make-backup.ts";
import { type BackupCounts, type BackupManifest, verifyBackup } from "./manifest.ts";

export interface RestoreOptions {
	/** The backup folder. */
	source: string;
	/** The data directory to restore into: absent or empty, unless `force`. */
	dataDir: string;
	/** Replace a data directory that holds files; the old one is kept beside it, renamed. */
	force?: boolean;
	onStep?: (step: string) => void;
}

export interface RestoreResult {
	manifest: BackupManifest;
	/** What was checked, one line each. */
	checks: string[];
	/** Where a replaced data directory was moved (with `force`). */
	keptAside?: string;
}

/** Restores the backup in `source` into `dataDir` and checks the result. */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
	const step = options.onStep ?? (() => {});
	const source = resolve(options.source);
	const target = resolve(options.dataDir);
	step(`checking ${source} against its manifest`);
	const manifest = await verifyBackup(source);
	const checks = [`${manifest.files.length} files match the manifest (size and SHA-256)`];
	const occupied = existsSync(target) && readdirSync(target).length > 0;
	if (occupied && options.force !== true) {
		throw new AppError(
			"E_DATA_DIR_EXISTS",
			`${target} holds files; restore into an empty folder, or pass --force to replace it (the old folder is kept beside it, renamed)`,
		);
	}
	const staging = `${target}.restoring-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true, mode: 0o700 });
	try {
		step("writing the data directory");
		copyDataFolder(source, manifest, staging);
		const config = loadConfig({ dataDir: staging });
		const location = storeLocation(staging, config.store.url);
		step(
			manifest.store.kind === "postgres"
				? "restoring the PostgreSQL schema (pg_restore)"
				: "writing the store",
		);
		await putStore(source, manifest, staging, location);
		step("opening the restored node");
		checks.push(...(await checkRestored(manifest, config, staging, location)));
		const keptAside = occupied
			? `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`
			: undefined;
		if (keptAside !== undefined) renameSync(target, keptAside);
		else if (existsSync(target)) rmSync(target, { recursive: true });
		renameSync(staging, target);
		return { manifest, checks, ...(keptAside === undefined ? {} : { keptAside }) };
	} catch (error) {
		rmSync(staging, { recursive: true, force: true });
		throw error;
	}
}

function copyDataFolder(source: string, manifest: BackupManifest, staging: string): void {
	for (const file of manifest.files) {
		if (!file.name.startsWith(`${DATA_FOLDER}/`)) continue;
		const to = join(staging, file.name.slice(DATA_FOLDER.length + 1));
		mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
		copyFileSync(join(source, file.name), to);
		chmodSync(to, file.mode);
	}
}

async function putStore(
	source: string,
	manifest: BackupManifest,
	staging: string,
	location: string,
): Promise<void> {
	const file = join(source, manifest.store.file);
	if (manifest.store.kind === "postgres") {
		if (!/^postgres(?:ql)?:\/\//i.test(location)) {
			throw new AppError(
				"E_BACKUP_MISMATCH",
				"the backup holds a PostgreSQL store, but its entente.json names a SQLite file",
			);
		}
		const schema = postgresTarget(location).schema;
		if (schema !== manifest.store.schema) {
			throw new AppError(
				"E_BACKUP_MISMATCH",
				`the backup holds schema ${manifest.store.schema}, but entente.json's store.url selects ${schema}; restore into schema=${manifest.store.schema}`,
			);
		}
		await restorePostgresStore(location, file);
		return;
	}
	if (/^postgres(?:ql)?:\/\//i.test(location) || relative(staging, location).startsWith("..")) {
		throw new AppError(
			"E_BACKUP_MISMATCH",
			`the restored entente.json puts the store at ${location}, outside the data directory; copy ${manifest.store.file} there by hand, or remove store.url`,
		);
	}
	mkdirSync(dirname(location), { recursive: true });
	copyFileSync(file, location);
	chmodSync(location, 0o600);
}

/** Opens what was restored as a node would and compares it with the manifest; answers what was checked. */
async function checkRestored(
	manifest: BackupManifest,
	config: Config,
	staging: string,
	location: string,
): Promise<string[]> {
	const key = loadNodeKey(staging);
	if (key.fingerprint !== manifest.fingerprint) {
		throw new AppError(
			"E_BACKUP_MISMATCH",
			`the node key's fingerprint is ${key.fingerprint}, the manifest's ${manifest.fingerprint}`,
		);
	}
	const counts = await countsOf(location, config, manifest.counts.exact);
	compareCounts(manifest.counts, counts);
	const store = await openStore(location);
	let policyLine = "no policy applied";
	try {
		const policy = await store.getPolicy();
		if (policy !== undefined) {
			const parsed = parsePolicyFile(policy.text, `policy version ${policy.version}`, {
				nodeName: config.nodeName,
			});
			if (!parsed.ok)
				throw new AppError("E_BACKUP_MISMATCH", `policy version ${policy.version} no longer parses`);
			policyLine = `policy version ${policy.version} parses`;
		}
	} finally {
		await store.close();
	}
	return [
		`node key ${key.fingerprint} is the one backed up`,
		`the store opens and is migrated: ${counts.objects} objects, ${counts.versions} versions, ${counts.quarantined} quarantined${manifest.counts.exact ? " (as backed up)" : " (at least as many as backed up)"}`,
		policyLine,
	];
}

function compareCounts(expected: BackupCounts, found: BackupCounts): void {
	for (const name of ["objects", "versions", "quarantined", "policyVersion"] as const) {
		const short = expected.exact ? found[name] !== expected[name] : found[name] < expected[name];
		if (short) {
			throw new AppError(
				"E_BACKUP_MISMATCH",
				`the restored store has ${found[name]} ${name}, the backup ${expected.exact ? "" : "at least "}${expected[name]}`,
			);
		}
	}
}
