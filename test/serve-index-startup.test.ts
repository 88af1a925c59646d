// A node listens before its observable index is built (D60): /health answers at once and says "building", the
// index-backed routes answer 503 E_API_INDEX_UNAVAILABLE with Retry-After, and once built they answer as before.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { initNode, type OpenNode, openNode, type RunningServer, startServer } from "../src/main.ts";
import type { Store } from "../src/store/index.ts";
import { scratch } from "./support/cli.ts";

describe("serve while the observable index builds", () => {
	const dir = scratch("index-startup");
	let node: OpenNode;
	let server: RunningServer;
	let token = "";
	let release: () => void = () => {};

	before(async () => {
		token = (await initNode({ dataDir: dir.dir, nodeName: "here", organization: { name: "Home CERT" } }))
			.adminToken;
		node = await openNode({ dataDir: dir.dir, port: 0, logLevel: "silent" });
		// The rebuild's first read waits until the test lets it go: a store of a million objects, held still.
		const store = node.store as Store;
		const read = store.readLatestBodies.bind(store);
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		store.readLatestBodies = async (request, onPage) => {
			await held;
			return read(request, onPage);
		};
		server = await startServer(node);
	});

	after(async () => {
		release();
		await server?.close();
		await node?.close();
		dir.remove();
	});

	const ask = (path: string) =>
		fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

	it("answers /health at once, and index-backed routes 503 with Retry-After until the index is built", async () => {
		const health = (await (await ask("/health")).json()) as { status: string; index?: string };
		assert.deepEqual([health.status, health.index], ["ok", "building"]);
		for (const path of ["/api/v1/suggest?q=evil", "/api/v1/objects?q=evil", "/api/v1/values?value=1.2.3.4"]) {
			const response = await ask(path);
			const body = (await response.json()) as { error_code: string; description: string };
			assert.equal(response.status, 503, path);
			assert.equal(response.headers.get("retry-after"), "5", path);
			assert.equal(body.error_code, "E_API_INDEX_UNAVAILABLE", path);
			assert.match(body.description, /still being built/);
		}
		const listing = await ask("/api/v1/objects");
		await listing.body?.cancel();
		assert.equal(listing.status, 200, "routes that do not read the index answer meanwhile");

		release();
		await server.indexReady;
		const ready = (await (await ask("/health")).json()) as { index?: string };
		assert.equal(ready.index, "ready");
		const suggest = await ask("/api/v1/suggest?q=evil");
		await suggest.body?.cancel();
		assert.equal(suggest.status, 200);
	});
});
