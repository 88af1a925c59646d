// End to end through the real `entente` binary: init, import of every public data folder, stats, export round trip.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import type { IngestReport } from "../src/ingest/index.ts";
import { entente, ententeJson, type ImportJson, type InitJson, initNode, scratch } from "./support/cli.ts";
import { sharedData } from "./support/shared-data.ts";
import { STIX21_FOLDERS } from "./support/stix21-expected.ts";

const ATTACK_2_0 = sharedData("stix20", "attack", "enterprise-attack-assembled.json");
const ATTACK_OBJECTS = 24_771;
/** Folders of ../shared/data/stix21 that hold no STIX content to import. */
const NOT_STIX = ["json-schemas", "pattern-grammar"];

const { dir, remove } = scratch("cli-import");
after(remove);

/** `path: message` of every issue of every problem, with where it was, as a person reads them. */
function reasonsOf(report: IngestReport): string[][] {
	return report.problems.map((problem) => [
		`${problem.status} objects[${problem.index}] ${problem.id ?? ""}`,
		...(problem.reason === undefined ? [] : [problem.reason]),
		...(problem.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`),
	]);
}

/** The bundle a node exports, as id|modified → the object's JSON. */
async function exported(data: string, file: string): Promise<Map<string, string>> {
	const result = await entente(["export", "--data", data, "--all-versions", "--out", file]);
	assert.equal(result.code, 0, result.stderr);
	const bundle = JSON.parse(readFileSync(file, "utf8")) as {
		type: string;
		objects: Record<string, unknown>[];
	};
	assert.equal(bundle.type, "bundle");
	return new Map(bundle.objects.map((object) => [`${object.id}|${object.modified}`, JSON.stringify(object)]));
}

describe("entente init, import, stats and export on ATT&CK Enterprise (STIX 2.0)", () => {
	let node: InitJson & { data: string };
	before(async () => {
		node = await initNode(dir, "attack");
	});

	it("init --json prints the node URL, a one-time admin token and the organisation id", async () => {
		assert.match(node.url, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.match(node.adminToken, /^ent_[A-Za-z0-9_-]{40,}$/);
		assert.match(
			node.organizationId,
			/^identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		assert.equal(node.dataDir, node.data);
		const again = await entente(["init", "--data", node.data, "--json"]);
		assert.notEqual(again.code, 0, "a second init must not overwrite a node");
		assert.match(again.stderr, /already holds a node; use another --data directory/);
	});

	it("imports all 24,771 objects, every one upgraded to 2.1, none rejected, exit 0", async () => {
		const { json } = await ententeJson<ImportJson>(["import", ATTACK_2_0, "--data", node.data]);
		assert.deepEqual(json.totals, {
			objects: ATTACK_OBJECTS,
			stored: ATTACK_OBJECTS,
			duplicate: 0,
			rejected: 0,
			quarantined: 0,
		});
		const [only] = json.reports;
		assert.equal(json.reports.length, 1);
		assert.equal(only?.report.upgraded, ATTACK_OBJECTS);
		assert.equal(only?.report.changes["add spec_version 2.1"], ATTACK_OBJECTS);
		assert.equal(only?.report.changes["malware: labels → malware_types"], 696);
		assert.equal(only?.report.changes["tool: labels → tool_types"], 91);
		assert.deepEqual(only?.report.inputErrors, []);
	});

	it("re-importing the same file stores nothing: every object is a duplicate", async () => {
		const { json } = await ententeJson<ImportJson>(["import", ATTACK_2_0, "--data", node.data]);
		assert.deepEqual(json.totals, {
			objects: ATTACK_OBJECTS,
			stored: 0,
			duplicate: ATTACK_OBJECTS,
			rejected: 0,
			quarantined: 0,
		});
	});

	it("stats --json counts what the node holds, by type", async () => {
		const { json } = await ententeJson<Record<string, unknown>>(["stats", "--data", node.data]);
		assert.deepEqual(json, {
			objects: ATTACK_OBJECTS,
			versions: ATTACK_OBJECTS,
			quarantined: 0,
			organizations: 1,
			byType: {
				"attack-pattern": 835,
				campaign: 52,
				"course-of-action": 268,
				identity: 1,
				"intrusion-set": 187,
				malware: 696,
				"marking-definition": 1,
				relationship: 20_048,
				tool: 91,
				"x-mitre-analytic": 1739,
				"x-mitre-data-component": 109,
				"x-mitre-data-source": 38,
				"x-mitre-detection-strategy": 691,
				"x-mitre-matrix": 1,
				"x-mitre-tactic": 14,
			},
		});
	});

	it("export → import into a fresh node → export gives the same versions with the same content", async () => {
		const first = await exported(node.data, join(dir, "first-export.json"));
		assert.equal(first.size, ATTACK_OBJECTS);
		const fresh = await initNode(dir, "round-trip");
		const { json } = await ententeJson<ImportJson>([
			"import",
			join(dir, "first-export.json"),
			"--data",
			fresh.data,
		]);
		assert.equal(json.totals.stored, ATTACK_OBJECTS);
		assert.equal(json.reports[0]?.report.upgraded, 0, "an export is STIX 2.1 already");
		const second = await exported(fresh.data, join(dir, "second-export.json"));
		assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
		for (const [key, object] of first) assert.equal(second.get(key), object, key);
	});
});

describe("entente import of each folder of ../shared/data/stix21", { concurrency: 2 }, () => {
	it("every folder but the schemas and the grammar has pinned expectations", () => {
		const folders = readdirSync(sharedData("stix21")).filter((name) => !NOT_STIX.includes(name));
		assert.deepEqual(folders.sort(), Object.keys(STIX21_FOLDERS).sort());
	});

	for (const [folder, expected] of Object.entries(STIX21_FOLDERS)) {
		it(`${folder}: ${expected.totals.stored} stored, ${expected.totals.rejected} rejected, exit ${expected.exit}`, async () => {
			const node = await initNode(dir, `stix21-${folder}`);
			const path = sharedData("stix21", folder);
			const { json } = await ententeJson<ImportJson>(["import", path, "--data", node.data], expected.exit);
			assert.deepEqual(json.totals, expected.totals);
			assert.equal(json.reports.length, expected.files);
			const byFile = new Map(json.reports.map(({ input, report }) => [relative(path, input), report]));
			for (const [file, want] of Object.entries(expected.notable)) {
				const report = byFile.get(file);
				assert.ok(report, `no report for ${file}`);
				assert.deepEqual(
					{
						counts: report.counts,
						inputErrors: report.inputErrors,
						inputWarnings: report.inputWarnings,
						reasons: reasonsOf(report),
					},
					want,
					file,
				);
			}
		});
	}
});

describe("errors say what to do", () => {
	it("import into a data directory without a node names 'entente init'", async () => {
		const missing = join(dir, "no-node-here");
		const result = await entente(["import", ATTACK_2_0, "--data", missing]);
		assert.equal(result.code, 1);
		assert.equal(result.stdout, "");
		assert.equal(
			result.stderr,
			`entente: no node in ${missing}; run 'entente init --data ${missing}' ` +
				"(or 'npm start', which initialises ./data) [E_DATA_DIR_MISSING]\n",
		);
	});

	it("import of a file that does not exist names it and the accepted inputs", async () => {
		const node = await initNode(dir, "errors");
		const result = await entente(["import", join(dir, "nope.json"), "--data", node.data]);
		assert.equal(result.code, 1);
		assert.equal(
			result.stderr,
			`entente: ${join(dir, "nope.json")} does not exist; name a .json file, a folder or '-' [E_INPUT_NOT_FOUND]\n`,
		);
	});

	it("the human summary of a broken file shows the object, the path and the reason", async () => {
		const node = await initNode(dir, "human");
		const file = sharedData("stix21", "markings", "tlp2", "using-tlp2.0-green.INVALID-timestamp.json");
		const result = await entente(["import", file, "--data", node.data]);
		assert.equal(result.code, 3);
		assert.match(result.stdout, /rejected objects\[2\] relationship--1621d4d4-b67d-11e3-9670-f01faf20d111\n/);
		assert.match(result.stdout, /\$\.created: "2022-101-27T13:49:54\.326Z" is not YYYY-MM-DDTHH:MM:SS/);
		assert.match(result.stdout, /input warning: bundle has no "type": "bundle" \(read anyway\)/);
	});

	it("--help exits 0 and documents the exit status; a missing argument exits 2", async () => {
		const help = await entente(["import", "--help"]);
		assert.equal(help.code, 0);
		assert.match(help.stdout, /Usage: entente import \[options\] <input>/);
		assert.match(help.stdout, /3 when any was rejected/);
		const top = await entente(["--help"]);
		assert.equal(top.code, 0);
		for (const command of ["init", "serve", "import", "export", "stats"])
			assert.match(top.stdout, new RegExp(`\\n  ${command}\\b`));
		const missing = await entente(["import"]);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /missing required argument 'input'/);
	});
});
