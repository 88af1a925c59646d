// End to end through the real `entente` binary (D63): `policy diff` of versions and files, `policy rollback` as a new
// version, and the second confirmation `policy apply` and `rollback` ask before cutting every partner off.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, scratch } from "./support/cli.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");
const ORIGINAL = readFileSync(SCENARIO, "utf8");

const { dir, remove } = scratch("cli-policy-versions");
after(remove);

describe("entente policy diff, rollback and the cut-off confirmation", () => {
	const data = join(dir, "uk-node");
	const changed = join(dir, "changed.yaml");
	const suspended = join(dir, "suspended.yaml");
	before(async () => {
		await ententeJson(["init", "--data", data, "--name", "uk-nca-node"]);
		writeFileSync(
			changed,
			ORIGINAL.replace("    purposes: [research, network-defence]", "    purposes: [research]"),
		);
		// Every partner suspended: each party that is not local gets `status: suspended` after its trustTier.
		writeFileSync(
			suspended,
			ORIGINAL.replace(/(\n {4}node: [a-z0-9-]+\n {4}trustTier: \d)/g, "$1\n    status: suspended"),
		);
		assert.equal((await entente(["policy", "apply", SCENARIO, "--data", data])).code, 0);
		assert.equal((await entente(["policy", "apply", changed, "--data", data])).code, 0);
	});

	it("diffs two versions, or a version and a file, as diff -u does, exit 0 either way", async () => {
		const versions = await entente(["policy", "diff", "1", "2", "--data", data]);
		assert.equal(versions.code, 0, versions.stderr);
		const lines = versions.stdout.split("\n");
		assert.match(lines[0] ?? "", /^--- policy version 1 \(/);
		assert.match(lines[1] ?? "", /^\+\+\+ policy version 2 \(/);
		assert.deepEqual(
			lines.filter((line) => /^[-+] /.test(line)),
			["-    purposes: [research, network-defence]", "+    purposes: [research]"],
		);
		const same = await entente(["policy", "diff", changed, "--data", data]);
		assert.deepEqual([same.code, same.stdout], [0, ""]);
		const missing = await entente(["policy", "diff", "9", "--data", data]);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /no policy version 9.*\[E_POLICY_NOT_FOUND\]/);
	});

	it("rolls back to version 1 as version 3", async () => {
		const { json } = await ententeJson<{ version: number; applied: boolean }>([
			"policy",
			"rollback",
			"1",
			"--data",
			data,
		]);
		assert.deepEqual([json.version, json.applied], [3, true]);
		const show = await entente(["policy", "show", "--data", data]);
		assert.ok(show.stdout.endsWith(ORIGINAL), "version 3 is version 1's text");
	});

	it("asks a second confirmation before a policy cuts every partner off, and names them", async () => {
		const refused = await entente(["policy", "apply", suspended, "--data", data]);
		assert.equal(refused.code, 1);
		assert.match(
			refused.stderr,
			/every partner receiving nothing beyond TLP:CLEAR: .*US Federal Bureau.*\(suspended\)/,
		);
		assert.match(refused.stderr, /--confirm-cut-off.*\[E_POLICY_CUTS_OFF_PARTNERS\]/);
		const dry = await entente(["policy", "apply", suspended, "--dry-run", "--data", data]);
		assert.equal(dry.code, 0);
		assert.match(dry.stderr, /applying it needs --confirm-cut-off/);
		const { json } = await ententeJson<{ version: number }>([
			"policy",
			"apply",
			suspended,
			"--confirm-cut-off",
			"--data",
			data,
		]);
		assert.equal(json.version, 4);
		// Back to version 3 reaches partners again: no question. Then to version 4 again: asked.
		assert.equal((await entente(["policy", "rollback", "3", "--data", data])).code, 0);
		const again = await entente(["policy", "rollback", "4", "--data", data]);
		assert.match(again.stderr, /\[E_POLICY_CUTS_OFF_PARTNERS\]/);
		const history = await ententeJson<unknown[]>(["policy", "history", "--data", data]);
		assert.equal(history.json.length, 5);
	});
});
