// `entente samples load` through the real binary: the sample set stored as the node's organisation, then found
// already loaded; an organisation that is not the node's own is refused with what to do.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, initNode, scratch } from "./support/cli.ts";

const { dir, remove } = scratch("cli-samples");
after(remove);
let data: string;
before(async () => {
	data = (await initNode(dir)).data;
});

type Loaded = { alreadyLoaded: boolean; counts: { stored: number; duplicate: number }; objects: number };

describe("entente samples load", () => {
	it("stores the sample set once; a second load stores nothing and says so", async () => {
		const first = await ententeJson<Loaded>(["samples", "load", "--data", data]);
		assert.equal(first.json.alreadyLoaded, false);
		assert.ok(first.json.objects >= 30);
		assert.equal(first.json.counts.stored, first.json.objects);
		const again = await entente(["samples", "load", "--data", data]);
		assert.equal(again.code, 0);
		assert.match(again.stdout, /already loaded/);
	});

	it("refuses an organisation that is not the node's own, naming the fix", async () => {
		const refused = await entente([
			"samples",
			"load",
			"--data",
			data,
			"--org",
			"identity--00000000-0000-4000-8000-000000000000",
		]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /not one of the node's own organisations.*leave --org out/);
	});
});
