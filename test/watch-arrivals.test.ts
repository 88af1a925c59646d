// Watch-lists on real nodes (D51): intelligence naming an organisation's values raises its alert — listed by the
// REST API and posted, signed, to its webhook — whichever way it arrives: REST publish, TAXII Add Objects, a
// federation push from a peer, or `entente import` by another process on the same data directory.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from "../src/intel/index.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("watch-arrivals");
const a = new TestNode(dir, "watch-a");
const b = new TestNode(dir, "watch-b");

/** The loopback receiver of a's webhook: every POST with its delivery id, body and signature header. */
const received: { id: string; body: string; signature: string }[] = [];
let receiver: Server;

function allowLoopbackWebhooks(node: TestNode): void {
	const file = join(node.data, "entente.json");
	const settings = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
	settings.webhooks = { allowPrivateAddresses: true, pollMs: 50, retryBaseMs: 100, retryMaxMs: 1000 };
	writeFileSync(file, JSON.stringify(settings, null, 2));
}

const api = (node: TestNode, path: string, init: RequestInit = {}): Promise<Response> =>
	fetch(`${node.url}/api/v1${path}`, {
		...init,
		headers: { authorization: `Bearer ${node.token}`, "content-type": "application/json", ...init.headers },
	});

const withPattern = (n: number, pattern: string): Record<string, unknown> => ({ ...indicator(n), pattern });

before(async () => {
	receiver = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => {
			received.push({
				id: String(request.headers[DELIVERY_HEADER.toLowerCase()]),
				body: Buffer.concat(chunks).toString("utf8"),
				signature: String(request.headers[SIGNATURE_HEADER.toLowerCase()]),
			});
			response.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
	await Promise.all([a.init(), b.init()]);
	allowLoopbackWebhooks(a);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "watch-a-watch-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
	remove();
});

describe("watch-list alerts on every ingest path", () => {
	it("REST publish, TAXII add, federation push and CLI import each raise the alert, listed and posted signed", async () => {
		const entries = [
			{ value: "198.51.100.0/24" },
			{ kind: "domain", value: "watched.example" },
			{ value: "AS64496" },
			{ value: "192.0.2.77" },
		];
		for (const entry of entries) {
			const added = await api(a, "/watchlist", { method: "POST", body: JSON.stringify(entry) });
			assert.equal(added.status, 200, await added.clone().text());
		}
		const port = (receiver.address() as AddressInfo).port;
		const hook = await api(a, "/webhook", {
			method: "POST",
			body: JSON.stringify({ url: `http://127.0.0.1:${port}/alerts` }),
		});
		assert.equal(hook.status, 200, await hook.clone().text());
		const { secret } = (await hook.json()) as { secret: string };

		const viaRest = withPattern(101, "[ipv4-addr:value = '198.51.100.7']");
		const published = await api(a, "/objects", {
			method: "POST",
			body: JSON.stringify({ objects: [viaRest] }),
		});
		assert.equal(published.status, 200, await published.clone().text());

		const viaTaxii = withPattern(102, "[domain-name:value = 'mail.watched.example']");
		await a.publish([viaTaxii]);

		// b's analysts publish a range covering a's watched host; b's federation pushes it to a.
		const viaPeer = withPattern(103, "[ipv4-addr:value = '192.0.2.0/24']");
		await b.publish([viaPeer]);

		const viaImport = {
			type: "autonomous-system",
			spec_version: "2.1",
			id: "autonomous-system--f720c34b-98ae-597f-ade5-27dc241e8c74",
			number: 64496,
			object_marking_refs: [indicator(0).object_marking_refs as string[]].flat(),
		};
		const file = join(dir, "import.json");
		writeFileSync(
			file,
			JSON.stringify({
				type: "bundle",
				id: "bundle--0a4f1e2c-0000-4000-8000-000000000001",
				objects: [viaImport],
			}),
		);
		await a.entente("import", file);

		const expected = new Map([
			[viaRest.id, "198.51.100.7"],
			[viaTaxii.id, "mail.watched.example"],
			[viaPeer.id, "192.0.2.0/24"],
			[viaImport.id, "64496"],
		]);
		type Alert = { id: string; value: string; object: { id: string } };
		let listed: Alert[] = [];
		await eventually("an alert for each path", async () => {
			listed = ((await (await api(a, "/alerts")).json()) as { alerts: Alert[] }).alerts;
			return [...expected.keys()].every((id) => listed.some((alert) => alert.object.id === id));
		}).catch((error: unknown) => {
			throw new Error(`${String(error)}; listed ${JSON.stringify(listed)}; logs: ${a.logs.slice(-3000)}`);
		});
		for (const [id, value] of expected) {
			assert.deepEqual(
				listed.filter((alert) => alert.object.id === id).map((alert) => alert.value),
				[value],
				`${id}: one alert, naming ${value}`,
			);
		}
		await eventually("a signed webhook delivery for each alert", async () =>
			listed.every((alert) => received.some((r) => r.id === alert.id)),
		);
		for (const delivery of received) {
			assert.ok(verifyWebhookSignature(secret, delivery.signature, delivery.body, new Date()), "signed");
			const body = JSON.parse(delivery.body) as { id: string; object: { id: string } };
			assert.equal(body.id, delivery.id);
			assert.ok(expected.has(body.object.id), "the object as released, under its id");
		}
	});
});
