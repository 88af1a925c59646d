// The search tests' node: indicators, observables and names around a few values, some withheld or pseudonymised by
// the fake gate, ingested so the observable index holds them. Shared by the REST and CLI tests of search and match.
import type { StixObject } from "../../src/stix/core.ts";
import { scoId } from "../../src/stix/ids/index.ts";
import { fakeGate, WITHHOLD } from "./fake-gate.ts";
import { buildTestNode, type Client, type TestNode } from "./test-node.ts";

export const ALPHA = "identity--0a0a0a0a-0000-4000-8000-000000000001";
export const BETA = "identity--0b0b0b0b-0000-4000-8000-000000000002";
export const TLP_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
const T1 = "2025-01-01T00:00:00.000Z";

function indicator(id: string, fields: Record<string, unknown>): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id,
		created: T1,
		modified: T1,
		pattern_type: "stix",
		valid_from: T1,
		...fields,
	} as StixObject;
}

function sco(type: string, value: string, fields: Record<string, unknown> = {}): StixObject {
	const object = { type, spec_version: "2.1", value, ...fields };
	return { ...object, id: scoId({ type, value }) as string } as StixObject;
}

export const SEARCH_IDS = {
	c2: "indicator--a1111111-1111-4111-8111-111111111111",
	range: "indicator--a2222222-2222-4222-8222-222222222222",
	hiddenC2: "indicator--a3333333-3333-4333-8333-333333333333",
	evil: "indicator--a4444444-4444-4444-8444-444444444444",
	parent: "indicator--a5555555-5555-4555-8555-555555555555",
	family: "malware--a6666666-6666-4666-8666-666666666666",
} as const;

export const C2_SCO = sco("ipv4-addr", "198.51.100.7");
/** Pseudonymised by the fake gate (a 10.x address): released under another id, so never under this one. */
export const VICTIM_SCO = sco("ipv4-addr", "10.0.0.7");

/** Strings only withheld content carries: no answer may hold one. */
export const SEARCH_SECRETS = ["Nightjar", "nightjar", "203.0.113.9", SEARCH_IDS.hiddenC2, "10.0.0.7"];

export const SEARCH_OBJECTS: StixObject[] = [
	indicator(SEARCH_IDS.c2, {
		name: "Qakbot C2 server",
		pattern: "[ipv4-addr:value = '198.51.100.7']",
		created_by_ref: ALPHA,
		object_marking_refs: [TLP_GREEN],
		confidence: 80,
	}),
	indicator(SEARCH_IDS.range, {
		name: "Qakbot hosting range",
		pattern: "[ipv4-addr:value = '198.51.100.0/24']",
		created_by_ref: BETA,
	}),
	indicator(SEARCH_IDS.hiddenC2, {
		name: "Nightjar C2",
		pattern: "[ipv4-addr:value = '198.51.100.7'] OR [ipv4-addr:value = '203.0.113.9']",
		created_by_ref: BETA,
		[WITHHOLD]: true,
	}),
	indicator(SEARCH_IDS.evil, {
		name: "Phishing domain",
		pattern: "[domain-name:value = 'evil.example.com']",
		created_by_ref: ALPHA,
	}),
	indicator(SEARCH_IDS.parent, {
		name: "Bulletproof registrar zone",
		pattern: "[domain-name:value = 'example.com']",
		created_by_ref: BETA,
	}),
	{
		type: "malware",
		spec_version: "2.1",
		id: SEARCH_IDS.family,
		created: T1,
		modified: T1,
		name: "Qakbot",
		aliases: ["QBot", "Pinkslipbot"],
		is_family: true,
		created_by_ref: ALPHA,
	} as StixObject,
	C2_SCO,
	VICTIM_SCO,
];

export interface SearchNode {
	node: TestNode;
	admin: Client;
	request(path: string, init?: RequestInit): Promise<Response>;
	close(): Promise<void>;
}

/** Builds the node with SEARCH_OBJECTS ingested as Alpha's, behind the fake gate. */
export async function openSearchNode(): Promise<SearchNode> {
	const node = await buildTestNode({
		organizations: [{ id: ALPHA, name: "Alpha CERT" }],
		users: { admin: { organizationId: ALPHA, name: "alice", role: "admin" } },
		gate: fakeGate(BETA),
	});
	const report = await node.ingest(SEARCH_OBJECTS, ALPHA);
	if (report.problems.length > 0) throw new Error(`seeding failed: ${JSON.stringify(report.problems)}`);
	const admin = node.user("admin");
	return {
		node,
		admin,
		request: (path, init = {}) => node.request(path, { ...init, as: admin }),
		close: () => node.close(),
	};
}
