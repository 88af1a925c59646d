// Helpers for federation fault tests with real processes: a seeded random source (so a failing run can be
// replayed), a node's store opened beside its server, its SQLite integrity, its RSS from /metrics, and
// what its gate says a party receives (REST preview, the origin's own verdict).
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { type PeerStatus, peerStatuses } from "../../src/federation/index.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import type { TestNode } from "./federation-net.ts";

/** A seeded PRNG (mulberry32) in [0, 1); print the seed so a failing run can be replayed. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The seed of this run: `ENTENTE_TEST_SEED` to replay one, else the clock. */
export function testSeed(): number {
	const given = Number(process.env.ENTENTE_TEST_SEED);
	return Number.isSafeInteger(given) ? given : Date.now() % 2 ** 31;
}

/** Runs `work` on the node's store opened beside its server (WAL lets it read while the node writes). */
export async function withStoreOf<T>(node: TestNode, work: (store: Store) => Promise<T>): Promise<T> {
	const store = await openSqliteStore({ path: join(node.data, "entente.db"), writerThread: false });
	try {
		return await work(store);
	} finally {
		await store.close();
	}
}

/**
 * What `entente peers status --json` would print, read from the node's store in this process. For polls: each
 * `peers status` is a process start (about half a second of CPU), and a poll that starts them back to back
 * takes a core from the nodes it waits for. Assertions keep asking the CLI (`TestNode.status`).
 */
export async function peerStatusOf(node: TestNode): Promise<PeerStatus[]> {
	return withStoreOf(node, (store) => peerStatuses(store, new Date()));
}

/** Whether the node's store holds a version of every id (a poll's cheap stand-in for `committedIds`). */
export async function holdsAll(node: TestNode, ids: readonly string[]): Promise<boolean> {
	return withStoreOf(node, async (store) => {
		for (const id of ids) if ((await store.getVersions(id, ["last"])).length === 0) return false;
		return true;
	});
}

/** SQLite's own check of the node's database file ("ok" when sound). */
export function integrityOf(node: TestNode): string {
	const db = new DatabaseSync(join(node.data, "entente.db"), { readOnly: true });
	try {
		return String(db.prepare("PRAGMA integrity_check").get()?.integrity_check);
	} finally {
		db.close();
	}
}

/** The node's resident set size, as its /metrics reports it. */
export async function residentBytes(node: TestNode): Promise<number> {
	const response = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${node.token}` } });
	const text = await response.text();
	const match = /^entente_process_resident_memory_bytes (\d+)$/m.exec(text);
	if (match?.[1] === undefined) throw new Error(`no RSS on ${node.name}'s /metrics: ${text.slice(0, 200)}`);
	return Number(match[1]);
}

/** Each party's verdict for an object version at `node` (GET /api/v1/policy/preview, as its admin). */
export async function previewAt(
	node: TestNode,
	id: string,
	version: string,
): Promise<{ partyId: string; verdict: string }[]> {
	const query = new URLSearchParams({ object: id, purpose: "network-defence", version });
	for (;;) {
		const response = await fetch(`${node.url}/api/v1/policy/preview?${query}`, {
			headers: { authorization: `Bearer ${node.token}` },
		});
		if (response.status === 429) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			continue;
		}
		if (response.status !== 200) {
			throw new Error(`preview of ${id} at ${node.name}: ${response.status} ${await response.text()}`);
		}
		return ((await response.json()) as { parties: { partyId: string; verdict: string }[] }).parties;
	}
}

/** Every version a node stores, as `id@modified`, with how many rows each has (the operator's export). */
export async function storedVersions(node: TestNode): Promise<Map<string, number>> {
	const bundle = JSON.parse(await node.entente("export", "--all-versions")) as {
		objects: { id: string; modified?: string }[];
	};
	const counts = new Map<string, number>();
	for (const o of bundle.objects) {
		const key = `${o.id}@${o.modified ?? ""}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}
