// Child of the observable-index bench (run with --expose-gc so its heap is its own): builds or reuses a cached SQLite
// store of N indicators + their SCOs and a floor database of the same values, then measures the rebuild, the index's
// memory and lookups against indexed SQL. Prints one JSON line.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { reversedLabels } from "../../src/intel/index/domain-tree.ts";
import { entryOf } from "../../src/intel/index/index-entry.ts";
import { parseBlock } from "../../src/intel/index/ip-blocks.ts";
import { buildIndex } from "../../src/intel/index.ts";
import type { Observable } from "../../src/observables/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { type NewVersion, openSqliteStore } from "../../src/store/index.ts";
import { openWriter } from "../../src/store/sqlite/connection.ts";
import { random } from "../indicators.ts";
import { baseDomain, corpus } from "../intel-corpus.ts";

const count = Number(process.argv[2] ?? 1_000_000);
const RELATED_LIMIT = 10;
const provenance = { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "bench" };

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

/** The cache: generating 2M objects takes a minute, so one run's store serves the next runs (until the temp dir goes). */
const dir = join(tmpdir(), `entente-bench-intel-${count}`);
if (!existsSync(join(dir, "ready"))) await generate();

const floor = openWriter(join(dir, "floor.db"), "NORMAL");
const store = await openSqliteStore({ path: join(dir, "store.db") });

gc();
const before = heapBytes();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const index = await buildIndex(store);
const rebuildMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
// CPU time says what the rebuild costs when the machine is shared (wall time then includes waiting for a core).
const rebuildCpuMs = (cpu.user + cpu.system) / 1000;
gc();
const indexBytes = heapBytes() - before;
const valueBytes = valueStringBytes(floor);

const queries = sampleQueries(floor);
const exact = measure(queries.exact, (o) => index.exact(o).length, 4);
const exactFloor = measureFloorExact(floor, queries.exact);
const cidr = measure(queries.cidr, (o) => index.related(o, { limit: RELATED_LIMIT }).length, 3);
const cidrFloor = measureFloorCidr(floor, queries.cidr);
const domains = measure(queries.domains, (o) => index.related(o, { limit: RELATED_LIMIT }).length, 3);
const domainsFloor = measureFloorDomains(floor, queries.domains);

process.stdout.write(
	`${JSON.stringify({
		count,
		objects: index.size.objects,
		values: index.size.values,
		rebuildMs,
		rebuildCpuMs,
		indexBytes,
		valueBytes,
		exact,
		exactFloor,
		cidr,
		cidrFloor,
		domains,
		domainsFloor,
		maxRssBytes: process.resourceUsage().maxRSS * 1024,
	})}\n`,
);
await store.close();
floor.close();

function heapBytes(): number {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
}

/** The bytes V8 needs for the distinct values themselves (16-byte header, one byte a character, 8-byte aligned). */
function valueStringBytes(db: DatabaseSync): number {
	const row = db
		.prepare(
			"SELECT SUM((16 + LENGTH(value) + 7) / 8 * 8) AS bytes FROM (SELECT DISTINCT kind, value FROM vals)",
		)
		.get() as { bytes: number };
	return row.bytes;
}

/** Lookups per second of `lookup` over `queries`, best of `rounds` passes (the first also warms the JIT up). */
function measure(queries: readonly Observable[], lookup: (o: Observable) => number, rounds: number): number {
	let best = 0;
	let sink = 0;
	for (let round = 0; round < rounds; round++) {
		const t = performance.now();
		for (const query of queries) sink += lookup(query);
		best = Math.max(best, (queries.length / (performance.now() - t)) * 1000);
	}
	if (sink < 0) throw new Error("unreachable");
	return best;
}

function measureFloorExact(db: DatabaseSync, queries: readonly Observable[]): number {
	const statement = db.prepare("SELECT object FROM vals WHERE kind = ? AND value = ?");
	return measure(queries.slice(0, 50_000), (o) => statement.all(o.kind, o.value).length, 2);
}

/** The same lookups as `related` on an address or block: exact, blocks containing it (one probe per prefix in use), members. */
function measureFloorCidr(db: DatabaseSync, queries: readonly Observable[]): number {
	const exact = db.prepare("SELECT object FROM vals WHERE kind = ? AND value = ? LIMIT ?");
	const probe = db.prepare("SELECT object FROM v4 WHERE network = ? AND prefix = ? LIMIT ?");
	const members = db.prepare("SELECT object FROM v4 WHERE network BETWEEN ? AND ? AND prefix > ? LIMIT ?");
	const prefixes = (
		db.prepare("SELECT DISTINCT prefix FROM v4 WHERE prefix < 32").all() as { prefix: number }[]
	).map((r) => r.prefix);
	return measure(
		queries.slice(0, 20_000),
		(o) => {
			const block = parseBlock(o.value);
			if (block?.version !== 4) return 0;
			let found = exact.all(o.kind, o.value, RELATED_LIMIT).length;
			const last = block.network + 2 ** (32 - block.prefix) - 1;
			found += members.all(block.network, last, block.prefix, RELATED_LIMIT).length;
			for (const prefix of prefixes) {
				if (prefix >= block.prefix) continue;
				const network = prefix === 0 ? 0 : (block.network & (0xffffffff << (32 - prefix))) >>> 0;
				found += probe.all(network, prefix, RELATED_LIMIT).length;
			}
			return found;
		},
		2,
	);
}

