// A node whose storage is full (issue 14's fault: a full disk answered writes with a generic 500, thousands of
// stack traces, and a partner saw only "HTTP 500"): writes answer 503 with Retry-After and a reason, nothing of a
// refused write is stored, reads go on, the log says it once a minute, a partner's sender shows "storage is full"
// and, once there is room again, delivers what waited. The quota (store.maxSizeMiB) stands in for the disk: SQLite
// answers a write past max_page_count exactly as a full disk (SQLITE_FULL).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { scratch } from "./support/cli.ts";
import { peerStatusOf } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("storage-full");
const RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const a = new TestNode(dir, "full-a", { ENTENTE_FEDERATION_RETRY_MAX_MS: "500" });
const b = new TestNode(dir, "full-b");

/** Sets (or, with undefined, removes) B's store quota in its entente.json. */
function quota(node: TestNode, mib: number | undefined): void {
	const file = join(node.data, "entente.json");
	const config = JSON.parse(readFileSync(file, "utf8")) as { store?: Record<string, unknown> };
	const store = { ...(config.store ?? {}) };
	if (mib === undefined) delete store.maxSizeMiB;
	else store.maxSizeMiB = mib;
	writeFileSync(file, JSON.stringify({ ...config, store }));
}

/** A batch of `n` indicators with long descriptions, numbered from `first`. */
const bulky = (first: number, n: number) =>
	Array.from({ length: n }, (_, i) => ({ ...indicator(first + i), description: "x".repeat(4000) }));

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "full-a-full-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("a node whose storage is full", () => {
	it("answers writes 503 with Retry-After and a reason, stores nothing of them, and keeps serving reads", async () => {
		const port = b.port;
		await b.stop();
		quota(b, 3);
		await b.serve(port);
		let refused: Response | undefined;
		let first = 1000;
		for (; refused === undefined && first < 20_000; first += 100) {
			const answer = await fetch(`${b.url}/api/v1/objects`, {
				method: "POST",
				headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" },
				body: JSON.stringify({ objects: bulky(first, 100) }),
			});
			if (answer.status !== 200) refused = answer;
		}
		assert.ok(refused !== undefined, "the quota was reached");
		assert.equal(refused.status, 503);
		assert.equal(refused.headers.get("retry-after"), "60");
		const body = (await refused.json()) as { error_code: string; description: string };
		assert.equal(body.error_code, "E_STORE_FULL");
		assert.match(body.description, /storage is full: nothing of this write was stored/);
		const last = first - 100;
		assert.deepEqual(await b.versions(indicator(last).id as string), [], "nothing of the refused batch");
		assert.equal(
			(await b.versions(indicator(1000).id as string)).length,
			1,
			"what was stored stays readable",
		);
		// Larger batches than the one refused: B's outbox for A frees a little room as A acknowledges B's pushes.
		for (let i = 0; i < 5; i++) {
			const again = await fetch(`${b.url}/api/v1/objects`, {
				method: "POST",
				headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" },
				body: JSON.stringify({ objects: bulky(50_000 + i * 1000, 220) }),
			});
			assert.equal(again.status, 503, `${again.status} ${(await again.text()).slice(0, 300)}`);
		}
		const warnings = b.logs.split("\n").filter((line) => line.includes("the store is full"));
		assert.equal(warnings.length, 1, "one warning a minute, however many writes are refused");
		assert.doesNotMatch(b.logs, /unhandled error/);
	});

	it("tells a partner's sender its storage is full, then delivers what waited once there is room", async () => {
		// Fill the last pages with what B never sends A (TLP:RED), once B's own outbox to A is empty: acknowledged
		// pushes free outbox rows, which would make room again.
		await eventually("B's outbox to A drained", async () => (await peerStatusOf(b))[0]?.queueDepth === 0);
		// Batches of 20, then of one, until not even one more fits.
		for (let n = 60_000, size = 20; size > 0; ) {
			assert.ok(n < 80_000, "B fills up");
			const answer = await fetch(`${b.url}/api/v1/objects`, {
				method: "POST",
				headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" },
				body: JSON.stringify({
					objects: Array.from({ length: size }, (_, i) => indicator(n + i, { marking: RED })),
				}),
			});
			if (answer.status === 429) await new Promise((resolve) => setTimeout(resolve, 500));
			if (answer.status === 200) n += size;
			if (answer.status === 503) size = size === 20 ? 1 : 0;
		}
		// Larger than any room freed since (A's acknowledgements delete B's outbox rows; freed pages are reused).
		const waiting: Record<string, unknown> = { ...indicator(90_000), description: "w".repeat(900_000) };
		await a.publish([waiting]);
		await eventually("A sees B's storage is full", async () => {
			const [status] = await peerStatusOf(a);
			return /storage is full/.test(status?.lastError?.message ?? "");
		});
		const [status] = await peerStatusOf(a);
		assert.equal(status?.lastError?.class, "server");
		assert.ok((status?.queueDepth ?? 0) > 0, "the push waits in A's outbox");
		const port = b.port;
		await b.stop();
		quota(b, undefined);
		await b.serve(port);
		await eventually(
			"delivered once B has room",
			async () => (await b.versions(waiting.id as string)).length === 1,
			30_000,
		);
	});
});
