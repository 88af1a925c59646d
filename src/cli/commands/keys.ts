// `entente keys show|rotate`: the node's signing key ring (current key, retired keys that still verify).
import type { Command } from "commander";
import {
	announceKeyRotation,
	fingerprintOf,
	identityOf,
	loadKeyRing,
	rotateKeyRing,
} from "../../federation/index.ts";
import { openNode } from "../../main.ts";
import { printJson } from "../output.ts";

export function registerKeys(program: Command): void {
	const keys = program.command("keys").description("the node's Ed25519 signing keys (federation)");
	keys
		.command("show")
		.description("show the current key's id and fingerprint, and the retired keys")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const ring = loadKeyRing(node.config.dataDir);
				const result = {
					current: identityOf(ring),
					retired: ring.retired.map((k) => ({
						keyId: k.keyId,
						fingerprint: fingerprintOf(k.publicKey),
						retiredAt: k.retiredAt,
					})),
				};
				if (options.json === true) return printJson(result);
				process.stdout.write(
					`current key  ${result.current.keyId}\n  fingerprint ${result.current.fingerprint}\n` +
						`  created     ${result.current.createdAt ?? "(before key rings)"}\n`,
				);
				for (const k of result.retired)
					process.stdout.write(`retired key  ${k.keyId} (retired ${k.retiredAt})\n`);
			} finally {
				await node.close();
			}
		});
	keys
		.command("rotate")
		.description(
			"make a new current key; the old one keeps verifying what it signed, and every peer is sent the new key signed by both",
		)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const { before, after } = rotateKeyRing(node.config.dataDir, new Date());
				// The old private key exists only in `before`, in memory: announce now, while it can sign.
				const peers = await announceKeyRotation(
					{
						store: node.store,
						nodeName: node.config.nodeName,
						clock: node.clock,
						tls: node.federationTls,
						logger: node.logger,
					},
					before,
					after,
				);
				const result = { retired: identityOf(before), current: identityOf(after), peers };
				if (options.json === true) return printJson(result);
				process.stdout.write(
					`rotated: ${result.retired.keyId} retired, ${result.current.keyId} current\n` +
						`  new fingerprint ${result.current.fingerprint}\n` +
						"  a running 'entente serve' picks the new key up by itself\n",
				);
				for (const p of peers)
					process.stdout.write(`  ${p.peer}: ${p.ok ? "learned the new key" : p.detail}\n`);
				if (peers.some((p) => !p.ok)) {
					process.stdout.write(
						"Peers that did not learn the new key must be re-onboarded (entente peers invite / accept).\n",
					);
				}
			} finally {
				await node.close();
			}
		});
}
