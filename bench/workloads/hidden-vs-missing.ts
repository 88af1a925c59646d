// Hidden and missing cost the same (D35): one object's lookup by a partner, for ids it may not see and ids the node
// does not hold, interleaved over loopback HTTP; the row is the ratio of the median times (hidden / missing).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createUser, upsertPartyOrganizations } from "../../src/accounts/index.ts";
import { ingest } from "../../src/ingest/index.ts";
import { createLogger } from "../../src/log/index.ts";
import { createGate, parsePolicyFile } from "../../src/policy/index.ts";
import { previewGates, storeGateSources } from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import { TLP2_DEFINITIONS } from "../../src/stix/markings/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { storeTaxiiRepository } from "../../src/taxii/server/repository.ts";
import type { BenchRow, Workload } from "../harness.ts";
import { makeIndicator, random } from "../indicators.ts";
import { TAXII_ACCEPT } from "./taxii-node.ts";

/** Requests of each kind per path: ≥ 200 each, as the issue asks, interleaved hidden, missing, hidden, … */
const REQUESTS = 400;
/** Objects the partner may see, around the hidden ones, so that lookups run in a store of some size. */
const BACKGROUND = 5_000;
const SCENARIO = resolve(import.meta.dirname, "..", "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Milliseconds of one GET, body read; throws unless it is the 404 both kinds must answer. */
async function timed(url: string, headers: Record<string, string>): Promise<number> {
	const started = performance.now();
	const response = await fetch(url, { headers });
	await response.arrayBuffer();
	const elapsed = performance.now() - started;
	if (response.status !== 404) throw new Error(`${url} answered ${response.status}, not 404`);
	return elapsed;
}

export const hiddenVsMissing: Workload = {
	name: "hidden vs missing",
	async run(): Promise<BenchRow[]> {
		const dir = mkdtempSync(join(tmpdir(), "entente-bench-hidden-"));
		const store = await openSqliteStore({ path: join(dir, "entente.db") });
		try {
			const parsed = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });
			if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
			await upsertPartyOrganizations(store, parsed.policy);
			await store.putPolicy({ text: "reference scenario", policy: parsed.policy, appliedBy: "bench" });
			const partner = await createUser(store, { organizationId: FBI, name: "fbi", role: "reader" });
			// Background GREEN indicators the partner receives, and REQUESTS TLP:RED ones (three versions each) it may not.
			const next = random(11);
			const background = Array.from({ length: BACKGROUND }, (_, i) => makeIndicator(next, i));
			const secrets = Array.from({ length: REQUESTS }, (_, i) => makeIndicator(next, BACKGROUND + i));
			const hidden = secrets.flatMap((indicator) =>
				["2026-02-01T00:00:00.000Z", "2026-02-02T00:00:00.000Z", "2026-02-03T00:00:00.000Z"].map(
					(modified) => ({
						...indicator,
						modified,
						object_marking_refs: [TLP2_DEFINITIONS.red.id],
					}),
				),
			);
			const report = await ingest(
				store,
				[...background, ...hidden].map((object, index) => ({ index, object })),
				{ provenance: { organizationId: NCA, source: "bench" } },
			);
			if (report.counts.rejected > 0) throw new Error(JSON.stringify(report.problems.slice(0, 3)));
			const hiddenIds = secrets.map((object) => String(object.id));
			const missingIds = hiddenIds.map(() => `indicator--${randomUUID()}`);
			const repository = storeTaxiiRepository(store, "uk-nca-node", () => Date.now() * 1000);
			const [all] = await repository.listCollections();
			if (all === undefined) throw new Error("no default collection");
			const sources = await storeGateSources(store);
			const app = createApp({
				store,
				gate: createGate(sources),
				previewGate: previewGates(sources),
				logger: createLogger("silent"),
				metrics: new HttpMetrics(),
				version: "bench",
				nodeName: "uk-nca-node",
				taxii: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } },
			});
			const server = await new Promise<ReturnType<typeof serve>>((done) => {
				const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => done(started));
			});
			const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const headers = {
				Accept: TAXII_ACCEPT,
				Authorization: `Bearer ${partner.token}`,
				"X-Entente-Purpose": "network-defence",
			};
			const paths = [
				{
					name: "TAXII GET object",
					url: (id: string) => `${origin}/taxii2/api/collections/${all.id}/objects/${id}/`,
				},
				{ name: "REST GET /objects/{id}", url: (id: string) => `${origin}/api/v1/objects/${id}` },
			];
			try {
				const rows: BenchRow[] = [];
				for (const path of paths) {
					// Warm-up: both kinds, so neither pays a first-request cost inside the measurement.
					for (let i = 0; i < 20; i++) {
						await timed(path.url(hiddenIds[i] ?? ""), headers);
						await timed(path.url(`indicator--${randomUUID()}`), headers);
					}
					const hiddenMs: number[] = [];
					const missingMs: number[] = [];
					for (let i = 0; i < REQUESTS; i++) {
						// Alternate which kind goes first, so a drift in the machine's load falls on both alike.
						const pair = [
							async () => hiddenMs.push(await timed(path.url(hiddenIds[i] ?? ""), headers)),
							async () => missingMs.push(await timed(path.url(missingIds[i] ?? ""), headers)),
						];
						if (i % 2 === 1) pair.reverse();
						for (const request of pair) await request();
					}
					const hiddenMedian = median(hiddenMs);
					const missingMedian = median(missingMs);
					rows.push({
						name: `${path.name}: an id hidden from the partner vs one not held (${REQUESTS} of each, interleaved)`,
						value: hiddenMedian,
						unit: "ms (median)",
						floor: missingMedian,
						floorName: "median for an id the node does not hold",
						ratio: hiddenMedian / missingMedian,
						target: "1.0 ± 0.1",
						notes: `reference scenario; FBI asks NCA's TLP:RED indicators (3 versions each) among ${BACKGROUND.toLocaleString("en")} it receives`,
					});
				}
				return rows;
			} finally {
				await new Promise<void>((done) => server.close(() => done()));
			}
		} finally {
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	},
};
