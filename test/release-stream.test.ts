// The release stream (D59), through the whole app: each user receives only what the gate releases to it at send
// time (an object hidden between commit and send is never sent, and a hidden commit moves no id it is shown), filters hold, Last-Event-ID resumes without a gap
// or a repeat, a slow reader is cut off with the id to resume from, a user has a few streams at most, a revoked
// token's stream is closed, and closing the node ends every stream cleanly.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { hashToken } from "../src/accounts/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import type { ModelWorld } from "./model/entitlement-model.ts";
import { NODE_NAME, PARTY_POOL, policyOf } from "./model/model-node.ts";
import { bilateralAgreement } from "./support/scenario-node.ts";
import { SseReader } from "./support/sse-reader.ts";
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
function indicator(tlp: "green" | "red", labels: string[] = []): StixObject {
	serial++;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--5e5e0000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		name: `streamed ${serial}`,
		pattern: `[ipv4-addr:value = '203.0.113.${serial % 250}']`,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		...(labels.length === 0 ? {} : { labels }),
		object_marking_refs: [TLP2_DEFINITIONS[tlp].id],
		created_by_ref: LOCAL,
	};
}
function malware(): StixObject {
	serial++;
	return {
		type: "malware",
		spec_version: "2.1",
		id: `malware--5e5e0000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		name: `family ${serial}`,
		is_family: true,
		object_marking_refs: [TLP2_DEFINITIONS.green.id],
		created_by_ref: LOCAL,
	};
}

let node: TestNode;
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
		stream: { bufferBytes: 4096, heartbeatMs: 60_000, tokenCheckMs: 100, maxPerUser: 2 },
	});
});
after(() => node.close());

const ingest = async (objects: readonly StixObject[]) => {
	const report = await node.ingest(objects, LOCAL);
	assert.equal(report.problems.length, 0, JSON.stringify(report.problems));
};

/** Opens a stream as `who`, read up to its first heartbeat (the position it starts at). */
async function open(who: string, query = "", headers: Record<string, string> = {}): Promise<SseReader> {
	const response = await node.request(`/api/v1/stream${query}`, { as: node.user(who), headers });
	if (response.status !== 200) assert.fail(`${response.status}: ${await response.text()}`);
	assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
	const reader = new SseReader(response);
	const first = await reader.next();
	assert.equal(first?.comment, "heartbeat");
	return reader;
}

const ids = (events: readonly { data: string }[]) => events.map((e) => (JSON.parse(e.data) as StixObject).id);

describe("GET /api/v1/stream", () => {
	it("sends each user what the gate releases to it, and nothing else", async () => {
		const partner = await open("partner");
		const local = await open("local");
		const shared = indicator("green");
		const secret = indicator("red");
		const later = indicator("green");
		await ingest([shared, secret]);
		await ingest([later]);
		assert.deepEqual(ids(await local.releases(3)), [shared.id, secret.id, later.id]);
		assert.deepEqual(
			ids(await partner.releases(2)),
			[shared.id, later.id],
			"the TLP:RED indicator is never sent to the partner",
		);
		await partner.cancel();
		await local.cancel();
	});

	it("resumes from Last-Event-ID (header or query) without a gap or a repeat; heartbeats repeat the last id", async () => {
		const first = await open("partner");
		const start = first.lastId;
		assert.ok(start !== undefined, "the first heartbeat names the position the stream starts at");
		await first.cancel();
		const [a, b, c] = [indicator("green"), indicator("green"), indicator("green")];
		await ingest([a, b]);
		await ingest([c]);
		const resumed = await open("partner", "", { "Last-Event-ID": start });
		const got = await resumed.releases(3);
		assert.deepEqual(ids(got), [a.id, b.id, c.id]);
		await resumed.cancel();
		const fromA = await open("partner", `?lastEventId=${encodeURIComponent(got[0]?.id ?? "")}`);
		assert.deepEqual(ids(await fromA.releases(2)), [b.id, c.id]);
		await fromA.cancel();
		const bad = await node.request("/api/v1/stream", {
			as: node.user("partner"),
			headers: { "Last-Event-ID": "x" },
		});
		assert.equal(bad.status, 400);
		assert.equal(((await bad.json()) as { error_code: string }).error_code, "E_STREAM_EVENT_ID_INVALID");
	});

	it("never sends an object that became hidden between its commit and the send", async () => {
		const before = await open("partner");
		const start = before.lastId ?? "";
		await before.cancel();
		const hiddenLater = indicator("green");
		await ingest([hiddenLater]);
		await node.applyPolicy({ ...policy, agreements: [] });
		const stream = await open("partner", "", { "Last-Event-ID": start });
		const visible = indicator("green");
		await node.applyPolicy(policy);
		await ingest([visible]);
		const [event] = await stream.releases(1);
		assert.deepEqual(ids(event === undefined ? [] : [event]), [visible.id], "only what is released now");
		await stream.cancel();
	});

	it("filters by types, labels and collection", async () => {
		const typed = await open("partner", "?types=malware");
		const labelled = await open("local", "?labels=phishing,c2");
		const family = malware();
		const plain = indicator("green");
		const phishing = indicator("green", ["phishing"]);
		await ingest([plain, family, phishing]);
		assert.deepEqual(ids(await typed.releases(1)), [family.id]);
		assert.deepEqual(ids(await labelled.releases(1)), [phishing.id]);
		await typed.cancel();
		await labelled.cancel();
		const unknown = await node.request("/api/v1/stream?collection=nope", { as: node.user("partner") });
		assert.equal(unknown.status, 404);
		// A collection of the node's own organisation, showing indicators: the partner may not read it, and is told
		// only that there is none (the same answer as for one that does not exist).
		await node.store.putCollection({
			id: "5e5e5e5e-0000-4000-8000-000000000001",
			title: "ours",
			alias: "ours",
			read: { organizations: [LOCAL] },
			write: { organizations: [LOCAL] },
			filter: { types: ["indicator"] },
		});
		const notMine = await node.request("/api/v1/stream?collection=ours", { as: node.user("partner") });
		assert.equal(notMine.status, 404);
		assert.equal(
			((await notMine.json()) as { error_code: string }).error_code,
			"E_STREAM_COLLECTION_NOT_FOUND",
		);
		const inCollection = await open("local", "?collection=ours");
		const listed = indicator("green");
		await ingest([malware(), listed]);
		assert.deepEqual(
			ids(await inCollection.releases(1)),
			[listed.id],
			"the malware is not in the collection",
		);
		await inCollection.cancel();
		const badType = await node.request("/api/v1/stream?types=Not%20A%20Type", { as: node.user("partner") });
		assert.equal(badType.status, 400);
	});

	it("cuts a slow reader off with the reason and the id to resume from; resuming there loses nothing", async () => {
		const slow = await open("local");
		const many = Array.from({ length: 40 }, () => indicator("green"));
		await ingest(many);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const events = await slow.rest();
		const end = events.at(-1);
		assert.equal(end?.event, "end");
		const reason = JSON.parse(end?.data ?? "{}") as { reason: string; resume: string };
		assert.equal(reason.reason, "slow-reader");
		const sent = ids(events.filter((e) => e.event === "release"));
		assert.ok(sent.length < many.length, `the buffer of 4 KiB held ${sent.length} of ${many.length}`);
		assert.equal(end?.id, reason.resume);
		// Each resumed stream reads its backlog in one burst into the same small buffer: it may be cut again, and
		// resumed again, as an EventSource does by itself.
		let resume = reason.resume;
		const received = [...sent];
		for (let round = 0; round < 10 && received.length < many.length; round++) {
			const again = await open("local", "", { "Last-Event-ID": resume });
			await new Promise((resolve) => setTimeout(resolve, 50));
			for (;;) {
				const block = await again.next(300).catch(() => undefined);
				if (block === undefined || block.event === "end") break;
				if (block.event === "release" && block.comment === undefined) received.push(...ids([block]));
			}
			resume = again.lastId ?? resume;
			await again.cancel().catch(() => {});
		}
		assert.deepEqual(
			received,
			many.map((o) => o.id),
			"everything, once, in order",
		);
	});

	it("holds at most the configured streams per user", async () => {
		const one = await open("other");
		const two = await open("other");
		const three = await node.request("/api/v1/stream", { as: node.user("other") });
		assert.equal(three.status, 429);
		assert.equal(((await three.json()) as { error_code: string }).error_code, "E_STREAM_TOO_MANY");
		await one.cancel();
		await new Promise((resolve) => setTimeout(resolve, 50));
		const four = await open("other");
		await two.cancel();
		await four.cancel();
	});

	it("closes the stream of a token that was revoked", async () => {
		const stream = await open("partner");
		const started = stream.lastId;
		// A version the partner does not receive, committed meanwhile: it moves nothing the partner is shown.
		await ingest([indicator("red")]);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const [user] = (await node.store.listUsers(PARTNER)).filter((u) => u.name === "partner");
		assert.ok(user !== undefined);
		await node.store.putUser({ ...user, tokenHash: hashToken("ent_rotated") });
		const end = await stream.nextOf("end", 3000);
		assert.equal((JSON.parse(end?.data ?? "{}") as { reason: string }).reason, "token-revoked");
		assert.equal(end?.id, started, "the hidden commit did not move the resume id");
		assert.equal(await stream.next(), undefined, "closed after its last event");
	});

	it("ends every stream with its resume id when the node closes", async () => {
		const stream = await open("local");
		const position = stream.lastId;
		node.feed.close();
		const end = await stream.nextOf("end");
		assert.deepEqual(JSON.parse(end?.data ?? "{}").reason, "node-closing");
		assert.equal(end?.id, position);
		assert.equal(await stream.next(), undefined);
		const refused = await node.request("/api/v1/stream", { as: node.user("local") });
		assert.equal(refused.status, 503);
	});
});
