// The node's signing key ring as last loaded, reloaded when its files change (another process rotated it).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log/index.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import { KEY_RING_FILE, loadKeyRing } from "./node-identity.ts";
import { NODE_KEY_FILE } from "./node-key.ts";

/** The key ring a serving node signs with: the current one, a reload on demand, and the watch's end. */
export interface WatchedKeyRing {
	current(): NodeKeyRing;
	reload(): void;
	stop(): void;
}

/**
 * `entente keys rotate` (another process) rewrites the key files: pick the new ring up without a
 * restart, looking every `pollMs` (at least 100 ms). A load between the two renames fails the ring check;
 * the next look succeeds.
 */
export function watchKeyRing(dataDir: string, pollMs: number, logger: Logger): WatchedKeyRing {
	let ring = loadKeyRing(dataDir);
	const ringFiles = [join(dataDir, KEY_RING_FILE), join(dataDir, NODE_KEY_FILE)];
	const stamp = (): string => ringFiles.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)).join("/");
	let ringStamp = stamp();
	const ringWatch = setInterval(
		() => {
			const next = stamp();
			if (next === ringStamp) return;
			try {
				ring = loadKeyRing(dataDir);
				ringStamp = next;
				logger.info({ keyId: ring.current.keyId }, "federation: signing key ring reloaded");
			} catch {
				// mid-rotation: the next look reloads
			}
		},
		Math.max(100, pollMs),
	);
	ringWatch.unref();
	return {
		current: () => ring,
		reload: () => {
			ring = loadKeyRing(dataDir);
		},
		stop: () => clearInterval(ringWatch),
	};
}
