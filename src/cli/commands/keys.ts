// `entente keys show|rotate`: the node's signing key ring (current key, retired keys that still verify).
import type { Command } from "commander";
import { fingerprintOf } from "../../accounts/index.ts";
import { identityOf, loadKeyRing, rotateKeyRing } from "../../federation/index.ts";
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
		.description("make a new current key; the old one keeps verifying what it signed")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const { before, after } = rotateKeyRing(node.config.dataDir, new Date());
				const result = { retired: identityOf(before), current: identityOf(after) };
				if (options.json === true) return printJson(result);
				process.stdout.write(
					`rotated: ${result.retired.keyId} retired, ${result.current.keyId} current\n` +
						`  new fingerprint ${result.current.fingerprint}\n` +
						"Restart 'entente serve' and re-onboard peers (entente peers invite / accept) so they learn the new key.\n",
				);
			} finally {
				await node.close();
			}
		});
}
