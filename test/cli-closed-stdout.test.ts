// `entente … | head`: a reader that closes stdout early ends the command quietly, status 0 (docs/decisions.md D24).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CLI, type CliResult, entente, initNode, scratch } from "./support/cli.ts";

const { dir, remove } = scratch("cli-closed-stdout");
after(remove);

/** Indicators enough for an export far over a pipe's buffer (64 KiB), so writing blocks on the reader. */
const INDICATORS = 2000;

/**
 * Runs `entente ...args` with stdout read by a reader that stops after `bytes` bytes and closes its end
 * (0: closes it at once, before the command writes anything), as `| head -c bytes` does.
 */
function ententeIntoClosedReader(
	args: readonly string[],
	bytes: number,
): Promise<CliResult & { read: number }> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
		let read = 0;
		let stderr = "";
		if (bytes === 0) child.stdout.destroy();
		else
			child.stdout.on("data", (chunk: Buffer) => {
				read += chunk.length;
				if (read >= bytes) child.stdout.destroy();
			});
		child.stderr.setEncoding("utf8").on("data", (text: string) => {
			stderr += text;
		});
		child.once("error", reject);
		child.once("close", (code, signal) => resolvePromise({ code, signal, stdout: "", stderr, read }));
	});
}

function assertQuietEnd(result: CliResult): void {
	assert.equal(result.signal, null);
	assert.equal(result.code, 0, result.stderr);
	assert.doesNotMatch(result.stderr, /EPIPE|unexpected failure|\n\s+at /);
}

describe("a closed stdout ends the command quietly", () => {
	let data: string;
	before(async () => {
		data = (await initNode(dir)).data;
		const objects = Array.from({ length: INDICATORS }, (_, i) => ({
			type: "indicator",
			spec_version: "2.1",
			id: `indicator--${randomUUID()}`,
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			name: `indicator ${i}`,
			pattern: `[ipv4-addr:value = '10.0.${i >> 8}.${i & 255}']`,
			pattern_type: "stix",
			valid_from: "2024-01-01T00:00:00Z",
		}));
		const bundle = join(dir, "indicators.json");
		writeFileSync(bundle, JSON.stringify({ type: "bundle", id: `bundle--${randomUUID()}`, objects }));
		const imported = await entente(["import", bundle, "--data", data]);
		assert.equal(imported.code, 0, imported.stderr);
	});

	it("export | head -c 100: stops writing, exit 0, no stack trace", async () => {
		const full = await entente(["export", "--data", data]);
		assert.ok(full.stdout.length > 256 * 1024, "the export must be well over a pipe's buffer");
		const result = await ententeIntoClosedReader(["export", "--data", data], 100);
		assert.ok(result.read >= 100);
		assertQuietEnd(result);
		assert.doesNotMatch(result.stderr, /exported/, "the export ended where the reader left");
	});

	it("stats with its reader already gone: exit 0, no stack trace", async () => {
		assertQuietEnd(await ententeIntoClosedReader(["stats", "--data", data], 0));
	});
});
