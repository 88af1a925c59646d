// Child of the sensor-export bench: one phase per process (so each peak RSS is its own) over the observable-index
// bench's cached SQLite store of N indicators and their SCOs. `floor` reads the latest indicators' bodies as the
// local export does (Store.latestBodyPages) and parses them; `floor-versions` reads version records
// (latestVersionPages, what the gated paths read); `floor-query` query's pages as exports did before D56's first
// speed addendum; `suricata` / `zeek` also format them (src/exports) into a sink that only counts bytes
// (`suricata:gated` through version records and a release, `suricata:0` on one thread). Prints one JSON line.

import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { writeExport } from "../../src/cli/commands/export-format.ts";
import { releasedPages } from "../../src/exports/index.ts";
import { openSqliteStore, type StoredVersion } from "../../src/store/index.ts";

const [phase = "", countText] = process.argv.slice(2);
const FORMATS = ["suricata", "zeek"] as const;
const [format = "", ...variant] = phase.split(":");
const count = Number(countText ?? 1_000_000);
const store = await openSqliteStore({ path: join(tmpdir(), `entente-bench-intel-${count}`, "store.db") });
const query = { versions: ["last" as const], types: ["indicator"] };
const release = async (versions: readonly StoredVersion[]) => versions.map((version) => version.object);

const rssBefore = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const started = performance.now();
let objects = 0;
let bytes = 0;
if (phase === "floor") {
	// What the export reads: the latest indicators' bodies up to the horizon, in one scan (Store.latestBodyPages),
	// parsed on this thread (a formatter needs the objects).
	const upTo = await store.commitHorizon();
	for await (const page of store.latestBodyPages({ upTo, pageSize: 1000, types: ["indicator"] }))
		objects += (JSON.parse(`[${page.join(",")}]`) as unknown[]).length;
} else if (phase === "floor-versions") {
	// What an export through the gate reads (--as, REST): version records (Store.latestVersionPages).
	const upTo = await store.commitHorizon();
	for await (const page of store.latestVersionPages({ upTo, pageSize: 1000, types: ["indicator"] }))
		objects += (await release(page)).length;
} else if (phase === "floor-query") {
	// What it read before D56's speed addendum: query's pages (a probe of the version index per row).
	const pages = releasedPages<StoredVersion>({
		read: (after) => store.query({ ...query, limit: 1000, ...(after === undefined ? {} : { after }) }),
		release,
	});
	for await (const page of pages) objects += page.length;
} else if ((FORMATS as readonly string[]).includes(format)) {
	const sink = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			bytes += chunk.length;
			done();
		},
	});
	// `entente export --format F` without --as (the stored bodies) unless the phase says `gated` (version records
	// through an identity release, as --as and REST read them); `threads` as the phase says, else the default.
	const threads = variant.find((part) => /^\d+$/.test(part));
	await writeExport(
		store,
		query,
		sink,
		variant.includes("gated") ? release : undefined,
		format as (typeof FORMATS)[number],
		{},
		threads === undefined ? {} : { threads: Number(threads) },
	);
} else
	throw new Error(
		`unknown phase ${phase}: floor, floor-versions, floor-query, or suricata|zeek[:gated][:threads]`,
	);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
	`${JSON.stringify({
		phase,
		ms,
		cpuMs: (cpu.user + cpu.system) / 1000,
		objects,
		bytes,
		rssBefore,
		maxRss: process.resourceUsage().maxRSS * 1024,
		load: loadavg()[0],
	})}\n`,
);
await store.close();
