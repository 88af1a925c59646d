// Webhook delivery is at least once with stable ids: a receiver down, then failing, then up gets every alert; a
// sender that dies holding a lease loses nothing; each body is signed and names its alert.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { openSqliteStore, type Store, type WatchAlert } from "../../store/index.ts";
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from "../webhook/signature.ts";
import { deliverWebhooksOnce } from "./webhook-delivery.ts";

const ORG = "identity--00000000-0000-4000-8000-0000000000a1";
const SECRET = "whsec_delivery_test";

const alert = (n: number): WatchAlert => ({
	id: `alert--00000000-0000-4000-8000-00000000000${n}`,
	organizationId: ORG,
	objectId: `indicator--00000000-0000-4000-8000-00000000000${n}`,
	objectVersion: "2026-01-01T00:00:00.000Z",
	entryId: "watch--1",
	entryKind: "ipv4",
	entryValue: "198.51.100.0/24",
	kind: "ipv4",
	value: `198.51.100.${n}`,
	path: "pattern",
	at: "2026-12-07T12:00:00.000Z",
});

/** A receiver that records what it gets, answering `status()` each time. */
class Receiver {
	readonly got: { id: string; body: string; verified: boolean }[] = [];
	status = 204;
	server: Server | undefined;
	/** The receiver's clock: the sender's (the test moves it), so the signature's timestamp is judged fresh. */
	now: () => Date = () => new Date();

	async start(port = 0): Promise<number> {
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on("data", (chunk: Buffer) => chunks.push(chunk));
			request.on("end", () => {
				const body = Buffer.concat(chunks).toString("utf8");
				const signature = String(request.headers[SIGNATURE_HEADER.toLowerCase()] ?? "");
				this.got.push({
					id: String(request.headers[DELIVERY_HEADER.toLowerCase()]),
					body,
					verified: verifyWebhookSignature(SECRET, signature, body, this.now()),
				});
				response.writeHead(this.status).end();
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", resolve));
		return (this.server.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server === undefined ? resolve() : this.server.close(() => resolve()),
		);
		this.server = undefined;
	}
}

describe("webhook delivery", () => {
	let store: Store;
	const receiver = new Receiver();
	let clock = new Date("2026-12-07T12:00:01.000Z");
	const later = (ms: number) => {
		clock = new Date(clock.getTime() + ms);
	};
	const options = () => ({
		store,
		payloadOf: async (a: { id: string; value: string }) => ({
			type: "entente.watch-alert",
			id: a.id,
			value: a.value,
		}),
		allowPrivate: true,
		timeoutMs: 2000,
		retryBaseMs: 1000,
		retryMaxMs: 60_000,
		leaseMs: 30_000,
		now: () => clock,
	});

	before(async () => {
		receiver.now = () => clock;
		store = await openSqliteStore({ path: ":memory:" });
		const port = await receiver.start();
		await receiver.stop(); // down: the port refuses connections
		await store.putWebhook({
			organizationId: ORG,
			url: `http://127.0.0.1:${port}/hook`,
			secret: SECRET,
			createdAt: clock.toISOString(),
			createdBy: "test",
		});
		(receiver as { port?: number }).port = port;
	});
	after(async () => {
		await receiver.stop();
		await store.close();
	});

	it("a receiver down, then answering 503, then up gets every alert, each signed, by its stable id", async () => {
		const port = (receiver as { port?: number }).port ?? 0;
		await store.recordWatchAlerts([alert(1), alert(2), alert(3)], undefined, "2026-12-07T12:00:00.000001Z");
		assert.equal(await deliverWebhooksOnce(options()), 3);
		let log = await store.listWebhookDeliveries(ORG, 10);
		assert.deepEqual(
			log.map((d) => [d.alert.id.slice(-1), d.state, d.attempts]),
			[
				["3", "pending", 0],
				["2", "pending", 0],
				["1", "pending", 1],
			],
			"the first failed (connection refused); the others waited, unattempted",
		);
		assert.match(log.at(-1)?.lastError ?? "", /ECONNREFUSED/);
		assert.equal(
			new Set(log.map((d) => d.nextAttemptAt)).size,
			1,
			"the waiting ones are due with the failed one's retry, not before (the backoff holds for the receiver)",
		);

		await receiver.start(port);
		receiver.status = 503;
		later(500);
		assert.equal(await deliverWebhooksOnce(options()), 0, "not due before the backoff");
		later(5000);
		assert.ok((await deliverWebhooksOnce(options())) > 0);
		log = await store.listWebhookDeliveries(ORG, 10);
		assert.equal(log.at(-1)?.lastStatus, 503);
		assert.equal(log.at(-1)?.state, "pending");

		receiver.status = 200;
		for (
			let round = 0;
			round < 10 && (await store.listWebhookDeliveries(ORG, 10)).some((d) => d.state === "pending");
			round++
		) {
			later(120_000);
			await deliverWebhooksOnce(options());
		}
		log = await store.listWebhookDeliveries(ORG, 10);
		assert.deepEqual(
			log.map((d) => d.state),
			["delivered", "delivered", "delivered"],
		);
		const delivered = new Set(receiver.got.filter((g) => g.verified).map((g) => g.id));
		assert.deepEqual([...delivered].sort(), [alert(1).id, alert(2).id, alert(3).id]);
		assert.ok(
			receiver.got.every((g) => g.verified),
			"every body carries a valid signature",
		);
		assert.ok(
			receiver.got.every((g) => JSON.parse(g.body).id === g.id),
			"the body names the delivery's alert",
		);
	});

	it("a sender that died holding a lease loses nothing: another claims the delivery once the lease has passed", async () => {
		await store.recordWatchAlerts([alert(4)], "2026-12-07T12:00:00.000001Z", "2026-12-07T12:00:00.000002Z");
		later(1000);
		const dead = await store.claimWebhookDeliveries(
			clock.toISOString(),
			new Date(clock.getTime() + 30_000).toISOString(),
			10,
		);
		assert.deepEqual(
			dead.map((d) => d.alert.id),
			[alert(4).id],
		);
		assert.equal(await deliverWebhooksOnce(options()), 0, "leased to the dead sender");
		later(31_000);
		assert.equal(await deliverWebhooksOnce(options()), 1);
		assert.ok(receiver.got.some((g) => g.id === alert(4).id && g.verified));
	});

	it("an alert its organisation no longer receives is withheld: removed from the queue, never sent", async () => {
		await store.recordWatchAlerts([alert(5)], "2026-12-07T12:00:00.000002Z", "2026-12-07T12:00:00.000003Z");
		later(1000);
		const sent = receiver.got.length;
		assert.equal(await deliverWebhooksOnce({ ...options(), payloadOf: async () => undefined }), 1);
		assert.equal(receiver.got.length, sent);
		assert.ok(!(await store.listWebhookDeliveries(ORG, 10)).some((d) => d.alert.id === alert(5).id));
	});
});
