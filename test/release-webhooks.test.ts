// Release webhooks (D59) through the REST API and the sender: each user's receiver gets, signed, every new version
// it receives as released to it at send time — never one it may not receive, nor one hidden between its commit and
// the send; failures back off and a dead receiver's subscription is disabled with the reason; a user of another
// organisation (or another user of the same one) can neither read nor remove a subscription.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { releasePayloads } from "../src/api/index.ts";
import { deliverReleasesOnce, verifyWebhookSignature } from "../src/intel/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import type { ModelWorld } from "./model/entitlement-model.ts";
import { NODE_NAME, PARTY_POOL, policyOf } from "./model/model-node.ts";
import { bilateralAgreement } from "./support/scenario-node.ts";
import { buildTestNode, type TestNode } from "./support/test-node.ts";

const [LOCAL, PARTNER] = PARTY_POOL as unknown as [string, string];
const world: ModelWorld = {
	parties: [
		{ id: LOCAL, local: true, suspended: false, sector: "cert", jurisdiction: "GB", inPolicy: true },
		{ id: PARTNER, local: false, suspended: false, sector: "private", jurisdiction: "GB", inPolicy: true },
	],
	communities: [],
	agreements: [bilateralAgreement("local-partner", LOCAL, PARTNER)],
	objects: [],
};
const policy = policyOf(world);

let serial = 0;
function indicator(tlp: "green" | "red"): StixObject {
	serial++;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--4e4e0000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		name: `pushed ${serial}`,
		pattern: `[ipv4-addr:value = '198.51.100.${serial}']`,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		object_marking_refs: [TLP2_DEFINITIONS[tlp].id],
		created_by_ref: LOCAL,
	};
}

/** A receiver recording each body with its delivery id and signature, answering `status`. */
class Receiver {
	readonly got: { id: string; body: string; signature: string }[] = [];
	status = 204;
	#server: Server | undefined;
	async start(): Promise<string> {
		this.#server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on("data", (chunk: Buffer) => chunks.push(chunk));
			request.on("end", () => {
				this.got.push({
					id: String(request.headers["x-entente-delivery"]),
					body: Buffer.concat(chunks).toString("utf8"),
					signature: String(request.headers["x-entente-signature"]),
				});
				response.writeHead(this.status).end();
			});
		});
		await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
		return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
	}
	objects(): string[] {
		return this.got.map((g) => (JSON.parse(g.body) as { object: StixObject }).object.id);
	}
	stop(): Promise<void> {
		return new Promise((resolve) =>
			this.#server === undefined ? resolve() : this.#server.close(() => resolve()),
		);
	}
}

let node: TestNode;
const receiver = new Receiver();
let receiverUrl: string;

before(async () => {
	node = await buildTestNode({
		nodeName: NODE_NAME,
		parties: policy,
		policy,
		users: {
			local: { organizationId: LOCAL, name: "local", role: "analyst" },
			partner: { organizationId: PARTNER, name: "partner", role: "reader" },
			other: { organizationId: PARTNER, name: "other", role: "reader" },
		},
	});
	receiverUrl = await receiver.start();
});
after(async () => {
	await receiver.stop();
	await node.close();
});

