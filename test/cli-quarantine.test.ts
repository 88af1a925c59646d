// `entente quarantine` through the real binary (D65): a second import of an id and version with other content and an
// invalid object are listed, shown side by side, accepted and rejected, each decision recorded as the CLI's account.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { QuarantinePage } from "../src/store/index.ts";
import { entente, ententeJson, ententeOk, initNode, scratch } from "./support/cli.ts";

const { dir, remove } = scratch("cli-quarantine");
after(remove);

const T = "2025-03-01T00:00:00.000Z";
const indicator = (name: string) => ({
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--9a000000-0000-4000-8000-000000000001",
	created: T,
	modified: T,
	name,
	pattern: "[domain-name:value = 'bad.example']",
	pattern_type: "stix",
	valid_from: T,
});
const bundle = (objects: unknown[]) =>
	JSON.stringify({ type: "bundle", id: "bundle--9a000000-0000-4000-8000-0000000000ff", objects });

describe("entente quarantine", () => {
	let data: string;
	before(async () => {
		data = (await initNode(dir, "node")).data;
		const first = join(dir, "first.json");
		const second = join(dir, "second.json");
		writeFileSync(first, bundle([indicator("bad domain")]));
		writeFileSync(
			second,
			bundle([
				indicator("bad domain, renamed"),
				{ ...indicator("broken"), id: "indicator--9a000000-0000-4000-8000-000000000002", pattern: "[" },
			]),
		);
		await ententeOk(["import", first, "--data", data]);
		await entente(["import", second, "--data", data]);
	});

	it("lists the conflict and the invalid object, filters by kind, and shows both versions", async () => {
		const page = (await ententeJson<QuarantinePage>(["quarantine", "list", "--data", data, "--json"])).json;
		assert.deepEqual(page.items.map((item) => [item.kind, item.state]).sort(), [
			["conflict", "held"],
			["invalid", "held"],
		]);
		const table = await ententeOk(["quarantine", "list", "--kind", "conflict", "--data", data]);
		assert.match(table, /conflict\s+held/);
		assert.doesNotMatch(table, /invalid/);
		const conflict = page.items.find((item) => item.kind === "conflict");
		const shown = await ententeOk(["quarantine", "show", String(conflict?.seq), "--data", data]);
		assert.match(shown, /differs in: name/);
		assert.match(shown, /── held ──[\s\S]*bad domain, renamed[\s\S]*── stored[\s\S]*"bad domain"/);
		const bad = await entente(["quarantine", "list", "--kind", "nonsense", "--data", data]);
		assert.notEqual(bad.code, 0);
		assert.match(bad.stderr, /--kind nonsense: use conflict/);
	});

	it("accepts the owner's conflict (replacing the version), refuses to accept the invalid one, rejects it", async () => {
		const page = (await ententeJson<QuarantinePage>(["quarantine", "list", "--data", data, "--json"])).json;
		const conflict = page.items.find((item) => item.kind === "conflict");
		const invalid = page.items.find((item) => item.kind === "invalid");
		const accepted = await ententeOk([
			"quarantine",
			"accept",
			String(conflict?.seq),
			"--note",
			"renamed",
			"--data",
			data,
		]);
		assert.match(accepted, /accepted \(stored indicator--9a000000/);
		const refused = await entente(["quarantine", "accept", String(invalid?.seq), "--data", data]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /cannot be accepted/);
		await ententeOk(["quarantine", "reject", String(invalid?.seq), "--note", "junk", "--data", data]);
		const after = await ententeJson<QuarantinePage>([
			"quarantine",
			"list",
			"--state",
			"held",
			"--data",
			data,
			"--json",
		]);
		assert.deepEqual(after.json.items, []);
		const shown = await ententeOk(["quarantine", "show", String(conflict?.seq), "--data", data]);
		assert.match(shown, /cli:\S+: accept — renamed/);
		const exported = await ententeOk(["export", "--data", data]);
		assert.match(exported, /bad domain, renamed/);
	});
});
