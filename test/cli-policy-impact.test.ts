// End to end through the real binary: `entente policy impact FILE` previews what each party would gain and lose.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, scratch } from "./support/cli.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

const { dir, remove } = scratch("cli-policy-impact");
after(remove);

const indicator = (n: number, marking: string) => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--6f2a2b5e-1c4d-4a6b-9a43-${String(n).padStart(12, "0")}`,
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	created_by_ref: NCA,
	name: `C2 ${n}`,
	pattern: `[domain-name:value = 'c2-${n}.example']`,
	pattern_type: "stix",
	valid_from: "2025-05-01T00:00:00Z",
	object_marking_refs: [marking],
});

interface Impact {
	baseVersion: number;
	objects: number;
	parties: {
		id: string;
		before: number;
		after: number;
		gained: number;
		lost: number;
		lostExamples: { rule: string }[];
	}[];
}

describe("entente policy impact FILE", () => {
	const data = join(dir, "uk-node");
	const suspended = join(dir, "fbi-suspended.yaml");
	before(async () => {
		await ententeJson(["init", "--data", data, "--name", "uk-nca-node"]);
		await ententeJson(["policy", "apply", SCENARIO, "--data", data]);
		const bundle = join(dir, "indicators.json");
		const objects = [1, 2, 3].map((n) => indicator(n, GREEN)).concat([indicator(4, AMBER)]);
		writeFileSync(
			bundle,
			JSON.stringify({ type: "bundle", id: "bundle--6f2a2b5e-1c4d-4a6b-9a43-0f5d0c1f2a12", objects }),
		);
		const imported = await entente(["import", bundle, "--data", data]);
		assert.equal(imported.code, 0, imported.stderr);
		const text = readFileSync(SCENARIO, "utf8").replace(
			"    node: us-fbi-node\n",
			"    node: us-fbi-node\n    status: suspended\n",
		);
		writeFileSync(suspended, text);
	});

	it("prints per party before → after, gained and lost, with an example and its rule", async () => {
		const result = await entente(["policy", "impact", suspended, "--data", data]);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /Compared with policy version 1, over 4 stored objects/);
		const fbi = result.stdout.split("\n").find((line) => line.startsWith("US Federal Bureau"));
		assert.ok(fbi !== undefined, result.stdout);
		assert.match(fbi, /4 → 0\s+\+0\s+−4\s+C2 \d \(recipient\.status\)/);
		assert.match(result.stdout, /1 of \d+ parties would see a change; nothing was applied/);
	});

	it("answers the whole result as JSON, and applies nothing", async () => {
		const { json } = await ententeJson<Impact>(["policy", "impact", suspended, "--json", "--data", data]);
		assert.equal(json.baseVersion, 1);
		const fbi = json.parties.find((party) => party.id === FBI);
		assert.deepEqual([fbi?.before, fbi?.after, fbi?.gained, fbi?.lost], [4, 0, 0, 4]);
		assert.equal(fbi?.lostExamples[0]?.rule, "recipient.status");
		const history = await ententeJson<{ version: number }[]>(["policy", "history", "--json", "--data", data]);
		assert.equal(history.json.length, 1);
	});

	it("refuses a file with errors, each located, and exits 2", async () => {
		const broken = join(dir, "broken.yaml");
		writeFileSync(
			broken,
			readFileSync(SCENARIO, "utf8").replace("sector: law-enforcement", "sector: bakery"),
		);
		const result = await entente(["policy", "impact", broken, "--data", data]);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /broken\.yaml:\d+:\d+: .*sector/);
	});
});
