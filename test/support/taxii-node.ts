// The TAXII server tests' node: organisations A and B with their users and the default collection, built by
// buildTestNode, asked with TAXII's media type.
import { randomUUID } from "node:crypto";
import type { Store } from "../../src/store/index.ts";
import {
	type CollectionDefinition,
	TAXII_MEDIA_TYPE,
	type TaxiiOptions,
} from "../../src/taxii/server/index.ts";
import { buildTestNode, type Client, type TestRequestInit } from "./test-node.ts";

export type { Client } from "./test-node.ts";

export const ROOT = "/taxii2/api";

export interface TaxiiNode {
	store: Store;
	/** A request as `as` (organisation A's admin by default; null: none) that accepts TAXII unless told otherwise. */
	request(path: string, init?: TestRequestInit): Promise<Response>;
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

/** Opens the TAXII tests' node (a rate limit no test reaches unless `options` sets one). */
export async function openTaxiiNode(options: Partial<TaxiiOptions> = {}): Promise<TaxiiNode> {
	const orgA = `identity--${randomUUID()}`;
	const orgB = `identity--${randomUUID()}`;
	const node = await buildTestNode({
		organizations: [
			{ id: orgA, name: "Org A" },
			{ id: orgB, name: "Org B" },
		],
		users: {
			admin: { organizationId: orgA, name: "alice", role: "admin" },
			reader: { organizationId: orgA, name: "rita", role: "reader" },
			other: { organizationId: orgB, name: "bob", role: "analyst" },
		},
		taxii: { rateLimit: { burst: 10_000, perSecond: 10_000 }, ...options },
	});
	const [defaultCollection] = await node.collections.listCollections();
	if (defaultCollection === undefined) throw new Error("no default collection");
	const admin = node.user("admin");
	return {
		store: node.store,
		admin,
		reader: node.user("reader"),
		other: node.user("other"),
		defaultCollection,
		request: async (path, init = {}) => {
			const headers = new Headers(init.headers);
			if (!headers.has("accept")) headers.set("Accept", TAXII_MEDIA_TYPE);
			return node.request(path, { ...init, headers, as: init.as === undefined ? admin : init.as });
		},
		fetch: async (input, init) => node.app.request(input instanceof Request ? input : String(input), init),
		defineCollections: async (collections) => {
			for (const existing of await node.collections.listCollections())
				await node.collections.removeCollection(existing.id);
			for (const collection of collections) await node.collections.putCollection(collection);
		},
		seed: async (objects, as = admin) => {
			const report = await node.ingest(objects, as.user.organizationId);
			if (report.counts.rejected > 0) throw new Error(JSON.stringify(report.problems));
		},
		close: () => node.close(),
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
