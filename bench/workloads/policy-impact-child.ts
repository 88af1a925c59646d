// Child of the policy-impact bench (D62): one phase per process over its own copy of the observable-index bench's
// store (N indicators and their SCOs) with benchPolicy applied. `floor` reads every latest version as the impact
// does (Store.latestVersionPages); `impact` previews benchChange for the policy's 100 parties. Prints one JSON line.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { policyImpact } from "../../src/release/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { benchChange, benchPolicy } from "../impact-policies.ts";

const [phase, countText] = process.argv.slice(2);
const count = Number(countText ?? 1_000_000);
const dir = join(tmpdir(), `entente-bench-impact-${count}`);
const path = join(dir, "store.db");

if (!existsSync(join(dir, "ready"))) {
	// Its own copy: the impact reads the applied policy, and the intel store is shared with other benches.
	mkdirSync(dir, { recursive: true });
	copyFileSync(join(tmpdir(), `entente-bench-intel-${count}`, "store.db"), path);
	const store = await openSqliteStore({ path });
	await store.putPolicy({ text: "bench", policy: benchPolicy(), appliedBy: "bench" });
	await store.close();
	writeFileSync(join(dir, "ready"), "");
}

const store = await openSqliteStore({ path });
const rssBefore = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const started = performance.now();
let objects = 0;
let classes = 0;
let perObject = 0;
let changed = 0;
if (phase === "floor") {
	for await (const page of store.latestVersionPages({ upTo: await store.commitHorizon(), pageSize: 1000 }))
		objects += page.length;
} else if (phase === "impact") {
	const impact = await policyImpact(store, benchChange(benchPolicy()));
	objects = impact.objects;
	classes = impact.classes;
	perObject = impact.decidedPerObject;
	changed = impact.parties.filter((p) => p.gained > 0 || p.lost > 0).length;
} else throw new Error(`unknown phase ${phase}: floor or impact`);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
	`${JSON.stringify({ phase, ms, cpuMs: (cpu.user + cpu.system) / 1000, objects, classes, perObject, changed, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`,
);
await store.close();
