// A TAXII node for benchmarks: a SQLite store in a temp dir, an admin token, and the HTTP server on 127.0.0.1:0.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createOrganization, createUser } from "../../src/accounts/index.ts";
import { type IngestItem, ingest } from "../../src/ingest/index.ts";
import { createLogger } from "../../src/log/index.ts";
import { createGate } from "../../src/policy/index.ts";
import { previewGates, storeGateSources } from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { makeIndicator, random } from "../indicators.ts";

export const TAXII_ACCEPT = "application/taxii+json;version=2.1";

/** A running benchmark node; `close()` stops the server, closes the store and removes the directory. */
export interface BenchNode {
	store: Store;
	/** e.g. `http://127.0.0.1:41234` */
	origin: string;
	organizationId: string;
	headers: Record<string, string>;
	close(): Promise<void>;
}

/** `count` indicators of the deterministic sequence, as ingest items. */
export function indicatorItems(count: number, seed = 7): IngestItem[] {
	const next = random(seed);
	return Array.from({ length: count }, (_, index) => ({ index, object: makeIndicator(next, index) }));
}

/** Starts a node holding `count` indicators (ingested as the CLI would), rate limiting out of the way. */
export async function startBenchNode(count: number): Promise<BenchNode> {
	const dir = mkdtempSync(join(tmpdir(), "entente-bench-taxii-"));
	const store = await openSqliteStore({ path: join(dir, "entente.db") });
	try {
		const organization = await createOrganization(store, { name: "Bench" });
		const { token } = await createUser(store, {
			organizationId: organization.id,
			name: "bench",
			role: "admin",
		});
		if (count > 0) {
			await ingest(store, indicatorItems(count), {
				provenance: { organizationId: organization.id, source: "bench" },
			});
		}
		const sources = await storeGateSources(store);
		const app = createApp({
			store,
			gate: createGate(sources),
			previewGate: previewGates(sources),
			logger: createLogger("silent"),
			metrics: new HttpMetrics(),
			version: "bench",
			nodeName: "bench",
			taxii: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } },
		});
		const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
			const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(started));
		});
		const { port } = server.address() as AddressInfo;
		return {
			store,
			origin: `http://127.0.0.1:${port}`,
			organizationId: organization.id,
			headers: { Accept: TAXII_ACCEPT, Authorization: `Bearer ${token}` },
			async close() {
				await new Promise<void>((resolve) => server.close(() => resolve()));
				await store.close();
				rmSync(dir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}
