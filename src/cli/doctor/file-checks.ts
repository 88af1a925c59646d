// The checks of a node's files: data directory, configuration, signing key, free disk space, web UI build.
import { accessSync, constants, existsSync, readFileSync, statfsSync, statSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_FILE_NAME, type Config, loadConfig } from "../../config/index.ts";
import { identityOf, loadKeyRing, NODE_KEY_FILE } from "../../federation/index.ts";
import { webUiBuilt } from "../../main.ts";
import { type Check, fail, ok, warn } from "./check.ts";

/** The data directory exists, holds a node, and this user may write it (the store and key ring live there). */
export function checkDataDir(dataDir: string): Check {
	const name = "data directory";
	if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
		return fail(name, `${dataDir} does not exist`, `create a node there: entente init --data ${dataDir}`);
	}
	if (!existsSync(join(dataDir, CONFIG_FILE_NAME))) {
		return fail(
			name,
			`${dataDir} holds no node (no ${CONFIG_FILE_NAME})`,
			`create one: entente init --data ${dataDir}, or pass the right --data`,
		);
	}
	try {
		accessSync(dataDir, constants.R_OK | constants.W_OK);
	} catch {
		return fail(name, `${dataDir} is not writable by this user`, `run as the node's user, or chown it`);
	}
	return ok(name, dataDir);
}

/** entente.json, ENTENTE_* variables and defaults make a valid configuration. */
export function checkConfig(dataDir: string): { check: Check; config?: Config } {
	try {
		const config = loadConfig({ dataDir });
		return { check: ok("configuration", `${join(dataDir, CONFIG_FILE_NAME)} is valid`), config };
	} catch (error) {
		return {
			check: fail(
				"configuration",
				(error as Error).message,
				`correct ${join(dataDir, CONFIG_FILE_NAME)} or the ENTENTE_* variables (docs/operations.md)`,
			),
		};
	}
}

/** The private key is there, readable by no one but its owner, and parses with its key ring. */
export function checkNodeKey(dataDir: string): Check {
	const name = "node key";
	const path = join(dataDir, NODE_KEY_FILE);
	if (!existsSync(path)) {
		return fail(
			name,
			`${path} is missing: the node cannot sign for federation`,
			`restore it from backup; a node without its key must be re-created (entente init) and re-onboarded`,
		);
	}
	const mode = statSync(path).mode & 0o777;
	try {
		readFileSync(path);
	} catch (error) {
		return fail(name, `${path} cannot be read: ${(error as Error).message}`, `chown it to the node's user`);
	}
	if ((mode & 0o077) !== 0) {
		return fail(
			name,
			`${path} has mode ${mode.toString(8)}: other users can read the node's private key`,
			`chmod 600 ${path}`,
		);
	}
	try {
		const { keyId, fingerprint } = identityOf(loadKeyRing(dataDir));
		return ok(name, `${keyId}, ${fingerprint}, mode ${mode.toString(8)}`);
	} catch (error) {
		return fail(
			name,
			`${path} does not hold a usable key: ${(error as Error).message}`,
			"restore the key file from backup",
		);
	}
}

/** Free space where the data directory is, against `minFreeBytes`. */
export function checkDisk(dataDir: string, minFreeBytes: number): Check {
	const stats = statfsSync(dataDir);
	const free = stats.bavail * stats.bsize;
	const mib = (bytes: number) => `${Math.floor(bytes / 2 ** 20).toLocaleString("en")} MiB`;
	const detail = `${mib(free)} free where ${dataDir} is (threshold ${mib(minFreeBytes)})`;
	return free >= minFreeBytes
		? ok("disk space", detail)
		: fail("disk space", detail, "free space on that disk or move the data directory to a larger one");
}

/** A built web UI, which `serve` serves at its URL; without one it serves the APIs only. */
export function checkWebUi(): Check {
	return webUiBuilt()
		? ok("web UI", "built")
		: warn(
				"web UI",
				"not built: 'entente serve' serves the APIs but no web UI",
				"in the checkout: npm run build:web",
			);
}
