// Child of the search-and-match bench (its heap its own): a SQLite store of N indicators + their SCOs (the observable
// index bench's corpus; cached in the temp dir between runs), the index built from it, the node's app with the
// reference scenario applied and a partner asking through the gate. Measures server time of search, suggestions and a
// value's page, and bulk matching over HTTP against the same values looked up as indexed SQL. Prints one JSON line.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { serve } from "@hono/node-server";
import { createUser, upsertPartyOrganizations } from "../../src/accounts/index.ts";
import { buildIndex, openWarninglists } from "../../src/intel/index.ts";
import { createLogger } from "../../src/log/index.ts";
import { classify, type Observable, observablesOf } from "../../src/observables/index.ts";
import { parsePolicyFile } from "../../src/policy/index.ts";
import { nodeGates } from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { type NewVersion, openSqliteStore } from "../../src/store/index.ts";
import { openWriter } from "../../src/store/sqlite/connection.ts";
import { random } from "../indicators.ts";
import { corpus } from "../intel-corpus.ts";

const count = Number(process.argv[2] ?? 1_000_000);
const MATCH_VALUES = 100_000;
const SAMPLES = 300;
const SCENARIO = resolve(import.meta.dirname, "..", "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const provenance = { organizationId: NCA, source: "bench" };

const dir = join(tmpdir(), `entente-bench-search-${count}`);
if (!existsSync(join(dir, "ready"))) await prepare();
const store = await openSqliteStore({ path: join(dir, "store.db") });
const floor = openWriter(join(dir, "floor.db"), "NORMAL");
const partner = await createUser(store, { organizationId: FBI, name: `fbi-${Date.now()}`, role: "reader" });

const started = performance.now();
const index = await buildIndex(store);
const buildMs = performance.now() - started;
const { gate, previewGate } = await nodeGates(store, createLogger("silent"));
const app = createApp({
	store,
	gate,
	previewGate,
	logger: createLogger("silent"),
	metrics: new HttpMetrics(),
	version: "bench",
	nodeName: "uk-nca-node",
	// One client asks thousands of questions: the per-user rate limit would answer 429 (the bench measures work).
	taxii: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } },
	// Nothing is written while the bench runs: the index built above stays current.
	intel: { index, settled: async () => {}, warninglists: await openWarninglists(store) },
});
const auth = { Authorization: `Bearer ${partner.token}` };

const next = random(11);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
const known = sampleValues(floor, 5000);

/** Server time in ms of each of `paths`, asked in-process (no network), as the partner. */
async function serverTimes(paths: readonly string[]): Promise<number[]> {
	const times: number[] = [];
	for (const path of paths) {
		const at = performance.now();
		const response = await app.request(path, { headers: auth });
		await response.text();
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
		times.push(performance.now() - at);
	}
	return times;
}

function p95(times: readonly number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
}

const texts = ["QakBot", "Emotet C2", "phishing site", "Cobalt Strike payload", "finance sector"];
const searchPaths = Array.from({ length: SAMPLES }, (_, i) =>
	i % 2 === 0
		? `/api/v1/objects?q=${encodeURIComponent(pick(known).value)}&limit=50`
		: `/api/v1/objects?q=${encodeURIComponent(pick(texts))}&limit=50`,
);
const suggestPaths = Array.from({ length: SAMPLES }, (_, i) => {
	const value = pick(known).value;
	const prefix =
		i % 3 === 0 ? pick(texts).slice(0, 3) : value.slice(0, Math.max(3, Math.floor(value.length / 2)));
	return `/api/v1/suggest?q=${encodeURIComponent(prefix)}&limit=10`;
});
const valuePaths = Array.from({ length: SAMPLES }, () => {
	const o = pick(known);
	return `/api/v1/values/${o.kind}/${encodeURIComponent(o.value)}`;
});
await serverTimes([...searchPaths, ...suggestPaths, ...valuePaths].slice(0, 90)); // warm up
const search = p95(await serverTimes(searchPaths));
const suggest = p95(await serverTimes(suggestPaths));
const value = p95(await serverTimes(valuePaths));

// Bulk match: half values the store names, half absent (addresses and domains nobody lists).
const values = Array.from({ length: MATCH_VALUES }, (_, i) =>
	i % 2 === 0 ? pick(known).value : i % 4 === 1 ? `192.0.2.${i & 255}` : `absent-${i}.example`,
);
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((ready) => server.once("listening", ready));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const body = JSON.stringify({ values });
let best = Number.POSITIVE_INFINITY;
let matched = 0;
for (let round = 0; round < 3; round++) {
	const at = performance.now();
	const response = await fetch(`${origin}/api/v1/match`, {
		method: "POST",
		headers: { ...auth, "content-type": "application/json" },
		body,
	});
	const answer = (await response.json()) as { matched: number };
	if (response.status !== 200) throw new Error(`match answered ${response.status}`);
	best = Math.min(best, performance.now() - at);
	matched = answer.matched;
}
server.close();
const matchRate = MATCH_VALUES / (best / 1000);
const floorRate = sqlLookups(floor, values);

process.stdout.write(
	`${JSON.stringify({ count, objects: index.size.objects, buildMs, search, suggest, value, matchRate, floorRate, matched, values: MATCH_VALUES })}\n`,
);
await store.close();
floor.close();

/** The same values, each recognised and looked up as an indexed SQL query: values per second. */
function sqlLookups(db: DatabaseSync, list: readonly string[]): number {
	const select = db.prepare("SELECT object FROM vals WHERE kind = ? AND value = ?");
	const at = performance.now();
	for (const raw of list) {
		const o = classify(raw);
		if (o !== undefined) select.all(o.kind, o.value);
	}
	return list.length / ((performance.now() - at) / 1000);
}

function sampleValues(db: DatabaseSync, n: number): Observable[] {
	const rows = db
		.prepare("SELECT kind, value FROM vals WHERE rowid % ? = 0 LIMIT ?")
		.all(Math.max(1, Math.floor((count * 2) / n)), n);
	return rows.map((row) => ({ kind: row.kind, value: row.value }) as Observable);
}

/** The store (NCA's, the reference scenario applied) and the floor table of every value an object names. */
async function prepare(): Promise<void> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const target = await openSqliteStore({ path: join(dir, "store.db") });
	const db = openWriter(join(dir, "floor.db"), "NORMAL");
	db.exec("CREATE TABLE vals (kind TEXT NOT NULL, value TEXT NOT NULL, object TEXT NOT NULL);");
	const insert = db.prepare("INSERT INTO vals VALUES (?, ?, ?)");
	let batch: NewVersion[] = [];
	db.exec("BEGIN");
	for (const pair of corpus(count)) {
		for (const object of [pair.indicator, pair.sco] as StixObject[]) {
			batch.push({ object, provenance });
			for (const o of observablesOf(object)) insert.run(o.kind, o.value, object.id);
		}
		if (batch.length >= 4000) {
			await target.putVersions(batch);
			batch = [];
		}
	}
	if (batch.length > 0) await target.putVersions(batch);
	db.exec("COMMIT");
	db.exec("CREATE INDEX vals_kv ON vals (kind, value); ANALYZE;");
	db.close();
	const parsed = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	await upsertPartyOrganizations(target, parsed.policy);
	await target.putPolicy({ text: "reference scenario", policy: parsed.policy, appliedBy: "bench" });
	await target.close();
	writeFileSync(join(dir, "ready"), "");
}
