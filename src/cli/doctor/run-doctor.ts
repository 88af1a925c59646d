// `entente doctor`'s checks in order; a check that needs what an earlier one found missing is skipped, not failed.
import { resolveDataDir } from "../../config/index.ts";
import { type Check, skip } from "./check.ts";
import { checkConfig, checkDataDir, checkDisk, checkNodeKey, checkWebUi } from "./file-checks.ts";
import { checkJournalMode, checkPeers, checkPolicy, openStoreCheck } from "./store-checks.ts";

export interface DoctorOptions {
	/** The --data flag; absent: $ENTENTE_DATA or ./data. */
	dataDir: string | undefined;
	/** Below this many free bytes on the data directory's disk, the disk check fails. */
	minFreeBytes: number;
	/** How long each peer gets to answer. */
	peerTimeoutMs: number;
}

/** Every check of the node, in the order an operator would fix them. */
export async function runDoctor(options: DoctorOptions): Promise<Check[]> {
	const dataDir = resolveDataDir(options.dataDir);
	const checks: Check[] = [checkDataDir(dataDir)];
	if (checks[0]?.status === "fail") {
		return [...checks, ...["configuration", "node key", "store", "policy", "peers"].map(notRun)];
	}
	const { check: configCheck, config } = checkConfig(dataDir);
	checks.push(configCheck, checkNodeKey(dataDir), checkDisk(dataDir, options.minFreeBytes), checkWebUi());
	if (config === undefined) return [...checks, ...["store", "policy", "peers"].map(notRun)];
	const { check: storeCheck, store } = await openStoreCheck(config);
	checks.push(storeCheck);
	if (store === undefined) return [...checks, ...["policy", "peers"].map(notRun)];
	try {
		checks.push(checkJournalMode(config), await checkPolicy(store, config));
		const keyOk = checks.find((check) => check.name === "node key")?.status === "ok";
		if (keyOk) checks.push(...(await checkPeers(store, config, options.peerTimeoutMs)));
		else checks.push(skip("peers", "not tested: this node has no usable key to sign with"));
	} finally {
		await store.close();
	}
	return checks;
}

function notRun(name: string): Check {
	return skip(name, "not checked: an earlier check failed");
}
