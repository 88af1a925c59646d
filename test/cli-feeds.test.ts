// `entente feeds add|list|pull|status|remove` through the real binary, against a loopback feed server: a CSV feed
// added with its columns, pulled, pulled again (304, nothing written), its status, a refused URL, and removal.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { FeedRecord, FeedStatus } from "../src/store/index.ts";
import { entente, ententeJson, initNode, scratch } from "./support/cli.ts";
import { type FeedServer, startFeedServer } from "./support/feed-server.ts";
import { sharedData } from "./support/shared-data.ts";

const { dir, remove } = scratch("cli-feeds");
let data: string;
let server: FeedServer;
before(async () => {
	data = (await initNode(dir)).data;
	server = await startFeedServer();
	server.files.set("/seaborgium.csv", {
		body: readFileSync(sharedData("feeds/azure-sentinel/SEABORGIUMIOC.csv"), "utf8"),
		etag: '"s1"',
	});
});
after(async () => {
	await server.close();
	remove();
});

describe("entente feeds", () => {
	let id = "";

	it("adds a CSV feed with its column mapping and marking, and lists it", async () => {
		const { json } = await ententeJson<FeedRecord>([
			"feeds",
			"add",
			"SEABORGIUM",
			`${server.url}/seaborgium.csv`,
			"--format",
			"csv",
			"--value-column",
			"IoC",
			"--first-seen-column",
			"DateAdded",
			"--marking",
			"tlp:clear",
			"--data",
			data,
		]);
		id = json.id;
		assert.deepEqual(json.csv, { value: "IoC", firstSeen: "DateAdded" });
		assert.deepEqual(json.markingRefs, ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]);
		const list = await ententeJson<{ feeds: FeedRecord[] }>(["feeds", "list", "--data", data]);
		assert.deepEqual(
			list.json.feeds.map((feed) => feed.name),
			["SEABORGIUM"],
		);
	});

	it("pulls it by name, then again with nothing written, and shows the status", async () => {
		const first = await ententeJson<FeedStatus>(["feeds", "pull", "SEABORGIUM", "--data", data]);
		assert.equal(first.json.outcome, "updated");
		assert.equal(first.json.added, 69);
		const again = await ententeJson<FeedStatus>(["feeds", "pull", id, "--data", data]);
		assert.equal(again.json.outcome, "unchanged");
		assert.equal(server.requests.at(-1)?.ifNoneMatch, '"s1"');
		const status = await entente(["feeds", "status", "SEABORGIUM", "--data", data]);
		assert.equal(status.code, 0);
		assert.match(status.stdout, /last pull +\S+ +unchanged/);
	});

	it("exits 3 on a failed pull with the reason, and refuses a non-http URL", async () => {
		server.files.set("/seaborgium.csv", {
			body: "<html><body>moved</body></html>",
			contentType: "text/html",
		});
		const failed = await entente(["feeds", "pull", id, "--force", "--data", data]);
		assert.equal(failed.code, 3);
		assert.match(failed.stdout, /error +.*answered an HTML page.*\[E_FEED_FETCH\]/);
		const refused = await entente([
			"feeds",
			"add",
			"x",
			"file:///etc/passwd",
			"--format",
			"text",
			"--data",
			data,
		]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /a feed is read over http or https, not 'file'.*\[E_FEED_URL\]/);
	});

	it("removes it, keeping what it stored", async () => {
		const removed = await entente(["feeds", "remove", "SEABORGIUM", "--data", data]);
		assert.match(removed.stdout, /removed feed .*the objects it stored stay/);
		const list = await ententeJson<{ feeds: FeedRecord[] }>(["feeds", "list", "--data", data]);
		assert.deepEqual(list.json.feeds, []);
	});
});
