// Test support for the TAXII server tests: a node in memory with two organisations and their users.
import { randomUUID } from "node:crypto";
import { createOrganization, createUser } from "../../src/accounts/index.ts";
import { ingest } from "../../src/ingest/index.ts";
import { createLogger } from "../../src/log/index.ts";
import { createGate } from "../../src/policy/index.ts";
import { previewGates, storeGateSources } from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import { openSqliteStore, type Store, type User } from "../../src/store/index.ts";
import type { CollectionDefinition } from "../../src/taxii/server/collections.ts";
import { TAXII_MEDIA_TYPE } from "../../src/taxii/server/media-types.ts";
import { storeTaxiiRepository } from "../../src/taxii/server/repository.ts";
import type { TaxiiOptions } from "../../src/taxii/server/services.ts";

export const ROOT = "/taxii2/api";

export interface Client {
	user: User;
	token: string;
}

export interface Node {
	store: Store;
	request(path: string, init?: RequestInit & { as?: Client | null }): Promise<Response>;
	/** The app as a `fetch` (no headers added), for a TaxiiClient to call in-process. */
	fetch: typeof fetch;
	/** Admin of organisation A. */
	admin: Client;
	/** Reader of organisation A. */
	reader: Client;
	/** Analyst of organisation B. */
	other: Client;
	defaultCollection: CollectionDefinition;
	defineCollections(collections: CollectionDefinition[]): Promise<void>;
	/** Stores objects as organisation `as` would through the CLI path. */
	seed(objects: Record<string, unknown>[], as?: Client): Promise<void>;
	close(): Promise<void>;
}

export async function openNode(options: Partial<TaxiiOptions> = {}): Promise<Node> {
	const store = await openSqliteStore({ path: ":memory:" });
	const orgA = await createOrganization(store, { name: "Org A" });
	const orgB = await createOrganization(store, { name: "Org B" });
	const admin = await createUser(store, { organizationId: orgA.id, name: "alice", role: "admin" });
	const reader = await createUser(store, { organizationId: orgA.id, name: "rita", role: "reader" });
	const other = await createUser(store, { organizationId: orgB.id, name: "bob", role: "analyst" });
	const sources = await storeGateSources(store);
	const app = createApp({
		store,
		gate: createGate(sources),
		previewGate: previewGates(sources),
		logger: createLogger("silent"),
		metrics: new HttpMetrics(),
		version: "test",
		nodeName: "test-node",
		taxii: { rateLimit: { burst: 10_000, perSecond: 10_000 }, ...options },
	});
	const repository = storeTaxiiRepository(store, "test-node", () => Date.now() * 1000);
	const [defaultCollection] = await repository.listCollections();
	if (defaultCollection === undefined) throw new Error("no default collection");
	return {
		store,
		admin,
		reader,
		other,
		defaultCollection,
		request: async (path, init = {}) => {
			const { as = admin, ...rest } = init;
			const headers = new Headers(rest.headers);
			if (!headers.has("accept")) headers.set("Accept", TAXII_MEDIA_TYPE);
			if (as !== null && !headers.has("authorization")) headers.set("Authorization", `Bearer ${as.token}`);
			return app.request(path, { ...rest, headers });
		},
		fetch: async (input, init) => app.request(input instanceof Request ? input : String(input), init),
		defineCollections: async (collections) => {
			for (const existing of await repository.listCollections())
				await repository.removeCollection(existing.id);
			for (const collection of collections) await repository.putCollection(collection);
		},
		seed: async (objects, as = admin) => {
			const report = await ingest(
				store,
				objects.map((object, index) => ({ index, object })),
				{ provenance: { organizationId: as.user.organizationId, source: "test" } },
			);
			if (report.counts.rejected > 0) throw new Error(JSON.stringify(report.problems));
		},
		close: () => store.close(),
	};
}

/** A valid STIX 2.1 indicator; `modified` makes a new version of the same id. */
export function indicator(
	overrides: { id?: string; modified?: string; name?: string; [key: string]: unknown } = {},
): Record<string, unknown> {
	const created = "2024-01-01T00:00:00.000Z";
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${randomUUID()}`,
		created,
		modified: created,
		name: "bad ip",
		pattern: "[ipv4-addr:value = '198.51.100.1']",
		pattern_type: "stix",
		valid_from: created,
		...overrides,
	};
}

/** A valid STIX 2.1 malware SDO. */
export function malware(): Record<string, unknown> {
	return {
		type: "malware",
		spec_version: "2.1",
		id: `malware--${randomUUID()}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		name: "evil",
		is_family: false,
	};
}

export function envelope(objects: unknown[]): RequestInit {
	return {
		method: "POST",
		headers: { "Content-Type": TAXII_MEDIA_TYPE },
		body: JSON.stringify({ objects }),
	};
}

export function basic(name: string, token: string): string {
	return `Basic ${Buffer.from(`${name}:${token}`).toString("base64")}`;
}

/** The parsed JSON body. */
export async function json(response: Response): Promise<Record<string, unknown>> {
	return (await response.json()) as Record<string, unknown>;
}

/** TAXII 2.1 §2 timestamp with exactly six fraction digits. */
export const MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
