// Hostile bytes at a served node's federation door: nothing big is read before the sender is known, and
// all bodies together stay within the node's body budget (asserted on the budget's own counters in
// /metrics, never on timing); authenticated pushes still work afterwards.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { HANDSHAKE_PATH, type NodeKeyRing, PUSH_PATH, signObject } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, eventually, indicator, TestNode } from "./support/federation-net.ts";
import { type PartialAnswer, partialPost } from "./support/partial-post.ts";
import { signedHeaders as signedHeadersAs, silentPeer } from "./support/peer-voice.ts";

const { dir, remove } = scratch("federation-hostile-bytes");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");
const MiB = 1024 * 1024;
const MAX_BODY = 4 * MiB;
const BUDGET = 10 * MiB;
const ANONYMOUS = 512 * 1024;
let ringB: NodeKeyRing;

/** The body budget's counters from A's /metrics. */
async function bodyMetrics(): Promise<Map<string, number>> {
	const response = await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${a.token}` } });
	assert.equal(response.status, 200);
	const values = new Map<string, number>();
	for (const line of (await response.text()).split("\n")) {
		const match = /^(entente_request_body_\w+)\{(\w+)="(\w+)"\} (\d+)$/.exec(line);
		if (match !== null) values.set(`${match[1]}.${match[3]}`, Number(match[4]));
	}
	return values;
}

/** Headers of a push to A signed as B would sign it (B's current key), for `body`. */
function signedHeaders(body: Uint8Array | string, path = PUSH_PATH): Record<string, string> {
	return signedHeadersAs(`${a.url}${path}`, body, ringB);
}

/** A push body of about `size` bytes that carries no items (the padding is ignored by the receiver). */
function paddedPush(size: number): Uint8Array {
	return Buffer.from(JSON.stringify({ items: [], padding: "x".repeat(size) }));
}

before(async () => {
	await Promise.all([a.init(), b.init()]);
	writeFileSync(
		join(a.data, "entente.json"),
		JSON.stringify({
			nodeName: "node-a",
			limits: { maxBodyBytes: MAX_BODY, bodyBudgetBytes: BUDGET, anonymousBodyBudgetBytes: ANONYMOUS },
		}),
	);
	await applyPolicy(a, [a, b], [[a, b]]);
	await a.serve();
	// B never serves: the test speaks as B, with B's key.
	ringB = await silentPeer(a, b, "node-a-node-b");
});

after(async () => {
	await a.stop();
	remove();
});

describe("nothing big before authentication", () => {
	it("answers 32 parallel unsigned 60 MB pushes and handshakes 401 on their headers, holding no body byte", {
		timeout: 60_000,
	}, async () => {
		// The onboarding handshake (B's accept) is the only body read so far.
		const before = (await bodyMetrics()).get("entente_request_body_bytes_peak.total") ?? -1;
		assert.ok(before >= 0 && before < 16 * 1024, `peak before: ${before}`);
		const first = new Uint8Array(64 * 1024).fill(0x7b);
		const posts = Array.from({ length: 32 }, (_, i) =>
			partialPost(
				`${a.url}${i % 2 === 0 ? PUSH_PATH : HANDSHAKE_PATH}`,
				{ "content-type": "application/json" },
				60_000_000,
				first,
			),
		);
		// Only 64 KiB of each body is ever sent: an answer proves the node decided on the headers.
		const answers = await Promise.all(posts.map((post) => post.answer));
		for (const post of posts) post.abort();
		assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([401]));
		const metrics = await bodyMetrics();
		assert.equal(metrics.get("entente_request_body_bytes_peak.total"), before, "no body byte was held");
	});

	it("refuses a signed push declaring more than the limit before reading it", async () => {
		const body = paddedPush(16);
		const post = partialPost(`${a.url}${PUSH_PATH}`, signedHeaders(body), MAX_BODY + 1, body);
		const answer = await post.answer;
		post.abort();
		assert.equal(answer.status, 413);
	});

	it("holds at most the budget for authenticated bodies: the rest wait with 503 and Retry-After", async () => {
		const size = 3 * MiB;
		const bodies = Array.from({ length: 32 }, () => paddedPush(size));
		// Headers and half of each body: the node reserves each body's declared length before reading it.
		const posts = bodies.map((body) =>
			partialPost(`${a.url}${PUSH_PATH}`, signedHeaders(body), body.byteLength, body.subarray(0, size / 2)),
		);
		const fits = Math.floor(BUDGET / (size + 64));
		await eventually(
			"every request beyond the budget answered",
			async () => posts.filter((post) => post.answered()).length >= posts.length - fits,
		);
		posts.forEach((post, i) => {
			if (!post.answered()) post.finish((bodies[i] as Uint8Array).subarray(size / 2));
		});
		const answers: PartialAnswer[] = await Promise.all(posts.map((post) => post.answer));
		const statuses = answers.map((answer) => answer.status);
		assert.equal(statuses.filter((s) => s === 200).length, fits, statuses.join(","));
		assert.equal(statuses.filter((s) => s === 503).length, posts.length - fits);
		for (const answer of answers.filter((x) => x.status === 503)) {
			assert.equal(answer.headers["retry-after"], "1");
			assert.match(answer.body, /too many request bodies/);
		}
		const metrics = await bodyMetrics();
		const peak = metrics.get("entente_request_body_bytes_peak.total") ?? -1;
		assert.ok(peak > 0 && peak <= BUDGET, `peak ${peak} within ${BUDGET}`);
		assert.equal(metrics.get("entente_request_body_bytes.authenticated"), 0, "every share released");
	});

	it("gives handshakes only the anonymous share", async () => {
		const body = Buffer.from(JSON.stringify({ padding: "x".repeat(200 * 1024) }));
		const headers = {
			"content-type": "application/json",
			signature: "x=:AA==:",
			"content-digest": "sha-256=:AA==:",
		};
		const posts = Array.from({ length: 4 }, () =>
			partialPost(`${a.url}${HANDSHAKE_PATH}`, headers, body.byteLength, body.subarray(0, 1024)),
		);
		const fits = Math.floor(ANONYMOUS / body.byteLength);
		await eventually(
			"handshakes beyond the anonymous share answered",
			async () => posts.filter((post) => post.answered()).length >= posts.length - fits,
		);
		for (const post of posts) if (!post.answered()) post.finish(body.subarray(1024));
		const statuses = (await Promise.all(posts.map((post) => post.answer))).map((answer) => answer.status);
		assert.equal(statuses.filter((s) => s === 503).length, posts.length - fits, statuses.join(","));
		const metrics = await bodyMetrics();
		assert.ok((metrics.get("entente_request_body_bytes_peak.anonymous") ?? -1) <= ANONYMOUS);
	});

	it("refuses hostile bytes in a signed push and in a handshake as TAXII and REST do (one decoder)", async () => {
		const hostile = [
			Buffer.from([0x62, 0xff, 0x64]),
			Buffer.from([0xc0, 0xaf]),
			Buffer.from([0xed, 0xa0, 0x80]),
			Buffer.from("\\ud800"),
		];
		for (const bytes of hostile) {
			const object = indicator(60, { createdBy: b.organizationId, name: "NAME" });
			const [head, tail] = JSON.stringify({ items: [{ object, origin: b.organizationId }] }).split(
				"NAME",
			) as [string, string];
			const body = Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]);
			const push = await fetch(`${a.url}${PUSH_PATH}`, {
				method: "POST",
				headers: signedHeaders(body),
				body,
			});
			const answer = (await push.json()) as { class: string; reason: string };
			assert.equal(push.status, 400, JSON.stringify(answer));
			assert.equal(answer.class, "protocol");
			assert.match(answer.reason, /invalid UTF-8 at byte \d+|lone UTF-16 surrogate/);
			const hello = Buffer.concat([Buffer.from('{"node":"'), bytes, Buffer.from('"}')]);
			const handshake = await fetch(`${a.url}${HANDSHAKE_PATH}`, {
				method: "POST",
				headers: signedHeaders(hello, HANDSHAKE_PATH),
				body: hello,
			});
			assert.equal(handshake.status, 400);
			assert.match(
				((await handshake.json()) as { reason: string }).reason,
				/invalid UTF-8 at byte \d+|lone UTF-16 surrogate/,
			);
		}
		assert.deepEqual(await a.versions(indicator(60).id as string), []);
	});

	it("logs a client that goes away mid-body as one quiet line, not an error with a stack", async () => {
		const publish = partialPost(
			`${a.url}/api/v1/objects`,
			{ "content-type": "application/json", authorization: `Bearer ${a.token}` },
			100_000,
			Buffer.from('{"objects": ['),
		);
		const body = paddedPush(50_000);
		const push = partialPost(
			`${a.url}${PUSH_PATH}`,
			signedHeaders(body),
			body.byteLength,
			body.subarray(0, 1000),
		);
		const taxii = partialPost(
			`${a.url}/taxii2/api/collections/all/objects/`,
			{
				"content-type": "application/taxii+json;version=2.1",
				accept: "application/taxii+json;version=2.1",
				authorization: `Bearer ${a.token}`,
			},
			100_000,
			Buffer.from('{"objects": ['),
		);
		// Each request has been reserved (its route is reading) before the client goes away.
		await eventually(
			"the three bodies are being read",
			async () => ((await bodyMetrics()).get("entente_request_body_bytes.authenticated") ?? 0) >= 200_000,
		);
		for (const post of [publish, push, taxii]) post.abort();
		await eventually(
			"three quiet lines",
			async () =>
				(a.logs.match(/client disconnected while sending the body|the client stopped sending/g) ?? [])
					.length >= 3,
		);
		const lines = a.logs.split("\n").filter((line) => /disconnected|stopped sending/.test(line));
		for (const line of lines) {
			const entry = JSON.parse(line) as { level: number; err?: unknown };
			assert.equal(entry.level, 30, line);
			assert.equal(entry.err, undefined, "no stack");
		}
		assert.doesNotMatch(a.logs, /"level":50/);
		await eventually(
			"every share released",
			async () => ((await bodyMetrics()).get("entente_request_body_bytes.authenticated") ?? -1) === 0,
		);
	});

	it("still stores an authenticated push afterwards", async () => {
		const object = indicator(1, { createdBy: b.organizationId });
		const body = JSON.stringify({
			items: [
				{
					object,
					provenance: signObject(object as StixObject, ringB.current.privateKey, ringB.current.keyId),
					origin: b.organizationId,
				},
			],
		});
		const response = await fetch(`${a.url}${PUSH_PATH}`, {
			method: "POST",
			headers: signedHeaders(body),
			body,
		});
		assert.equal(response.status, 200, await response.clone().text());
		const results = ((await response.json()) as { results: { status: string }[] }).results;
		assert.deepEqual(
			results.map((r) => r.status),
			["stored"],
		);
		assert.equal((await a.versions(object.id as string)).length, 1);
	});
});
