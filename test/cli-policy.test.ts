// End to end through the real `entente` binary: apply the reference policy, refuse a broken one whole, keep versions.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, scratch } from "./support/cli.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");

interface ApplyJson {
	version?: number;
	applied: boolean;
	unchanged: boolean;
	summary: {
		parties: number;
		localParties: number;
		jurisdictions: number;
		agreements: number;
		communities: number;
	};
}
interface ErrorsJson {
	file: string;
	errors: { line: number; column: number; path: string; message: string }[];
}
interface VersionJson {
	version: number;
	appliedAt: string;
	appliedBy: string;
}

const { dir, remove } = scratch("cli-policy");
after(remove);

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
	const index = text.split("\n").findIndex((line) => line.includes(needle));
	assert.ok(index >= 0, `no line contains ${needle}`);
	return index + 1;
}

describe("entente policy apply, show and history", () => {
	const data = join(dir, "uk-node");
	before(async () => {
		await ententeJson(["init", "--data", data, "--name", "uk-nca-node"]);
	});

	it("starts with no policy", async () => {
		const { json } = await ententeJson<VersionJson[]>(["policy", "history", "--data", data]);
		assert.deepEqual(json, []);
		const show = await entente(["policy", "show", "--data", data]);
		assert.equal(show.code, 1);
		assert.match(show.stderr, /no policy has been applied yet; .*\[E_POLICY_NOT_FOUND\]/);
	});

	it("applies the reference scenario as version 1 and summarises it", async () => {
		const { json } = await ententeJson<ApplyJson>(["policy", "apply", SCENARIO, "--data", data]);
		assert.equal(json.version, 1);
		assert.equal(json.applied, true);
		assert.deepEqual(json.summary, {
			parties: 8,
			localParties: 1,
			jurisdictions: 4,
			agreements: 4,
			communities: 1,
		});
		const again = await ententeJson<ApplyJson>(["policy", "apply", SCENARIO, "--data", data]);
		assert.deepEqual([again.json.version, again.json.applied, again.json.unchanged], [1, false, true]);
	});

	it("refuses an invalid file whole with every error located, exit 2, and keeps version 1", async () => {
		const original = readFileSync(SCENARIO, "utf8");
		const broken = original
			.replace(
				"    tlpCeiling: green # academia receives TLP:CLEAR and TLP:GREEN only",
				"    tlpCeiling: red",
			)
			.replace("    sector: private", "    sector: banking")
			.replace("    parties: [uk-nca, us-fbi]", "    parties: [uk-nca, us-fbi, de-bka]");
		assert.notEqual(broken, original);
		const file = join(dir, "broken.yaml");
		writeFileSync(file, broken);

		const result = await entente(["policy", "apply", file, "--data", data]);
		assert.equal(result.code, 2, result.stderr);
		const lines = result.stderr.trim().split("\n");
		assert.match(
			lines[0] ?? "",
			new RegExp(
				`^${escapeRegExp(file)}:${lineOf(broken, "sector: banking")}:13: "banking" is not allowed; expected one of: `,
			),
		);
		assert.match(
			lines[1] ?? "",
			new RegExp(
				`^${escapeRegExp(file)}:${lineOf(broken, "tlpCeiling: red")}:17: party "de-uni-cert" would receive up to TLP:RED, but the agreements covering party "de-uni-cert" \\(academic-exchange\\) allow at most TLP:GREEN`,
			),
		);
		assert.match(
			lines[2] ?? "",
			new RegExp(
				`^${escapeRegExp(file)}:${lineOf(broken, "parties: [uk-nca, us-fbi, de-bka]")}:14: a bilateral agreement binds exactly 2 parties`,
			),
		);
		assert.match(lines.at(-1) ?? "", /3 error\(s\); nothing was applied/);

		const asJson = await entente(["policy", "apply", file, "--data", data, "--json"]);
		assert.equal(asJson.code, 2);
		const { errors } = JSON.parse(asJson.stdout) as ErrorsJson;
		assert.deepEqual(
			errors.map((error) => error.path),
			["parties.uk-bank.sector", "parties.de-uni-cert.tlpCeiling", "agreements.us-uk-cyber-cell.parties"],
		);

		const { json: history } = await ententeJson<VersionJson[]>(["policy", "history", "--data", data]);
		assert.deepEqual(
			history.map((info) => info.version),
			[1],
		);
	});

	it("validates without applying on --dry-run, then applies an edit as version 2", async () => {
		const edited = readFileSync(SCENARIO, "utf8").replace("    trustTier: 3", "    trustTier: 2");
		const file = join(dir, "edited.yaml");
		writeFileSync(file, edited);
		const dry = await ententeJson<ApplyJson>(["policy", "apply", file, "--data", data, "--dry-run"]);
		assert.deepEqual([dry.json.applied, dry.json.version], [false, undefined]);
		const applied = await ententeJson<ApplyJson>(["policy", "apply", file, "--data", data]);
		assert.equal(applied.json.version, 2);
		const { json: history } = await ententeJson<VersionJson[]>(["policy", "history", "--data", data]);
		assert.deepEqual(
			history.map((info) => info.version),
			[1, 2],
		);
	});

	it("shows the latest version or a chosen one, as the file was written", async () => {
		const latest = await ententeJson<VersionJson & { policy: { version: number } }>([
			"policy",
			"show",
			"--data",
			data,
		]);
		assert.deepEqual([latest.json.version, latest.json.policy.version], [2, 2]);
		const first = await entente(["policy", "show", "--data", data, "--version", "1"]);
		assert.equal(first.code, 0, first.stderr);
		assert.ok(
			first.stdout.includes(readFileSync(SCENARIO, "utf8")),
			"version 1 is the reference file, comments included",
		);
		const missing = await entente(["policy", "show", "--data", data, "--version", "9"]);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /there is no policy version 9/);
	});
});

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
