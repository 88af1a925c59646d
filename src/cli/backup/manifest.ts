// A backup's manifest: what it holds (every file with its size, mode and SHA-256), the store it came from, and the
// counts a restore must find again. Written last, so a folder without one is not a backup.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../errors/index.ts";

export const MANIFEST_FILE = "manifest.json";
const FORMAT = "entente-backup";
const FORMAT_VERSION = 1;

export interface BackupFile {
	/** Relative to the backup folder, `/`-separated. */
	name: string;
	bytes: number;
	sha256: string;
	/** The permission bits to restore (a private key stays 0600). */
	mode: number;
}

export interface BackupCounts {
	objects: number;
	versions: number;
	quarantined: number;
	/** The latest applied policy version (0: none). */
	policyVersion: number;
	/**
	 * True when the counts are of the copy itself (SQLite); false when they were read from the live store just
	 * before its snapshot (PostgreSQL), so a restore finds at least as many.
	 */
	exact: boolean;
}

export interface BackupManifest {
	format: typeof FORMAT;
	formatVersion: typeof FORMAT_VERSION;
	createdAt: string;
	nodeName: string;
	/** The node key's fingerprint: a restore checks the key it puts back is this one. */
	fingerprint: string;
	store: { kind: "sqlite"; file: string } | { kind: "postgres"; file: string; schema: string };
	counts: BackupCounts;
	files: BackupFile[];
}

export type ManifestBody = Omit<BackupManifest, "format" | "formatVersion" | "files">;

/** The manifest of `files` (relative names) in `dir`, each hashed now. */
export async function buildManifest(
	dir: string,
	names: readonly string[],
	body: ManifestBody,
): Promise<BackupManifest> {
	const files: BackupFile[] = [];
	for (const name of names) {
		const path = join(dir, name);
		const stats = statSync(path);
		files.push({ name, bytes: stats.size, sha256: await sha256Of(path), mode: stats.mode & 0o777 });
	}
	return { format: FORMAT, formatVersion: FORMAT_VERSION, ...body, files };
}

/**
 * Reads `dir`'s manifest and checks every file it lists against its size and SHA-256.
 * @throws AppError E_BACKUP_INVALID naming the first file that is missing, cut or changed.
 */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
	const manifest = readManifest(dir);
	for (const file of manifest.files) {
		const path = join(dir, file.name);
		if (!existsSync(path)) throw invalid(dir, `${file.name} is missing`);
		const bytes = statSync(path).size;
		if (bytes !== file.bytes)
			throw invalid(dir, `${file.name} is ${bytes} bytes, the manifest says ${file.bytes}`);
		if ((await sha256Of(path)) !== file.sha256) {
			throw invalid(
				dir,
				`${file.name} has changed since the backup (its SHA-256 differs from the manifest's)`,
			);
		}
	}
	return manifest;
}

function readManifest(dir: string): BackupManifest {
	const path = join(dir, MANIFEST_FILE);
	if (!existsSync(path))
		throw invalid(dir, `there is no ${MANIFEST_FILE}: not an entente backup, or one cut short`);
	let manifest: Partial<BackupManifest>;
	try {
		manifest = JSON.parse(readFileSync(path, "utf8")) as Partial<BackupManifest>;
	} catch (error) {
		throw invalid(dir, `${MANIFEST_FILE} is not JSON: ${(error as Error).message}`);
	}
	if (manifest.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION) {
		throw invalid(dir, `${MANIFEST_FILE} is not an ${FORMAT} manifest of version ${FORMAT_VERSION}`);
	}
	const named = new Set((manifest.files ?? []).map((file) => file.name));
	if (manifest.store === undefined || manifest.counts === undefined || !named.has(manifest.store.file)) {
		throw invalid(dir, `${MANIFEST_FILE} names no store file among its files`);
	}
	for (const name of named) {
		if (name.startsWith("/") || name.split("/").includes(".."))
			throw invalid(dir, `${name} is outside the backup`);
	}
	return manifest as BackupManifest;
}

function invalid(dir: string, why: string): AppError {
	return new AppError("E_BACKUP_INVALID", `${dir} is not a backup that can be restored: ${why}`);
}

function sha256Of(path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const hash = createHash("sha256");
		createReadStream(path)
			.on("data", (chunk) => hash.update(chunk))
			.on("error", reject)
			.on("end", () => resolve(hash.digest("hex")));
	});
}
