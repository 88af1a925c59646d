// The REST API tests' node: Alpha CERT's, with an admin, an analyst and a reader, seeded objects and a fake egress
// gate (test/support/fake-gate.ts), built by buildTestNode.
import type { RateLimitOptions } from "../../src/accounts/index.ts";
import type { Logger } from "../../src/log/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import type { Store } from "../../src/store/index.ts";
import { type FakeGate, fakeGate, WITHHOLD } from "./fake-gate.ts";
import { buildTestNode, type Client, type TestNode, type TestRequestInit } from "./test-node.ts";

export { DROP_REFS, MINTED_ID, PSEUDONYM, WITHHOLD } from "./fake-gate.ts";
export type { Client } from "./test-node.ts";

export const ALPHA = "identity--0a0a0a0a-0000-4000-8000-000000000001";
export const BETA = "identity--0b0b0b0b-0000-4000-8000-000000000002";
export const NODE = "here";

const T1 = "2025-01-01T00:00:00.000Z";
const T2 = "2025-02-01T00:00:00.000Z";

export const IDS = {
	indicator: "indicator--11111111-1111-4111-8111-111111111111",
	malware: "malware--22222222-2222-4222-8222-222222222222",
	victimIp: "ipv4-addr--33333333-3333-4333-8333-333333333333",
	hidden: "malware--44444444-4444-4444-8444-444444444444",
	hiddenIndicator: "indicator--55555555-5555-4555-8555-555555555555",
	/** v1 released, v2 (the latest) withheld. */
	revised: "report--66666666-6666-4666-8666-666666666666",
	missing: "malware--77777777-7777-4777-8777-777777777777",
} as const;

/** Strings that only withheld content carries: no answer may contain one. */
export const SECRETS = [
	"Nightjar",
	"nightjar",
	"10.0.0.7",
	IDS.hidden,
	IDS.hiddenIndicator,
	"Revised secretly",
];

function sdo(type: string, id: string, modified: string, fields: Record<string, unknown>): StixObject {
	return { type, spec_version: "2.1", id, created: T1, modified, ...fields } as StixObject;
}

export const OBJECTS: StixObject[] = [
	sdo("indicator", IDS.indicator, T1, {
		name: "Emotet C2 server",
		pattern: "[ipv4-addr:value = '198.51.100.7']",
		pattern_type: "stix",
		valid_from: T1,
	}),
	sdo("malware", IDS.malware, T1, { name: "Emotet", is_family: true }),
	{ type: "ipv4-addr", spec_version: "2.1", id: IDS.victimIp, value: "10.0.0.7" } as StixObject,
	sdo("malware", IDS.hidden, T1, { name: "Nightjar loader", is_family: true, [WITHHOLD]: true }),
	sdo("indicator", IDS.hiddenIndicator, T1, {
		name: "Emotet nightjar variant",
		description: "Nightjar",
		pattern: "[ipv4-addr:value = '203.0.113.9']",
		pattern_type: "stix",
		valid_from: T1,
		[WITHHOLD]: true,
	}),
	sdo("report", IDS.revised, T1, { name: "Emotet wave report", published: T1, object_refs: [IDS.malware] }),
	sdo("report", IDS.revised, T2, {
		name: "Revised secretly",
		published: T1,
		object_refs: [IDS.malware],
		[WITHHOLD]: true,
	}),
];

export interface ApiNode {
	store: Store;
	gate: FakeGate;
	admin: Client;
	analyst: Client;
	reader: Client;
	/** The whole node's app (TAXII too), for walking its routes. */
	app: TestNode["app"];
	/**
	 * Requests `path` (below the host) as `as` (the admin by default; null: no credentials), from the client
	 * address `source` when given (as Hono's Node adapter hands it over: `env.incoming.socket`).
	 */
	request(path: string, init?: TestRequestInit): Promise<Response>;
	close(): Promise<void>;
}

/** Opens the API tests' node; `seed: false` leaves the store empty. */
export async function openApiNode(
	options: {
		seed?: boolean;
		maxBodyBytes?: number;
		logger?: Logger;
		rateLimit?: RateLimitOptions;
		/** The store; default a fresh in-memory SQLite store. The node closes it. */
		store?: Store;
		facetReads?: number;
	} = {},
): Promise<ApiNode> {
	const gate = fakeGate(BETA);
	const node: TestNode = await buildTestNode({
		nodeName: NODE,
		organizations: [{ id: ALPHA, name: "Alpha CERT", sectors: ["cert"], jurisdictions: ["GB"] }],
		users: {
			admin: { organizationId: ALPHA, name: "alice", role: "admin" },
			analyst: { organizationId: ALPHA, name: "anna", role: "analyst" },
			reader: { organizationId: ALPHA, name: "rita", role: "reader" },
		},
		gate,
		...(options.logger === undefined ? {} : { logger: options.logger }),
		...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
		...(options.store === undefined ? {} : { store: options.store }),
		...(options.facetReads === undefined ? {} : { facetReads: options.facetReads }),
		...(options.rateLimit === undefined ? {} : { taxii: { rateLimit: options.rateLimit } }),
	});
	if (options.seed !== false) {
		const outcomes = await node.store.putVersions(
			OBJECTS.map((object) => ({ object, provenance: { organizationId: ALPHA, source: "test" } })),
		);
		if (outcomes.some((outcome) => outcome.status !== "stored")) throw new Error("seeding failed");
	}
	const admin = node.user("admin");
	return {
		store: node.store,
		gate,
		admin,
		analyst: node.user("analyst"),
		reader: node.user("reader"),
		app: node.app,
		request: (path, init = {}) =>
			node.request(path, { ...init, as: init.as === undefined ? admin : init.as }),
		close: () => node.close(),
	};
}

/** The JSON body of a response, after checking its status. */
export async function json(response: Response, status: number): Promise<Record<string, unknown>> {
	const text = await response.text();
	if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
	return JSON.parse(text) as Record<string, unknown>;
}

/** A small valid policy for node `here`: Alpha (local) and Beta. */
export const POLICY_YAML = `version: 1
node: here
parties:
  alpha:
    id: ${ALPHA}
    name: Alpha CERT
    sector: cert
    jurisdictions: [GB]
    local: true
    trustTier: 1
  beta:
    id: ${BETA}
    name: Beta Police
    sector: law-enforcement
    jurisdictions: [GB]
    node: beta-node
    trustTier: 1
jurisdictions:
  GB:
    name: United Kingdom
agreements:
  pair:
    name: Alpha–Beta
    kind: bilateral
    parties: [alpha, beta]
    purposes: [network-defence]
    tlpCeiling: amber
    validity: { from: 2024-01-01 }
`;
