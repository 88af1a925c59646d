// `entente backup DIR`, `entente backup --verify DIR` and `entente restore DIR`: a node copied while it serves,
// checked, and put back (D69; docs/deploy.md).
import type { Command } from "commander";
import { resolveDataDir } from "../../config/index.ts";
import { makeBackup } from "../backup/make-backup.ts";
import { verifyBackup } from "../backup/manifest.ts";
import { restoreBackup } from "../backup/restore-backup.ts";
import { ProgressLine, printJson } from "../output.ts";

export function registerBackup(program: Command): void {
	program
		.command("backup")
		.description(
			"copy a node (store, keys, configuration) into a new folder while it serves; --verify checks one",
		)
		.argument("[dir]", "the new backup folder (absent or empty)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--verify <dir>", "check a backup folder against its manifest instead (sizes and SHA-256)")
		.option("--json", "print the manifest as JSON")
		.action(async (dir: string | undefined, options) => {
			if (options.verify !== undefined) {
				const manifest = await verifyBackup(options.verify);
				if (options.json === true) return printJson(manifest);
				process.stdout.write(
					`${options.verify}: ${manifest.files.length} files match the manifest; ${manifest.store.kind} store of ` +
						`${manifest.nodeName}, ${manifest.counts.objects} objects, taken ${manifest.createdAt}\n`,
				);
				return;
			}
			if (dir === undefined)
				program.error("error: give the backup folder (entente backup DIR), or --verify DIR");
			const progress = new ProgressLine();
			const manifest = await makeBackup({
				dataDir: resolveDataDir(options.data),
				destination: dir,
				onStep: (step) => progress.update(`backup: ${step}…`, true),
			});
			progress.done();
			if (options.json === true) return printJson(manifest);
			const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
			process.stdout.write(
				`Backed up ${manifest.nodeName} to ${dir}: ${manifest.counts.objects} objects, ${manifest.counts.versions} versions, ` +
					`policy version ${manifest.counts.policyVersion}, ${manifest.files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB.\n` +
					`It holds the node's private key: keep it as safe as the node. Check it with 'entente backup --verify ${dir}'.\n`,
			);
		});
	program
		.command("restore")
		.description("restore a backup into an empty data directory, then open and count it before it is used")
		.argument("<dir>", "the backup folder")
		.option("--data <dir>", "data directory to restore into (default: $ENTENTE_DATA or ./data)")
		.option("--force", "replace a data directory that holds files (the old one is kept beside it, renamed)")
		.action(async (dir: string, options) => {
			const progress = new ProgressLine();
			const result = await restoreBackup({
				source: dir,
				dataDir: resolveDataDir(options.data),
				force: options.force === true,
				onStep: (step) => progress.update(`restore: ${step}…`, true),
			});
			progress.done();
			for (const check of result.checks) process.stdout.write(`✓ ${check}\n`);
			if (result.keptAside !== undefined)
				process.stdout.write(`The replaced data directory is at ${result.keptAside}.\n`);
			process.stdout.write(
				`Restored ${result.manifest.nodeName} (backed up ${result.manifest.createdAt}). Start it with 'entente serve'.\n`,
			);
		});
}
