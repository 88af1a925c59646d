// The Home dashboard (D67): GET /dashboard over a store of N objects (default the observable-index bench's 1M
// indicators and their SCOs, copied so its schema stays the cache's) with a busy year of counters, against the floor
// of one small-table read in the same run; and the release counter's cost on the gate: a partner's pages through the
// counted gate against the same gate unwrapped (CPU time, interleaved).
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dashboardFor } from "../../src/api/dashboard.ts";
import { sampleIntel } from "../../src/demo/index.ts";
import type { EgressGate } from "../../src/policy/index.ts";
import { releaseCounter } from "../../src/release/index.ts";
import { TLP2_DEFINITIONS } from "../../src/stix/markings/index.ts";
import { type ActivityCount, openSqliteStore, type Store } from "../../src/store/index.ts";
import { partyNamed, scenarioPolicy } from "../../test/fixtures/reference-scenario-policy.ts";
import { buildTestNode } from "../../test/support/test-node.ts";
import type { BenchRow, Workload } from "../harness.ts";
import { makeIndicator, random } from "../indicators.ts";

const DAY_MS = 86_400_000;
const PARTIES = 20;
const MARKINGS = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED", "unmarked"];
const RULES = ["scope.tlp", "agreement.purpose", "scope.audience", "legal-basis.window", "gate.references"];

/** A copy of the cached store (migrating the cache itself would leave it newer than main's code). */
function storePath(count: number): string {
	const cached = join(tmpdir(), `entente-bench-intel-${count}`, "store.db");
	const dir = join(tmpdir(), `entente-bench-dashboard-${count}`);
	const copy = join(dir, "store.db");
	if (!existsSync(copy)) {
		if (!existsSync(cached))
			throw new Error(`${cached} is missing: run 'npm run bench -- --only observable-index' first`);
		mkdirSync(dir, { recursive: true });
		copyFileSync(cached, copy);
	}
	return copy;
}

/** A year of counters for 20 partners, 6 markings, 5 rules: in, out, local and withheld every day. */
async function seedYear(store: Store): Promise<number> {
	if ((await store.activityCounts("2000-01-01")).length > 0) return 0;
	const counts: ActivityCount[] = [];
	const today = Date.now();
	for (let d = 0; d < 365; d++) {
		const day = new Date(today - d * DAY_MS).toISOString().slice(0, 10);
		for (let p = 0; p < PARTIES; p++) {
			const party = `identity--00000000-0000-4000-8000-${String(p).padStart(12, "0")}`;
			for (const marking of MARKINGS) {
				counts.push({ day, flow: "in", party, marking, rule: "", count: 10 + p });
				counts.push({ day, flow: "out", party, marking, rule: "", count: 20 + p });
			}
			for (const rule of RULES)
				counts.push({ day, flow: "withheld", party, marking: "TLP:RED", rule, count: 3 });
		}
	}
	for (let i = 0; i < counts.length; i += 20_000) await store.addActivityCounts(counts.slice(i, i + 20_000));
	return counts.length;
}

async function bestMs(repeat: number, work: () => Promise<unknown>): Promise<number> {
	let best = Number.POSITIVE_INFINITY;
	for (let i = 0; i < repeat; i++) {
		const started = performance.now();
		await work();
		best = Math.min(best, performance.now() - started);
	}
	return best;
}

async function dashboardRow(count: number): Promise<BenchRow> {
	const store = await openSqliteStore({ path: storePath(count) });
	try {
		await seedYear(store);
		const objects = await store.count({});
		const user = {
			id: "u",
			organizationId: "identity--00000000-0000-4000-8000-000000000000",
			name: "bench",
			role: "analyst" as const,
			tokenHash: "",
			createdAt: "",
		};
		const answer = () => dashboardFor({ store }, user, true, 30);
		await answer();
		const ms = await bestMs(10, answer);
		const since = new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10);
		const floorMs = await bestMs(10, () => store.activityCounts(since));
		const body = JSON.stringify(await answer());
		return {
			name: `dashboard: GET /dashboard?days=30 over ${objects.toLocaleString("en")} objects`,
			value: ms,
			unit: "ms",
			floor: floorMs,
			floorName: "reading the window's counters alone (Store.activityCounts)",
			ratio: ms / floorMs,
			target: "≤ 1 s first paint (issue 16); reads counters, never objects",
			notes: `a year of counters (${PARTIES} partners × ${MARKINGS.length} markings × in/out, ${RULES.length} rules withheld); answer ${Math.round(body.length / 1024)} KiB`,
		};
	} finally {
		await store.close();
	}
}

async function counterRow(): Promise<BenchRow> {
	const policy = scenarioPolicy();
	const nca = partyNamed(policy, "UK National Crime");
	const bank = partyNamed(policy, "Example Bank");
	let plain: EgressGate | undefined;
	let counted: EgressGate | undefined;
	const node = await buildTestNode({
		nodeName: "uk-nca-node",
		policy,
		wrapGate: (gate, store) => {
			plain = gate;
			counted = releaseCounter({ store, localParties: async () => new Set([nca]), flushMs: 1000 }).counted(
				gate,
			);
			return counted;
		},
	});
	try {
		// 500 indicators of the NCA under every TLP 2.0 level (the bank receives some, is denied the others), and the
		// demo's sample intel.
		const next = random(7);
		const levels = Object.values(TLP2_DEFINITIONS).map((definition) => definition.id);
		const indicators = Array.from({ length: 500 }, (_, i) => ({
			...makeIndicator(next, i),
			created_by_ref: nca,
			object_marking_refs: [levels[i % levels.length]],
		}));
		await node.ingest([...sampleIntel("uk-nca", nca), ...indicators], nca);
		const versions = (await node.store.query({ limit: 1000 })).items;
		const viewer = { partyId: bank, userId: "bench", purpose: "network-defence" as const };
		const cpu = { plain: 0, counted: 0 };
		const round = async (gate: EgressGate | undefined, key: "plain" | "counted") => {
			const before = process.cpuUsage();
			for (let i = 0; i < 5; i++) await gate?.releasePage(viewer, versions);
			const used = process.cpuUsage(before);
			cpu[key] += (used.user + used.system) / 1000;
		};
		for (let i = 0; i < 3; i++) {
			await round(plain, "plain");
			await round(counted, "counted");
		}
		for (let i = 0; i < 15; i++) {
			await round(plain, "plain");
			await round(counted, "counted");
		}
		const pages = 15 * 5;
		return {
			name: `dashboard: the release counter on a partner's pages (${versions.length} versions each)`,
			value: cpu.counted / pages,
			unit: "ms CPU/page",
			floor: cpu.plain / pages,
			floorName: "the same gate unwrapped, interleaved",
			ratio: cpu.counted / cpu.plain,
			target: "not measurably slower (≤ 1.05×)",
			notes: "flushes every second during the run (explain per kind of withheld object included)",
		};
	} finally {
		await node.close();
	}
}

export const dashboard: Workload = {
	name: "dashboard",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_DASHBOARD_INDICATORS ?? 1_000_000);
		return [await dashboardRow(count), await counterRow()];
	},
};
