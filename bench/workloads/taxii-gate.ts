// TAXII paging with the egress gate deciding (reference scenario applied, a partner reading) vs without a policy (a local reader),
// and the same gate guarded by the invariants (D37) vs the gate alone.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createUser, upsertPartyOrganizations } from "../../src/accounts/index.ts";
import { type IngestItem, ingest } from "../../src/ingest/index.ts";
import { createLogger } from "../../src/log/index.ts";
import { createGate, guardedGate, parsePolicyFile } from "../../src/policy/index.ts";
import {
	incidentSink,
	previewGates,
	storeGateSources,
	storeInvariantSources,
} from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import { scoId } from "../../src/stix/ids/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { storeTaxiiRepository } from "../../src/taxii/server/repository.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";
import { makeIndicator, random } from "../indicators.ts";
import { indicatorItems, TAXII_ACCEPT } from "./taxii-node.ts";

const PAGE = 1000;
const OBJECTS_PATH = "/taxii2/api/collections/all/objects/";
const NEXT = /^\{"more":true,"next":"([^"]+)"/;
const SCENARIO = resolve(import.meta.dirname, "..", "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";

async function pageAll(origin: string, headers: Record<string, string>): Promise<number> {
	let next: string | undefined;
	let pages = 0;
	do {
		const query = `limit=${PAGE}${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
		const response = await fetch(`${origin}${OBJECTS_PATH}?${query}`, { headers });
		const body = await response.text();
		if (response.status !== 200) throw new Error(`page answered ${response.status}: ${body.slice(0, 200)}`);
		next = NEXT.exec(body)?.[1];
		pages++;
	} while (next !== undefined);
	return pages;
}

/**
 * Pages every object from two servers in lockstep, alternating which goes first on each page, and returns
 * the milliseconds each spent: a change in the machine's load hits both within the same page.
 */
async function pageInLockstep(
	a: string,
	b: string,
	headers: Record<string, string>,
): Promise<[number, number]> {
	const next: [string | undefined, string | undefined] = [undefined, undefined];
	const spent: [number, number] = [0, 0];
	const origins = [a, b] as const;
	const one = async (side: 0 | 1): Promise<boolean> => {
		const token = next[side];
		const query = `limit=${PAGE}${token === undefined ? "" : `&next=${encodeURIComponent(token)}`}`;
		const started = performance.now();
		const response = await fetch(`${origins[side]}${OBJECTS_PATH}?${query}`, { headers });
		const body = await response.text();
		spent[side] += performance.now() - started;
		if (response.status !== 200) throw new Error(`page answered ${response.status}: ${body.slice(0, 200)}`);
		next[side] = NEXT.exec(body)?.[1];
		return next[side] !== undefined;
	};
	for (let page = 0; ; page++) {
		const first: 0 | 1 = page % 2 === 0 ? 0 : 1;
		const moreFirst = await one(first);
		const moreSecond = await one(first === 0 ? 1 : 0);
		if (moreFirst !== moreSecond) throw new Error("the two servers page differently");
		if (!moreFirst) return spent;
	}
}

/** Indicators, and with `withObservables` the ipv4-addr each one's pattern names, as ingest items. */
function itemsOf(count: number, withObservables: boolean): IngestItem[] {
	if (!withObservables) return indicatorItems(count);
	const next = random(7);
	const indicators = Array.from({ length: count / 2 }, (_, i) => makeIndicator(next, i));
	const observables = indicators.map((indicator) => {
		const value = PATTERN_VALUE.exec(String(indicator.pattern))?.[1] ?? "";
		return {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: scoId({ type: "ipv4-addr", value }),
			value,
			object_marking_refs: indicator.object_marking_refs,
		};
	});
	return [...observables, ...indicators].map((object, index) => ({ index, object }));
}
const PATTERN_VALUE = /'([^']+)'/;

/**
 * Two rows: page all objects as a local reader without a policy, then as a partner through the gate; and as
 * the partner through the gate guarded by the invariants, against the gate alone.
 */
async function measure(count: number, withObservables: boolean): Promise<BenchRow[]> {
	const dir = mkdtempSync(join(tmpdir(), "entente-bench-gate-"));
	const store = await openSqliteStore({ path: join(dir, "entente.db") });
	try {
		const parsed = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		await upsertPartyOrganizations(store, parsed.policy);
		const local = await createUser(store, { organizationId: NCA, name: "nca", role: "admin" });
		const partner = await createUser(store, { organizationId: FBI, name: "fbi", role: "reader" });
		const report = await ingest(store, itemsOf(count, withObservables), {
			provenance: { organizationId: NCA, source: "bench" },
		});
		if (report.counts.rejected > 0) throw new Error(JSON.stringify(report.problems.slice(0, 3)));
		const repository = storeTaxiiRepository(store, "uk-nca-node", () => Date.now() * 1000);
		const [all] = await repository.listCollections();
		if (all === undefined) throw new Error("no default collection");
		await repository.putCollection({ ...all, read: { organizations: [NCA, FBI] } });
		await store.putPolicy({ text: "reference scenario", policy: parsed.policy, appliedBy: "bench" });
		// Two apps over the one store: the floor's gate sees no policy (only the local reader receives, in
		// full); the measured one applies the reference scenario. Passes alternate, so a change in the
		// machine's load between them hits both sides alike.
		const sources = await storeGateSources(store);
		const appOf = (gate: ReturnType<typeof createGate>) =>
			createApp({
				store,
				gate,
				previewGate: previewGates(sources),
				logger: createLogger("silent"),
				metrics: new HttpMetrics(),
				version: "bench",
				nodeName: "uk-nca-node",
				taxii: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } },
			});
		const guarded = guardedGate(
			createGate(sources),
			storeInvariantSources(store),
			incidentSink(store, createLogger("silent")),
		);
		const servers = await Promise.all(
			[
				appOf(createGate({ ...sources, compiled: () => undefined })),
				appOf(createGate(sources)),
				appOf(guarded),
			].map(
				(app) =>
					new Promise<ReturnType<typeof serve>>((done) => {
						const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => done(started));
					}),
			),
		);
		const [offOrigin, onOrigin, guardedOrigin] = servers.map(
			(server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		) as [string, string, string];
		const as = (token: string) => ({ Accept: TAXII_ACCEPT, Authorization: `Bearer ${token}` });
		try {
			const localHeaders = as(local.token);
			const partnerHeaders = { ...as(partner.token), "X-Entente-Purpose": "network-defence" };
			const first = await fetch(`${onOrigin}${OBJECTS_PATH}?limit=1`, { headers: partnerHeaders });
			if (!(await first.text()).includes('"objects"')) throw new Error("the partner receives nothing");
			await pageAll(offOrigin, localHeaders); // warm-up
			await pageAll(onOrigin, partnerHeaders);
			await pageAll(guardedOrigin, partnerHeaders);
			let offMs = Number.POSITIVE_INFINITY;
			let onMs = Number.POSITIVE_INFINITY;
			let guardedMs = Number.POSITIVE_INFINITY;
			let lockstepGateMs = Number.POSITIVE_INFINITY;
			for (let pass = 0; pass < 4; pass++) {
				offMs = Math.min(
					offMs,
					await bestOf(
						1,
						() => undefined,
						() => pageAll(offOrigin, localHeaders).then(() => {}),
					),
				);
				onMs = Math.min(
					onMs,
					await bestOf(
						1,
						() => undefined,
						() => pageAll(onOrigin, partnerHeaders).then(() => {}),
					),
				);
				const [gateAlone, guardedToo] = await pageInLockstep(onOrigin, guardedOrigin, partnerHeaders);
				lockstepGateMs = Math.min(lockstepGateMs, gateAlone);
				guardedMs = Math.min(guardedMs, guardedToo);
			}
			const incidents = [...(await store.incidentCounts()).values()].reduce((a, b) => a + b, 0);
			if (incidents > 0) throw new Error(`the invariants stopped ${incidents} release(s) the gate made`);
			const rate = (ms: number): number => (count / ms) * 1000;
			const what = withObservables ? "objects (half ipv4-addr)" : "objects";
			const invariantsRow: BenchRow = {
				name: `TAXII GET objects through the gate + invariants, ${count.toLocaleString("en")} ${what}, limit=${PAGE}, partner party`,
				value: rate(guardedMs),
				unit: "objects/s",
				floor: rate(lockstepGateMs),
				floorName: "same paging through the gate alone (page by page in lockstep)",
				ratio: guardedMs / lockstepGateMs,
				target: "≤ 1.05×",
				notes: "every released copy checked against the four invariants (D37); zero incidents asserted",
			};
			const gateRow: BenchRow = {
				name: withObservables
					? `TAXII GET objects through the gate, ${count.toLocaleString("en")} objects (half ipv4-addr the other half's patterns name), limit=${PAGE}, partner party`
					: `TAXII GET objects through the gate, ${count.toLocaleString("en")} objects, limit=${PAGE}, partner party`,
				value: rate(onMs),
				unit: "objects/s",
				floor: rate(offMs),
				floorName: "same paging, no policy, local reader (passes alternate)",
				ratio: onMs / offMs,
				target: withObservables ? "(no target: the held-observable case)" : "≤ 1.3×",
				notes: withObservables
					? "every indicator names a held ipv4-addr: its SCO id is hashed, found and the observable judged (D21)"
					: "reference scenario applied; FBI reads NCA's TLP:GREEN indicators (all released, PAP/TLP obligations added)",
			};
			return [gateRow, invariantsRow];
		} finally {
			for (const server of servers) await new Promise<void>((done) => server.close(() => done()));
		}
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

export const taxiiGate: Workload = {
	name: "TAXII paging through the gate",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_TAXII_OBJECTS ?? 100_000);
		return [...(await measure(count, false)), ...(await measure(count, true))];
	},
};