/** The same lookups as `related` on a domain: exact, sub-domains (a range of reversed labels), parents. */
function measureFloorDomains(db: DatabaseSync, queries: readonly Observable[]): number {
	const exact = db.prepare("SELECT object FROM vals WHERE kind = ? AND value = ? LIMIT ?");
	const below = db.prepare("SELECT object FROM dom WHERE rev > ? AND rev < ? LIMIT ?");
	return measure(
		queries.slice(0, 20_000),
		(o) => {
			let found = exact.all(o.kind, o.value, RELATED_LIMIT).length;
			const rev = reversedLabels(o.value);
			found += below.all(`${rev}.`, `${rev}/`, RELATED_LIMIT).length;
			for (let dot = o.value.indexOf("."); dot >= 0; dot = o.value.indexOf(".", dot + 1))
				found += exact.all("domain", o.value.slice(dot + 1), RELATED_LIMIT).length;
			return found;
		},
		2,
	);
}

/** Exact: every tenth value held. CIDR: an address inside each held block, held addresses, and /16s around held addresses. Domains: registrable domains. */
function sampleQueries(db: DatabaseSync): { exact: Observable[]; cidr: Observable[]; domains: Observable[] } {
	// Plain objects, as callers build them (node:sqlite's rows have no prototype, which V8 reads more slowly).
	const exact = (
		db
			.prepare("SELECT kind, value FROM vals WHERE rowid % 10 = 0 LIMIT 200000")
			.all() as unknown as Observable[]
	).map(({ kind, value }): Observable => ({ kind, value }));
	const blocks = db.prepare("SELECT network, prefix FROM v4 WHERE prefix < 32 LIMIT 20000").all() as {
		network: number;
		prefix: number;
	}[];
	const addresses = db.prepare("SELECT network FROM v4 WHERE prefix = 32 LIMIT 40000").all() as {
		network: number;
	}[];
	const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
	const cidr: Observable[] = [];
	blocks.forEach(({ network, prefix }, i) => {
		cidr.push({ kind: "ipv4", value: dotted(network + 1 + (i % 200) * (prefix < 24 ? 256 : 0)) });
		const address = addresses[2 * i]?.network;
		if (address !== undefined) cidr.push({ kind: "ipv4", value: dotted(address) });
		const member = addresses[2 * i + 1]?.network;
		if (member !== undefined) cidr.push({ kind: "ipv4", value: `${dotted((member & 0xffff0000) >>> 0)}/16` });
	});
	const next = random(99);
	const domains = Array.from(
		{ length: 50_000 },
		(): Observable => ({ kind: "domain", value: baseDomain(Math.floor(next() * 50_000)) }),
	);
	return { exact, cidr, domains };
}

/** Writes the store (N indicators and their SCOs through putVersions) and the floor's tables of the same values. */
async function generate(): Promise<void> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const target = await openSqliteStore({ path: join(dir, "store.db") });
	const db = openWriter(join(dir, "floor.db"), "NORMAL");
	db.exec(`CREATE TABLE vals (kind TEXT NOT NULL, value TEXT NOT NULL, object TEXT NOT NULL);
		CREATE TABLE v4 (network INTEGER NOT NULL, prefix INTEGER NOT NULL, object TEXT NOT NULL);
		CREATE TABLE dom (rev TEXT NOT NULL, object TEXT NOT NULL);`);
	const insertValue = db.prepare("INSERT INTO vals VALUES (?, ?, ?)");
	const insertV4 = db.prepare("INSERT INTO v4 VALUES (?, ?, ?)");
	const insertDomain = db.prepare("INSERT INTO dom VALUES (?, ?)");
	let batch: NewVersion[] = [];
	db.exec("BEGIN");
	for (const pair of corpus(count)) {
		for (const object of [pair.indicator, pair.sco] as StixObject[]) {
			batch.push({ object, provenance });
			for (const o of entryOf(object).observables) {
				insertValue.run(o.kind, o.value, object.id);
				const block = o.kind === "ipv4" ? parseBlock(o.value) : undefined;
				if (block?.version === 4) insertV4.run(block.network, block.prefix, object.id);
				if (o.kind === "domain") insertDomain.run(reversedLabels(o.value), object.id);
			}
		}
		if (batch.length >= 4000) {
			await target.putVersions(batch);
			batch = [];
		}
	}
	if (batch.length > 0) await target.putVersions(batch);
	db.exec("COMMIT");
	db.exec(`CREATE INDEX vals_kv ON vals (kind, value);
		CREATE INDEX v4_np ON v4 (network, prefix);
		CREATE INDEX dom_rev ON dom (rev);
		ANALYZE;`);
	db.close();
	await target.close();
	writeFileSync(join(dir, "ready"), "");
}
