// Test support for the REST API tests: a node in memory, three users, seeded objects, and a fake egress gate.

import type { RateLimitOptions } from "../../src/accounts/index.ts";
import { createUser } from "../../src/accounts/index.ts";
import type { ApiViewer } from "../../src/api/gate.ts";
import { createLogger, type Logger } from "../../src/log/index.ts";
import type {
	Decision,
	EgressGate,
	PartyPreview,
	Purpose,
	ReleasableVersion,
} from "../../src/policy/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { openSqliteStore, type Store, type User } from "../../src/store/index.ts";

export const ALPHA = "identity--0a0a0a0a-0000-4000-8000-000000000001";
export const BETA = "identity--0b0b0b0b-0000-4000-8000-000000000002";
export const NODE = "here";

/** Versions carrying this property are withheld by the fake gate: the stand-in for a deny. */
export const WITHHOLD = "x_test_withhold";
/** Ids listed here are removed from the released copy's `object_refs`: the stand-in for a reference withheld. */
export const DROP_REFS = "x_test_drop_refs";
/** What the fake gate makes of 10.x addresses: a pseudonymised copy under a new id. */
export const PSEUDONYM = "pseudonym-7f3a";
export const MINTED_ID = "ipv4-addr--99999999-9999-4999-8999-999999999999";

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

/**
 * A gate that withholds versions marked WITHHOLD, drops the references DROP_REFS names, pseudonymises 10.x
 * addresses, and counts its calls.
 */
export interface FakeGate extends EgressGate {
	calls: number;
	viewers: ApiViewer[];
}

function releaseOne(version: ReleasableVersion): StixObject | undefined {
	const object = version.object as StixObject & Record<string, unknown>;
	if (object[WITHHOLD] === true) return undefined;
	const dropped = object[DROP_REFS];
	if (Array.isArray(dropped) && Array.isArray(object.object_refs)) {
		const { [DROP_REFS]: _marker, ...kept } = object;
		return { ...kept, object_refs: object.object_refs.filter((id) => !dropped.includes(id)) } as StixObject;
	}
	if (object.type === "ipv4-addr" && String(object.value).startsWith("10.")) {
		return { ...object, id: MINTED_ID, value: PSEUDONYM } as StixObject;
	}
	return object;
}

export function fakeGate(): FakeGate {
	const gate: FakeGate = {
		calls: 0,
		viewers: [],
		async releasePage(viewer, versions) {
			gate.calls++;
			gate.viewers.push(viewer);
			return versions.map(releaseOne);
		},
		async release(viewer, version) {
			gate.calls++;
			gate.viewers.push(viewer);
			return releaseOne(version);
		},
		async explain(version: ReleasableVersion, partyId: string, purpose: Purpose): Promise<Decision> {
			gate.calls++;
			const released = releaseOne(version) !== undefined;
			return {
				verdict: released ? "full" : "deny",
				treatments: [],
				addMarkings: [],
				trace: [
					{ rule: "form", outcome: released ? "pass" : "deny", reason: `fake for ${partyId} (${purpose})` },
				],
			};
		},
		async preview(_version: ReleasableVersion, _purpose: Purpose): Promise<PartyPreview[]> {
			gate.calls++;
			return [
				{
					partyId: BETA,
					name: "Beta Police",
					node: "beta-node",
					local: false,
					verdict: "transformed",
					treatments: [{ treatment: "pseudonymise", objectType: "ipv4-addr", because: "fake" }],
					decidingRule: "law.transfer",
					reason: "fake",
				},
			];
		},
	};
	return gate;
}

export interface Client {
	user: User;
	token: string;
}

export interface ApiNode {
	store: Store;
	gate: FakeGate;
	admin: Client;
	analyst: Client;
	reader: Client;
	/** The whole node's app (TAXII too), for walking its routes. */
	app: ReturnType<typeof createApp>;
	/**
	 * Requests `path` (below the host) as `as` (the admin by default; null: no credentials), from the client
	 * address `source` when given (as Hono's Node adapter hands it over: `env.incoming.socket`).
	 */
	request(path: string, init?: RequestInit & { as?: Client | null; source?: string }): Promise<Response>;
	close(): Promise<void>;
}

export async function openApiNode(
	options: { seed?: boolean; maxBodyBytes?: number; logger?: Logger; rateLimit?: RateLimitOptions } = {},
): Promise<ApiNode> {
	const store = await openSqliteStore({ path: ":memory:" });
	await store.putOrganization({
		id: ALPHA,
		name: "Alpha CERT",
		sectors: ["cert"],
		jurisdictions: ["GB"],
		createdAt: T1,
	});
	const admin = await createUser(store, { organizationId: ALPHA, name: "alice", role: "admin" });
	const analyst = await createUser(store, { organizationId: ALPHA, name: "anna", role: "analyst" });
	const reader = await createUser(store, { organizationId: ALPHA, name: "rita", role: "reader" });
	if (options.seed !== false) {
		const outcomes = await store.putVersions(
			OBJECTS.map((object) => ({ object, provenance: { organizationId: ALPHA, source: "test" } })),
		);
		if (outcomes.some((outcome) => outcome.status !== "stored")) throw new Error("seeding failed");
	}
	const gate = fakeGate();
	const app = createApp({
		store,
		logger: options.logger ?? createLogger("silent"),
		metrics: new HttpMetrics(),
		version: "test",
		nodeName: NODE,
		gate,
		previewGate: async () => gate,
		...(options.maxBodyBytes === undefined ? {} : { api: { maxBodyBytes: options.maxBodyBytes } }),
		...(options.rateLimit === undefined ? {} : { taxii: { rateLimit: options.rateLimit } }),
	});
	return {
		store,
		gate,
		admin,
		analyst,
		reader,
		app,
		request: async (path, init = {}) => {
			const { as = admin, source, ...rest } = init;
			const headers = new Headers(rest.headers);
			if (as !== null && !headers.has("authorization")) headers.set("Authorization", `Bearer ${as.token}`);
			const env = source === undefined ? undefined : { incoming: { socket: { remoteAddress: source } } };
			return app.request(path, { ...rest, headers }, env);
		},
		close: () => store.close(),
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
