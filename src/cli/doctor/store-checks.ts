// The checks that need the store: it opens and is migrated (SQLite in WAL mode, or PostgreSQL reachable),
// the policy in force is valid, and every active partner node answers with the key this node has for it.
import { closeSync, openSync, readSync } from "node:fs";
import type { Config } from "../../config/index.ts";
import { loadKeyRing, offsetClock, testConnection } from "../../federation/index.ts";
import { federationClientTls } from "../../main.ts";
import { parsePolicyFile } from "../../policy/index.ts";
import { openStore, type Store, storeLocation } from "../../store/index.ts";
import { type Check, fail, ok, skip, warn } from "./check.ts";

/** Opens the store (which applies pending migrations, and refuses a store a newer Entente migrated). */
export async function openStoreCheck(config: Config): Promise<{ check: Check; store?: Store }> {
	const location = storeLocation(config.dataDir, config.store.url);
	const postgres = isPostgresLocation(location);
	const shown = postgres ? redacted(location) : location;
	try {
		const store = await openStore(location, { synchronous: config.store.synchronous });
		const kind = postgres ? "PostgreSQL reachable" : "SQLite";
		return { check: ok("store", `${kind}, ${shown}, opened and migrated`), store };
	} catch (error) {
		const fix = postgres
			? "start PostgreSQL or correct store.url / ENTENTE_STORE_URL (host, port, user, password, database)"
			: "restore the store from backup, or check the file's owner and the disk (docs/operations.md)";
		return { check: fail("store", `${shown} cannot be opened: ${(error as Error).message}`, fix) };
	}
}

/**
 * A SQLite store in WAL mode (readers never block the writer), read from the file header (bytes 18 and 19
 * are 2 in WAL mode), so the check needs no connection of its own.
 */
export function checkJournalMode(config: Config): Check {
	const location = storeLocation(config.dataDir, config.store.url);
	if (isPostgresLocation(location)) return skip("SQLite WAL", "the store is PostgreSQL");
	const header = Buffer.alloc(20);
	const fd = openSync(location, "r");
	try {
		readSync(fd, header, 0, 20, 0);
	} finally {
		closeSync(fd);
	}
	return header[18] === 2 && header[19] === 2
		? ok("SQLite WAL", "journal mode is WAL")
		: fail(
				"SQLite WAL",
				"the store is not in WAL mode: readers would block the writer",
				"stop every entente process of this node and start one again: opening the store sets WAL",
			);
}

/** The latest applied policy version, parsed again as this build reads policy files. */
export async function checkPolicy(store: Store, config: Config): Promise<Check> {
	const stored = await store.getPolicy();
	if (stored === undefined) {
		return warn(
			"policy",
			"no policy applied: this node releases nothing to anyone",
			"entente policy apply FILE (see examples/policy/ and docs/policy-file.md)",
		);
	}
	const parsed = parsePolicyFile(stored.text, `policy version ${stored.version}`, {
		nodeName: config.nodeName,
	});
	if (parsed.ok) {
		return ok(
			"policy",
			`version ${stored.version} (applied ${stored.appliedAt} by ${stored.appliedBy}) is valid`,
		);
	}
	const errors = parsed.errors.slice(0, 5).map((e) => `${e.line}:${e.column} ${e.message}`);
	return fail(
		"policy",
		`version ${stored.version} has ${parsed.errors.length} error(s): ${errors.join("; ")}`,
		"correct the file and apply it: entente policy show > policy.yaml, edit, entente policy apply policy.yaml",
	);
}

/** Each active Entente peer, reached with a short timeout: it answers, and its answer verifies with its key. */
export async function checkPeers(store: Store, config: Config, timeoutMs: number): Promise<Check[]> {
	const peers = await store.listPeers();
	if (peers.length === 0)
		return [ok("peers", "none yet (entente peers invite / accept to connect a partner)")];
	const options = {
		ring: loadKeyRing(config.dataDir),
		clock: offsetClock(config.clockOffsetMs),
		tls: federationClientTls(config),
		timeoutMs,
	};
	return Promise.all(
		peers.map(async (peer): Promise<Check> => {
			const name = `peer ${peer.name}`;
			if (peer.kind !== "entente") return skip(name, `a ${peer.kind} peer (${peer.url}): pulled, not tested`);
			if (peer.status !== "active") return skip(name, `${peer.status} (${peer.url})`);
			const result = await testConnection(peer, options);
			if (result.ok) return ok(name, `${peer.url} reachable, answers signed with its key`);
			const failed = result.steps.find((step) => !step.ok);
			return fail(
				name,
				`${peer.url}: ${failed?.step ?? "connection"} failed: ${failed?.detail ?? "no answer"}`,
				`entente peers test ${peer.name} shows every step; docs/federation.md "Status, metrics, alerts"`,
			);
		}),
	);
}

/** As the store reads a location: a postgres:// or postgresql:// URL is PostgreSQL, anything else SQLite. */
function isPostgresLocation(location: string): boolean {
	return /^postgres(?:ql)?:\/\//i.test(location);
}

/** A PostgreSQL URL without its password, for output. */
function redacted(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password !== "") parsed.password = "***";
		return parsed.toString();
	} catch {
		return "(a PostgreSQL URL)";
	}
}
