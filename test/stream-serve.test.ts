// The stream and release webhooks in a serving node (D59), over real HTTP: a publish through the node reaches an
// open stream and a release webhook at once (the commit listener), a write by another process (straight into the
// store) within the poll; closing the server ends the stream with its resume id instead of waiting for it.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ingest } from "../src/ingest/index.ts";
import { initNode, type OpenNode, openNode, type RunningServer, startServer } from "../src/main.ts";
import type { StixObject } from "../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { scratch } from "./support/cli.ts";
import { SseReader } from "./support/sse-reader.ts";

let serial = 0;
const indicator = (): StixObject => {
	serial++;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--3d3d0000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		name: `served ${serial}`,
		pattern: `[domain-name:value = 'c2-${serial}.example.org']`,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		object_marking_refs: [TLP2_DEFINITIONS.green.id],
	};
};

describe("the stream and release webhooks of a serving node", () => {
	const dir = scratch("stream-serve");
	let node: OpenNode;
	let server: RunningServer | undefined;
	let token = "";
	let organizationId = "";
	const posted: string[] = [];
	let receiver: Server;
	let receiverUrl = "";

	before(async () => {
		const init = await initNode({ dataDir: dir.dir, nodeName: "here", organization: { name: "Home CERT" } });
		token = init.adminToken;
		organizationId = init.organizationId;
		const file = join(dir.dir, "entente.json");
		const settings = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
		settings.webhooks = { allowPrivateAddresses: true, pollMs: 50, retryBaseMs: 100, retryMaxMs: 1000 };
		writeFileSync(file, JSON.stringify(settings, null, 2));
		receiver = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on("data", (chunk: Buffer) => chunks.push(chunk));
			request.on("end", () => {
				posted.push((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { object: StixObject }).object.id);
				response.writeHead(204).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		node = await openNode({ dataDir: dir.dir, port: 0, logLevel: "silent" });
		server = await startServer(node);
	});
	after(async () => {
		await server?.close();
		await node?.close();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
		dir.remove();
	});

	const api = (path: string, init: RequestInit = {}) =>
		fetch(`${server?.url}/api/v1${path}`, {
			...init,
			headers: { Authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
		});

	it("pushes a publish at once, another process's write within the poll, and ends cleanly when the server closes", async () => {
		const subscribed = await api("/subscriptions", {
			method: "POST",
			body: JSON.stringify({ url: receiverUrl }),
		});
		assert.equal(subscribed.status, 200, await subscribed.clone().text());
		const response = await api("/stream");
		assert.equal(response.status, 200);
		const stream = new SseReader(response);
		assert.equal((await stream.next())?.comment, "heartbeat");

		const published = indicator();
		const started = Date.now();
		const answer = await api("/objects", { method: "POST", body: JSON.stringify({ objects: [published] }) });
		assert.equal(answer.status, 200, await answer.text());
		const first = await stream.nextOf("release", 3000);
		assert.equal((JSON.parse(first?.data ?? "{}") as StixObject).id, published.id);
		assert.ok(Date.now() - started < 1000, "in-process commits wake the stream at once");

		const elsewhere = indicator();
		const report = await ingest(node.store, [{ index: 0, object: elsewhere }], {
			provenance: { organizationId, source: "another process" },
		});
		assert.equal(report.counts.rejected, 0);
		const second = await stream.nextOf("release", 3000);
		assert.equal((JSON.parse(second?.data ?? "{}") as StixObject).id, elsewhere.id);

		for (let wait = 0; wait < 60 && posted.length < 2; wait++) await new Promise((r) => setTimeout(r, 50));
		assert.deepEqual(posted, [published.id, elsewhere.id], "the release webhook got both, in commit order");

		const closing = Date.now();
		await server?.close();
		server = undefined;
		assert.ok(Date.now() - closing < 5000, "the server's close waited for no stream");
		const end = await stream.nextOf("end", 3000);
		const reason = JSON.parse(end?.data ?? "{}") as { reason: string; resume: string };
		assert.equal(reason.reason, "node-closing");
		assert.equal(reason.resume, second?.id);
	});
});
