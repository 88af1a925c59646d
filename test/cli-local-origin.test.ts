// Objects imported after a policy is applied belong to a local organisation, never to a partner party.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { entente, ententeJson, scratch } from "./support/cli.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const CO_POLICE = "identity--d51f4d3d-2082-4fa1-a1a2-8c2fbcf46204";
const AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const VICTIM_IP = "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4";

const { dir, remove } = scratch("cli-local-origin");
after(remove);

function writeVictimIp(): string {
	const file = join(dir, "victim.json");
	const ip = { type: "ipv4-addr", spec_version: "2.1", id: VICTIM_IP, value: "198.51.100.3" };
	writeFileSync(file, JSON.stringify({ ...ip, x_entente_role: "victim", object_marking_refs: [AMBER] }));
	return file;
}

interface Explained {
	verdict: string;
	trace: { rule: string }[];
}

describe("the organisation imports are recorded under", () => {
	it("is the node's own, so a partner party never becomes the originator of our import", async () => {
		const data = join(dir, "named");
		await ententeJson(["init", "--data", data, "--name", "uk-nca-node", "--org-id", NCA]);
		await ententeJson(["policy", "apply", SCENARIO, "--data", data]);
		await ententeJson(["import", writeVictimIp(), "--data", data]);
		const { json } = await ententeJson<Explained>([
			"policy",
			"explain",
			VICTIM_IP,
			"--to",
			CO_POLICE,
			"--data",
			data,
		]);
		assert.notEqual(json.verdict, "full");
		assert.ok(!json.trace.some((step) => step.rule === "recipient.same-house"));
	});

	it("is named in a warning when the policy does not know it", async () => {
		const data = join(dir, "unnamed");
		await ententeJson(["init", "--data", data, "--name", "uk-nca-node", "--org", "Someone Else"]);
		const result = await entente(["policy", "apply", SCENARIO, "--data", data]);
		assert.equal(result.code, 0);
		assert.match(
			result.stderr,
			/warning: local organisation Someone Else \(identity--[0-9a-f-]+\) is not a party/,
		);
	});

	it("refuses an --org-id that is not a STIX identity id", async () => {
		const result = await entente(["init", "--data", join(dir, "bad"), "--org-id", "identity--nope"]);
		assert.notEqual(result.code, 0);
		assert.match(result.stderr, /is not a STIX identity id/);
	});
});
