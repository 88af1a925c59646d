// kill -9 during a large import, with a real child process: the store stays consistent, every acknowledged
// batch survives, no batch is ever half there, and rerunning the import completes it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { openSqliteStore } from "../src/store/index.ts";
import { scratch } from "./support/cli.ts";

const IMPORTER = resolve(import.meta.dirname, "support", "crash-importer.ts");
const COUNT = 200_000;
const BATCH = 1000;
const KILLS = 3;
/** The kill points are drawn from this seed; set CRASH_SEED to replay a failing run. */
const SEED = Number(process.env.CRASH_SEED ?? 20_260_101);

const { dir, remove } = scratch("crash");
after(remove);

/** mulberry32: a small seeded PRNG, so the kill points are the same on every run with the same seed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Run {
	/** The ids of each batch the child acknowledged, in order. */
	batches: string[][];
	done: Record<string, number> | undefined;
	code: number | null;
	signal: NodeJS.Signals | null;
	stderr: string;
}

/**
 * Runs the importer; when `kill` is given, SIGKILLs it `delayMs` after the `after`-th acknowledged batch,
 * so the signal lands anywhere: between batches, while parsing, or inside a commit.
 */
async function runImporter(db: string, kill?: { after: number; delayMs: number }): Promise<Run> {
	const child = spawn(process.execPath, [IMPORTER, db, String(COUNT), String(BATCH)], {
		stdio: ["ignore", "pipe", "pipe"],
	});
	const run: Run = { batches: [], done: undefined, code: null, signal: null, stderr: "" };
	child.stderr.setEncoding("utf8").on("data", (text: string) => {
		run.stderr += text;
	});
	const exited = new Promise<void>((resolveExit) =>
		child.once("exit", (code, signal) => {
			run.code = code;
			run.signal = signal;
			resolveExit();
		}),
	);
	// readline yields complete lines only: a line cut by the kill was never a whole acknowledgement
	for await (const line of createInterface({ input: child.stdout })) {
		if (line.startsWith("ack ")) run.batches.push(line.slice(4).split(" "));
		else if (line.startsWith("done ")) run.done = JSON.parse(line.slice(5)) as Record<string, number>;
		if (kill !== undefined && run.batches.length === kill.after)
			setTimeout(() => child.kill("SIGKILL"), kill.delayMs);
	}
	await exited;
	return run;
}

/** PRAGMA integrity_check on the raw file as the crash left it, read-only, before any store reopens it. */
function integrityOf(db: string): string {
	const raw = new DatabaseSync(db, { readOnly: true });
	try {
		return raw
			.prepare("PRAGMA integrity_check")
			.all()
			.map((row) => String(row.integrity_check))
			.join("; ");
	} finally {
		raw.close();
	}
}

/** Reopens the store as the node would and returns every stored id, checking each acknowledged batch is whole. */
async function storedIds(db: string, acknowledged: readonly string[][]): Promise<Set<string>> {
	const store = await openSqliteStore({ path: db });
	try {
		for (const batch of acknowledged) {
			assert.equal(
				await store.count({ ids: batch, versions: ["all"] }),
				batch.length,
				"an acknowledged batch lost objects",
			);
		}
		const ids = new Set<string>();
		let after: string | undefined;
		for (;;) {
			const page = await store.query({
				versions: ["all"],
				limit: 5000,
				...(after === undefined ? {} : { after }),
			});
			for (const item of page.items) ids.add(item.id);
			if (!page.more || page.next === undefined) break;
			after = page.next;
		}
		const stats = await store.stats();
		assert.equal(stats.versions, ids.size, "one version per object: the generator never repeats an id");
		return ids;
	} finally {
		await store.close();
	}
}

describe("kill -9 during a large import", () => {
	it(`${KILLS} SIGKILLs at seeded points of a ${COUNT.toLocaleString("en")}-object import lose nothing acknowledged`, async (t) => {
		t.diagnostic(`CRASH_SEED=${SEED}`);
		const next = random(SEED);
		const db = join(dir, "crash.db");
		const snapshots: Set<string>[] = [];
		let present = 0;
		for (let kill = 1; kill <= KILLS; kill++) {
			// each rerun first re-acknowledges what is already present (as duplicates), then writes new batches
			const killAfter = present / BATCH + 1 + Math.floor(next() * 30);
			const run = await runImporter(db, { after: killAfter, delayMs: Math.floor(next() * 40) });
			assert.equal(run.signal, "SIGKILL", `the importer ended before the kill: ${run.stderr}`);
			assert.ok(run.batches.length >= killAfter);
			assert.equal(integrityOf(db), "ok");
			const ids = await storedIds(db, run.batches);
			t.diagnostic(`kill ${kill}: at ${run.batches.length} acknowledged batches; ${ids.size / BATCH} stored`);
			assert.equal(ids.size % BATCH, 0, `${ids.size} objects stored: a batch was cut`);
			assert.ok(ids.size >= run.batches.length * BATCH);
			assert.ok(ids.size >= present, "a crash removed objects stored before it");
			assert.ok(ids.size < COUNT, "the kill came after the import finished");
			const lost = [...(snapshots.at(-1) ?? [])].filter((id) => !ids.has(id));
			assert.deepEqual(lost, [], "a later crash lost objects an earlier run had stored");
			snapshots.push(ids);
			present = ids.size;
		}

		const final = await runImporter(db);
		assert.equal(final.code, 0, final.stderr);
		assert.deepEqual(final.done, {
			stored: COUNT - present,
			duplicate: present,
			rejected: 0,
			quarantined: 0,
		});
		assert.equal(final.batches.length, COUNT / BATCH);
		assert.equal(integrityOf(db), "ok");
		const all = await storedIds(db, final.batches);
		assert.equal(all.size, COUNT);
		// With every batch's composition now known: after each crash, each batch was entirely there or not at all.
		for (const [kill, snapshot] of snapshots.entries()) {
			const partial = final.batches.findIndex((batch) => {
				const there = batch.filter((id) => snapshot.has(id)).length;
				return there !== 0 && there !== batch.length;
			});
			assert.equal(partial, -1, `after kill ${kill + 1}, batch ${partial} was partly stored`);
		}
	});
});
