// `entente warninglists load|list|remove` through the real binary: a folder of MISP lists in, the same again
// unchanged, a refused file's exit status and message, listing, and removing (built-in lists stay).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, initNode, scratch } from "./support/cli.ts";
import { sharedData } from "./support/shared-data.ts";

const { dir, remove } = scratch("cli-warninglists");
after(remove);
let data: string;
before(async () => {
	data = (await initNode(dir)).data;
});

type LoadJson = {
	results: { path: string; outcome: string; name?: string; entries?: number; error?: string }[];
};
type ListJson = { lists: { name: string; builtIn: boolean; entryCount: number; source: string }[] };

describe("entente warninglists", () => {
	it("loads every list of a folder, then finds the same content unchanged", async () => {
		const folder = sharedData("warninglists");
		const first = await ententeJson<LoadJson>(["warninglists", "load", folder, "--data", data]);
		assert.equal(first.json.results.length, 12);
		assert.ok(first.json.results.every((result) => result.outcome === "added"));
		const again = await ententeJson<LoadJson>(["warninglists", "load", folder, "--data", data]);
		assert.ok(again.json.results.every((result) => result.outcome === "unchanged"));
		const { json } = await ententeJson<ListJson>(["warninglists", "list", "--data", data]);
		assert.equal(json.lists.filter((list) => list.builtIn).length, 10);
		const loaded = json.lists.find((list) => list.name === "List of known IPv4 public DNS resolvers");
		assert.equal(loaded?.entryCount, 62_745);
		assert.match(loaded?.source ?? "", /public-dns-v4\.json$/);
	});

	it("exits 3 when a file is refused, naming the file, the entry and why", async () => {
		const bad = join(dir, "bad.json");
		writeFileSync(
			bad,
			JSON.stringify({ name: "Bad", version: 1, description: "d", type: "cidr", list: ["10.0.0.0/33"] }),
		);
		const result = await entente(["warninglists", "load", bad, "--data", data]);
		assert.equal(result.code, 3);
		assert.match(
			result.stderr,
			/refused +.*bad\.json .*list\[0\]: "10\.0\.0\.0\/33" is not an IP address or CIDR block .*\[E_WARNINGLIST_INVALID\]/,
		);
	});

	it("removes a loaded list by name, and refuses a built-in one or an unknown name", async () => {
		const removed = await entente(["warninglists", "remove", "List of RFC 1918 CIDR blocks", "--data", data]);
		assert.equal(removed.code, 0, removed.stderr);
		const again = await entente(["warninglists", "remove", "List of RFC 1918 CIDR blocks", "--data", data]);
		assert.match(again.stderr, /no loaded warninglist is named .* \[E_WARNINGLIST_NOT_FOUND\]/);
		assert.notEqual(again.code, 0);
		const builtIn = await entente(["warninglists", "remove", "Entente: multicast addresses", "--data", data]);
		assert.match(
			builtIn.stderr,
			/is a built-in warninglist: it cannot be replaced or removed .*\[E_WARNINGLIST_BUILT_IN\]/,
		);
		const { json } = await ententeJson<ListJson>(["warninglists", "list", "--data", data]);
		assert.ok(!json.lists.some((list) => list.name === "List of RFC 1918 CIDR blocks"));
	});
});
