// `entente import` of MISP JSON through the real binary: a MISP feed folder, a REST response on stdin, and a
// broken event among good ones (refused whole, the rest stored).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CLI, entente, ententeJson, type ImportJson, initNode, scratch } from "./support/cli.ts";
import { sharedData } from "./support/shared-data.ts";

interface MispImportJson {
	reports: (ImportJson["reports"][number] & {
		misp?: { events: number; attributes: number; refused: number; notes: unknown[]; manifests: number };
	})[];
	totals: ImportJson["totals"];
}

const { dir, remove } = scratch("cli-misp-import");
after(remove);

function importStdin(
	data: string,
	input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, "import", "-", "--data", data, "--json"], {
			stdio: ["pipe", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.setEncoding("utf8").on("data", (text: string) => {
			stdout += text;
		});
		child.stderr.setEncoding("utf8").on("data", (text: string) => {
			stderr += text;
		});
		child.once("error", reject);
		child.once("close", (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(input);
	});
}

describe("entente import of MISP events", () => {
	let data: string;
	before(async () => {
		data = (await initNode(dir)).data;
	});

	it("a MISP feed folder: 13 events converted and stored, none rejected, the manifest skipped", async () => {
		const { json } = await ententeJson<MispImportJson>([
			"import",
			sharedData("misp", "feed-cert-fr"),
			"--data",
			data,
		]);
		assert.equal(json.totals.rejected, 0);
		assert.equal(json.totals.quarantined, 0);
		assert.ok(json.totals.stored > 7_000, `stored ${json.totals.stored}`);
		const misp = json.reports.flatMap((entry) => (entry.misp === undefined ? [] : [entry.misp]));
		assert.equal(
			misp.reduce((sum, tally) => sum + tally.events, 0),
			13,
		);
		assert.equal(
			misp.reduce((sum, tally) => sum + tally.manifests, 0),
			1,
		);
		const again = await ententeJson<MispImportJson>([
			"import",
			sharedData("misp", "feed-cert-fr"),
			"--data",
			data,
		]);
		assert.equal(again.json.totals.stored, 0, "ids are MISP's: a second import is all duplicates");
	});

	it("MISP's REST response on stdin; a broken event is refused whole and the others are stored (exit 3)", async () => {
		const good = (uuid: string, value: string) => ({
			Event: {
				uuid,
				info: "stdin",
				timestamp: "1700000000",
				Orgc: { name: "CIRCL", uuid: "55f6ea5e-2c60-40e5-964f-47a8950d210f" },
				Attribute: [{ uuid: uuid.replace(/^./, "a"), type: "domain", value, to_ids: true }],
			},
		});
		const broken = {
			Event: {
				...good("3b9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", "broken.example").Event,
				Attribute: [
					{ uuid: "4b9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", type: "domain", value: "kept-out.example" },
					{ uuid: "5b9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", type: "domain" },
				],
			},
		};
		const response = {
			response: [
				good("1b9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", "one.example"),
				broken,
				good("2b9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", "two.example"),
			],
		};
		const result = await importStdin(data, JSON.stringify(response));
		assert.equal(result.code, 3, result.stderr);
		const json = JSON.parse(result.stdout) as MispImportJson;
		const report = json.reports[0];
		assert.equal(report?.misp?.events, 2);
		assert.equal(report?.misp?.refused, 1);
		assert.equal(json.totals.rejected, 1);
		assert.match(
			report?.report.problems[0]?.reason ?? "",
			/^MISP event \[1\] 3b9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80: Event\.Attribute\[1\]\.value: nothing where MISP writes a string/,
		);
		const exported = await entente(["export", "--data", data]);
		const objects = (JSON.parse(exported.stdout) as { objects: { id: string }[] }).objects;
		assert.ok(objects.some((object) => object.id === "indicator--ab9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80"));
		assert.ok(
			!objects.some((object) => object.id.includes("4b9f3f35")),
			"nothing of the refused event is stored",
		);
		assert.ok(!objects.some((object) => object.id.includes("3b9f3f35")), "not even its grouping");
	});

	it("an event too large to read is refused before parsing, with the limit named, and nothing stored", async () => {
		const attributes = Array.from({ length: 150_000 }, (_, index) => ({
			uuid: `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`,
			type: "ip-dst",
			value: `10.${(index >>> 16) & 255}.${(index >>> 8) & 255}.${index & 255}`,
			to_ids: true,
			comment: "part of a very large event",
		}));
		const file = join(dir, "huge-event.json");
		writeFileSync(
			file,
			JSON.stringify({
				Event: { uuid: "0e9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", info: "huge", Attribute: attributes },
			}),
		);
		const { json } = await ententeJson<MispImportJson>(["import", file, "--data", data], 3);
		assert.equal(json.totals.stored, 0);
		assert.match(
			json.reports[0]?.report.inputErrors[0] ?? "",
			/\$\.Event is larger than the limit of 16777216 bytes/,
		);
	});
});