const call = async (who: string, method: "GET" | "POST", path: string, body?: unknown) => {
	const response = await node.request(`/api/v1${path}`, {
		as: node.user(who),
		method,
		...(body === undefined
			? {}
			: { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Creates a subscription over REST (a public URL), then points it at the loopback receiver (tests only). */
async function subscribe(who: string, filter?: unknown): Promise<{ id: string; secret: string }> {
	const created = await call(who, "POST", "/subscriptions", {
		url: "https://siem.example.org/entente",
		...(filter === undefined ? {} : { filter }),
	});
	assert.equal(created.status, 200, JSON.stringify(created.body));
	const id = (created.body.subscription as { id: string }).id;
	const stored = await node.store.getReleaseSubscription(id);
	assert.ok(stored !== undefined);
	await node.store.putReleaseSubscription({ ...stored, url: receiverUrl });
	return { id, secret: String(created.body.secret) };
}

const send = (maxAttempts = 5) =>
	deliverReleasesOnce({
		store: node.store,
		payloadsOf: releasePayloads(node.store, node.gate),
		allowPrivate: true,
		timeoutMs: 2000,
		retryBaseMs: 60_000,
		retryMaxMs: 600_000,
		maxAttempts,
		pageSize: 100,
	});
const ingest = async (objects: StixObject[]) => {
	const report = await node.ingest(objects, LOCAL);
	assert.equal(report.problems.length, 0);
};

describe("release webhooks", () => {
	it("posts each new release the owner receives, signed, as released when sent; never one it may not receive", async () => {
		const partner = await subscribe("partner");
		const green = indicator("green");
		const red = indicator("red");
		await ingest([green, red]);
		await send();
		assert.deepEqual(receiver.objects(), [green.id], "the TLP:RED indicator is never posted to the partner");
		const [first] = receiver.got;
		assert.ok(first !== undefined);
		assert.ok(verifyWebhookSignature(partner.secret, first.signature, first.body, new Date()));
		assert.equal(first.id, (JSON.parse(first.body) as { id: string }).id, "the delivery id is the body's");
		assert.match(first.id, new RegExp(`^${partner.id}/`));

		// Hidden between its commit and the send: not posted.
		const hiddenLater = indicator("green");
		await ingest([hiddenLater]);
		await node.applyPolicy({ ...policy, agreements: [] });
		await send();
		await node.applyPolicy(policy);
		const after = indicator("green");
		await ingest([after]);
		await send();
		assert.deepEqual(receiver.objects(), [green.id, after.id]);
		const view = await call("partner", "GET", `/subscriptions/${partner.id}`);
		assert.equal(view.body.attempts, 0);
		assert.equal(typeof view.body.lastDeliveredAt, "string");
		await call("partner", "POST", `/subscriptions/${partner.id}/remove`, {});
	});

	it("backs off after a failure, resends from where it stopped, and disables a dead receiver with the reason", async () => {
		receiver.got.length = 0;
		const sub = await subscribe("local", { types: ["indicator"] });
		receiver.status = 503;
		const one = indicator("red");
		await ingest([one]);
		await send(2);
		let state = await node.store.getReleaseSubscription(sub.id);
		assert.equal(state?.attempts, 1);
		assert.match(state?.lastError ?? "", /503/);
		assert.ok((state?.nextAttemptAt ?? "") > new Date().toISOString(), "the retry waits");
		assert.equal(await send(2), 0, "not due before the backoff");
		assert.ok(state !== undefined);
		await node.store.putReleaseSubscription({ ...state, nextAttemptAt: new Date().toISOString() });
		await send(2);
		state = await node.store.getReleaseSubscription(sub.id);
		assert.equal(typeof state?.disabledAt, "string");
		assert.match(state?.disabledReason ?? "", /failed 2 times in a row .*503/);
		const view = await call("local", "GET", `/subscriptions/${sub.id}`);
		assert.match(String(view.body.disabledReason), /failed 2 times/);
		receiver.status = 204;
		await ingest([indicator("green")]);
		await send();
		assert.deepEqual(
			receiver.objects(),
			[one.id, one.id],
			"disabled: nothing more is sent (the two failed attempts were the same delivery)",
		);
		assert.equal(new Set(receiver.got.map((g) => g.id)).size, 1, "a retry carries the same delivery id");
	});

	it("a user of another organisation, or another user, can neither read nor remove a subscription", async () => {
		const partner = await subscribe("partner");
		for (const who of ["local", "other"]) {
			const read = await call(who, "GET", `/subscriptions/${partner.id}`);
			assert.equal(read.status, 404);
			assert.equal(read.body.error_code, "E_SUBSCRIPTION_NOT_FOUND");
			const removed = await call(who, "POST", `/subscriptions/${partner.id}/remove`, {});
			assert.equal(removed.status, 404);
			const listed = await call(who, "GET", "/subscriptions");
			assert.ok(!JSON.stringify(listed.body).includes(partner.id));
		}
		assert.notEqual(await node.store.getReleaseSubscription(partner.id), undefined, "still there");
		const mine = await call("partner", "GET", "/subscriptions");
		assert.ok(JSON.stringify(mine.body).includes(partner.id));
		assert.ok(!JSON.stringify(mine.body).includes("whsec_"), "never the secret again");
	});

	it("refuses a URL inside the node's network and a collection the user may not read", async () => {
		const internal = await call("partner", "POST", "/subscriptions", { url: "https://169.254.169.254/" });
		assert.equal(internal.status, 400);
		assert.equal(internal.body.error_code, "E_WEBHOOK_URL_INVALID");
		const collection = await call("partner", "POST", "/subscriptions", {
			url: "https://siem.example.org/x",
			filter: { collection: "not-a-collection" },
		});
		assert.equal(collection.status, 404);
	});
});
