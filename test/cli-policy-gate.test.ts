// End to end through the real binary: explain, preview, users for partner parties, export and stats as a party.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, scratch } from "./support/cli.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const UNI = "identity--d7ebb227-b33b-467f-b263-8a4ccbdd1bf4";
const AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const ID = "indicator--6f2a2b5e-1c4d-4a6b-9a43-0f5d0c1f2a11";

const { dir, remove } = scratch("cli-policy-gate");
after(remove);

describe("entente policy explain, preview, as; users add --party", () => {
	const data = join(dir, "uk-node");
	before(async () => {
		await ententeJson(["init", "--data", data, "--name", "uk-nca-node"]);
		await ententeJson(["policy", "apply", SCENARIO, "--data", data]);
		const bundle = join(dir, "amber.json");
		writeFileSync(
			bundle,
			JSON.stringify({
				type: "bundle",
				id: "bundle--6f2a2b5e-1c4d-4a6b-9a43-0f5d0c1f2a12",
				objects: [
					{
						type: "indicator",
						spec_version: "2.1",
						id: ID,
						created: "2025-05-01T00:00:00.000Z",
						modified: "2025-05-01T00:00:00.000Z",
						created_by_ref: NCA,
						pattern: "[ipv4-addr:value = '198.51.100.7']",
						pattern_type: "stix",
						valid_from: "2025-05-01T00:00:00Z",
						object_marking_refs: [AMBER],
					},
				],
			}),
		);
		const imported = await entente(["import", bundle, "--data", data]);
		assert.equal(imported.code, 0, imported.stderr);
	});

	it("explains a decision with its trace, in words and as JSON", async () => {
		const { json } = await ententeJson<{ verdict: string; trace: { rule: string }[] }>([
			"policy",
			"explain",
			ID,
			"--to",
			UNI,
			"--purpose",
			"research",
			"--data",
			data,
		]);
		assert.equal(json.verdict, "deny");
		assert.ok(json.trace.some((step) => step.rule === "scope.tlp" || step.rule === "law.purpose"));
		const words = await entente([
			"policy",
			"explain",
			ID,
			"--to",
			FBI,
			"--purpose",
			"criminal-investigation",
			"--data",
			data,
		]);
		assert.equal(words.code, 0, words.stderr);
		assert.match(words.stdout, /Verdict: full/);
		assert.match(words.stdout, /Why:\n/);
	});

	it("previews every party with verdict and deciding rule", async () => {
		const { json } = await ententeJson<{
			parties: { partyId: string; verdict: string; decidingRule: string }[];
		}>(["policy", "preview", ID, "--purpose", "criminal-investigation", "--data", data]);
		assert.equal(json.parties.length, 8);
		assert.equal(json.parties.find((p) => p.partyId === FBI)?.verdict, "full");
		assert.equal(json.parties.find((p) => p.partyId === UNI)?.verdict, "deny");
		const table = await entente(["policy", "preview", ID, "--data", data]);
		assert.match(table.stdout, /deciding rule/);
	});

	it("creates a user for a partner party and lists it", async () => {
		const { json } = await ententeJson<{ party: string; local: boolean; token: string }>([
			"users",
			"add",
			"--party",
			FBI,
			"--name",
			"fbi-siem",
			"--role",
			"reader",
			"--data",
			data,
		]);
		assert.deepEqual([json.party, json.local], [FBI, false]);
		assert.match(json.token, /^ent_/);
		const list = await ententeJson<{ name: string; local: boolean }[]>(["users", "list", "--data", data]);
		assert.equal(list.json.find((u) => u.name === "fbi-siem")?.local, false);
	});

	it("refuses an admin for a partner party, naming the fix, and creates nobody (D35)", async () => {
		const refused = await entente([
			"users",
			"add",
			"--party",
			FBI,
			"--name",
			"fbi-admin",
			"--role",
			"admin",
			"--data",
			data,
		]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /E_ACCOUNT_PARTNER_ADMIN|never node administrators/);
		assert.match(refused.stderr, /--role analyst/);
		const list = await ententeJson<{ name: string }[]>(["users", "list", "--data", data]);
		assert.equal(
			list.json.some((u) => u.name === "fbi-admin"),
			false,
		);
	});

	it("exports and counts as a party sees the node", async () => {
		const fbi = await ententeJson<{ objects: number }>([
			"policy",
			"as",
			FBI,
			"--",
			"stats",
			"--purpose",
			"criminal-investigation",
			"--data",
			data,
		]);
		assert.equal(fbi.json.objects, 1);
		const uni = await ententeJson<{ objects: number }>(["policy", "as", UNI, "--", "stats", "--data", data]);
		assert.equal(uni.json.objects, 0);
		const exported = await entente(["export", "--as", UNI, "--data", data]);
		assert.equal(exported.code, 0, exported.stderr);
		assert.equal((JSON.parse(exported.stdout) as { objects: unknown[] }).objects.length, 0);
	});

	it("exports rules and intel files (--format) with only what the party receives (D56)", async () => {
		const args = (format: string, party: string) => [
			"export",
			"--format",
			format,
			"--as",
			party,
			"--data",
			data,
		];
		const fbi = await entente([...args("suricata", FBI), "--purpose", "criminal-investigation"]);
		assert.equal(fbi.code, 0, fbi.stderr);
		assert.match(
			fbi.stdout,
			/^alert ip any any <> 198\.51\.100\.7 any \(.*metadata:stix_id indicator--6f2a2b5e/m,
		);
		for (const format of ["suricata", "zeek", "csv", "edl", "snort"]) {
			const uni = await entente([...args(format, UNI), ...(format === "edl" ? ["--kind", "ipv4,ipv6"] : [])]);
			assert.equal(uni.code, 0, uni.stderr);
			assert.doesNotMatch(uni.stdout, /198\.51\.100\.7/, `${format} leaks to the university`);
			assert.match(uni.stdout, /# withheld by policy: 1 /, format);
		}
		const since = await entente([
			...args("zeek", FBI),
			"--purpose",
			"criminal-investigation",
			"--since",
			"2999-01-01T00:00:00Z",
		]);
		assert.equal(since.code, 0, since.stderr);
		assert.match(since.stdout, /^#fields\tindicator/m);
		assert.doesNotMatch(since.stdout, /198\.51\.100\.7/, "nothing changed after the since");
		const misp = await entente([...args("misp", FBI), "--purpose", "criminal-investigation"]);
		assert.equal(misp.code, 0, misp.stderr);
		const events = JSON.parse(misp.stdout) as { response: { Event: { Attribute?: { value: string }[] } }[] };
		assert.deepEqual(
			events.response.flatMap((event) => (event.Event.Attribute ?? []).map((attribute) => attribute.value)),
			["198.51.100.7"],
		);
		const mixed = await entente([...args("edl", FBI), "--kind", "ipv4,domain"]);
		assert.notEqual(mixed.code, 0);
		assert.match(mixed.stderr, /one type of value; got ipv4,domain: ask for kinds ipv4,ipv6/);
		// The operator's own export (no --as): the stored bodies, every indicator, nothing withheld.
		const own = await entente(["export", "--format", "zeek", "--data", data]);
		assert.equal(own.code, 0, own.stderr);
		assert.match(own.stdout, /^198\.51\.100\.7\tIntel::ADDR\tentente\t.*indicator--6f2a2b5e/m);
		assert.match(own.stdout, /# withheld by policy: 0 /);
		const ownMisp = await entente(["export", "--format", "misp", "--data", data]);
		assert.equal(ownMisp.code, 0, ownMisp.stderr);
		assert.match(ownMisp.stdout, /"value":"198\.51\.100\.7"/);
		const bad = await entente(["export", "--format", "pdf", "--data", data]);
		assert.notEqual(bad.code, 0);
		assert.match(bad.stderr, /expected one of stix, suricata, snort, zeek, csv, edl, misp/);
	});
});
