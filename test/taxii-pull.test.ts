// `entente pull` between two real nodes: every object and version of node A's collection arrives in node B.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ententeOk } from "./support/cli.ts";
import { type ServeProcess, startServe } from "./support/node-process.ts";

const TAXII = "application/taxii+json;version=2.1";
const TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
type Obj = Record<string, unknown>;

/** Runs `entente …` to completion; rejects with its output when it exits non-zero. */
const entente = (...args: string[]): Promise<string> => ententeOk(args);

interface Serving {
	url: string;
	token: string;
	process: ServeProcess;
}

/** Starts `entente serve --init --port 0`: its URL and the admin token it printed on first start. */
async function serve(dataDir: string): Promise<Serving> {
	const node = await startServe({ data: dataDir, init: true });
	const token = node.adminToken;
	if (token === undefined) throw new Error(`serve --init printed no admin token: ${node.stdout}`);
	return { url: node.url, token, process: node };
}

/** A fixed-id UUIDv4 for the n-th object, so versions share ids across the bundle. */
function uuid(n: number): string {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

function indicator(n: number, modified: string, name = `C2 ${n}`): Obj {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${uuid(n)}`,
		created: "2024-01-01T00:00:00.000Z",
		modified,
		name,
		pattern: `[ipv4-addr:value = '198.51.100.${n}']`,
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00Z",
		object_marking_refs: [TLP_GREEN],
	};
}

/** 40 indicators, 12 of them in 3 versions (one revoked), a malware in 2 versions, a relationship and an SCO. */
function bundle(): { type: string; id: string; objects: Obj[] } {
	const objects: Obj[] = [];
	for (let n = 1; n <= 40; n++) objects.push(indicator(n, "2024-01-01T00:00:00.000Z"));
	for (let n = 1; n <= 12; n++) {
		objects.push(indicator(n, "2024-02-01T00:00:00.000Z", `C2 ${n} (confirmed)`));
		objects.push({
			...indicator(n, "2024-03-01T00:00:00.123456Z", `C2 ${n} (retired)`),
			...(n === 1 ? { revoked: true } : {}),
		});
	}
	const malware = {
		type: "malware",
		spec_version: "2.1",
		id: `malware--${uuid(1000)}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		name: "evil",
		is_family: false,
	};
	objects.push(malware, { ...malware, modified: "2024-01-05T00:00:00.000Z", is_family: true });
	objects.push({
		type: "relationship",
		spec_version: "2.1",
		id: `relationship--${uuid(2000)}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		relationship_type: "indicates",
		source_ref: `indicator--${uuid(2)}`,
		target_ref: malware.id,
	});
	objects.push({
		type: "ipv4-addr",
		spec_version: "2.1",
		id: "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
		value: "198.51.100.3",
	});
	return { type: "bundle", id: `bundle--${uuid(9999)}`, objects };
}

const BUNDLE = bundle();
const TOTAL = BUNDLE.objects.length;

/** `entente export --all-versions` of a node, as a map from "id|modified" to the object. */
async function exported(dataDir: string, file: string): Promise<Map<string, Obj>> {
	await entente("export", "--all-versions", "--data", dataDir, "--out", file);
	const { objects } = JSON.parse(readFileSync(file, "utf8")) as { objects: Obj[] };
	const byVersion = new Map<string, Obj>();
	for (const object of objects) {
		const key = `${String(object.id)}|${String(object.modified ?? object.created ?? "")}`;
		assert.equal(byVersion.has(key), false, `${key} exported twice`);
		byVersion.set(key, object);
	}
	return byVersion;
}

describe("entente pull from one node into another", () => {
	const dir = mkdtempSync(join(tmpdir(), "entente-pull-"));
	const dataA = join(dir, "a");
	const dataB = join(dir, "b");
	let nodeA: Serving | undefined;
	let nodeB: Serving | undefined;
	let collectionId = "";

	before(async () => {
		[nodeA, nodeB] = await Promise.all([serve(dataA), serve(dataB)]);
		const file = join(dir, "bundle.json");
		writeFileSync(file, JSON.stringify(BUNDLE));
		await entente("import", file, "--data", dataA);
		const collections = JSON.parse(await entente("collections", "list", "--data", dataA, "--json")) as Obj[];
		collectionId = String(collections.find((c) => c.alias === "all")?.id);
	});

	after(() => {
		for (const node of [nodeA, nodeB]) {
			if (node?.process.running === true) node.process.child.kill("SIGTERM");
		}
		rmSync(dir, { recursive: true, force: true });
	});

	const pull = async (...extra: string[]): Promise<Obj> =>
		JSON.parse(
			await entente(
				"pull",
				`${nodeA?.url}/taxii2/api/`,
				"--collection",
				collectionId,
				"--token",
				nodeA?.token ?? "",
				"--data",
				dataB,
				"--allow-http",
				"--page-size",
				"7",
				"--json",
				...extra,
			),
		) as Obj;

	it("reproduces every object and version of A in B, content and all, over several pages", async () => {
		const result = await pull();
		const counts = result.counts as Record<string, number>;
		assert.equal(counts.stored, TOTAL);
		assert.equal(counts.rejected, 0);
		assert.ok(Number(result.pages) > TOTAL / 7, `paged (${result.pages} pages)`);
		const a = await exported(dataA, join(dir, "a.json"));
		const b = await exported(dataB, join(dir, "b.json"));
		assert.equal(a.size, TOTAL);
		assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
		for (const [key, object] of a) assert.deepEqual(b.get(key), object, key);
	});

	it("stores nothing new on a second pull, incremental or from the start", async () => {
		const again = await pull();
		assert.equal((again.counts as Record<string, number>).stored, 0);
		const whole = await pull("--from-start");
		const counts = whole.counts as Record<string, number>;
		assert.equal(counts.stored, 0);
		assert.equal(counts.duplicate, TOTAL);
		assert.equal(counts.quarantined, 0);
	});

	it("B, still serving, hands out what it pulled (§5.3 manifest over every version)", async () => {
		let records = 0;
		let url: string | undefined = `${nodeB?.url}/taxii2/api/collections/all/manifest/?match[version]=all`;
		while (url !== undefined) {
			const response: Response = await fetch(url, {
				headers: { Accept: TAXII, Authorization: `Bearer ${nodeB?.token}` },
			});
			assert.equal(response.status, 200);
			const page = (await response.json()) as { objects?: Obj[]; more?: boolean; next?: string };
			records += page.objects?.length ?? 0;
			url =
				page.more === true
					? `${nodeB?.url}/taxii2/api/collections/all/manifest/?match[version]=all&next=${encodeURIComponent(String(page.next))}`
					: undefined;
		}
		assert.equal(records, TOTAL);
	});
});
