// A node in memory for gate scenarios: a policy's parties as organisations with one analyst each, one
// collection ("all") every party reads, the egress gate and the HTTP app, asked in-process as a party.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createUser, upsertPartyOrganizations } from "../../src/accounts/index.ts";
import { writeBundle } from "../../src/cli/commands/export.ts";
import { ingest } from "../../src/ingest/index.ts";
import { createLogger } from "../../src/log/index.ts";
import { createGate, type EgressGate, type Policy, type Purpose } from "../../src/policy/index.ts";
import { previewGates, storeGateSources } from "../../src/release/index.ts";
import { createApp, HttpMetrics } from "../../src/server/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { type ObjectQuery, openSqliteStore, type Store } from "../../src/store/index.ts";
import { storeTaxiiRepository } from "../../src/taxii/server/repository.ts";
import type { ModelAgreement, ModelObject, ModelWorld } from "../model/entitlement-model.ts";
import { NODE_NAME as MODEL_NODE_NAME, policyOf, stixOf } from "../model/model-node.ts";

const TAXII = "application/taxii+json;version=2.1";

export interface ScenarioOptions {
	nodeName: string;
	/** Whose parties become organisations, each with one analyst (the policy itself is not applied). */
	parties: Policy;
	/** Organisations that may write to the collection; default: every party. */
	writers?: readonly string[];
	/** The gate's clock (agreements, legal bases and IEP dates are judged at it); default: the wall clock. */
	now?: () => Date;
}

export interface ScenarioNode {
	store: Store;
	gate: EgressGate;
	/** A request as `party`'s analyst: TAXII's Accept and the bearer token set on `init`'s headers. */
	request(path: string, party: string, init?: RequestInit): Promise<Response>;
	/** A request with TAXII's Accept and `authorization` as given (null: none), from `source` when given. */
	requestWith(
		path: string,
		authorization: string | null,
		init?: RequestInit,
		source?: string,
	): Promise<Response>;
	/**
	 * GET as `party`'s analyst, for `purpose` when given (TAXII: X-Entente-Purpose; REST: `purpose=` in
	 * the query); without it, each protocol's default.
	 */
	get(path: string, party: string, purpose?: Purpose): Promise<{ status: number; text: string }>;
	/** Stores `policy` as the next version and upserts its parties as organisations. */
	applyPolicy(policy: Policy, text?: string): Promise<void>;
	/** Ingests `objects` in order, recorded under `poster`; asserts none is rejected. */
	ingest(objects: readonly StixObject[], poster: string): Promise<void>;
	/** What `export --as party --purpose purpose` writes for `query`: the text, and its objects. */
	exportAs(
		party: string,
		query: Omit<ObjectQuery, "limit">,
		purpose?: Purpose,
	): Promise<{ text: string; objects: StixObject[] }>;
	close(): Promise<void>;
}

/** Opens a scenario node over an in-memory store. */
export async function openScenarioNode(options: ScenarioOptions): Promise<ScenarioNode> {
	const { nodeName, parties } = options;
	const store = await openSqliteStore({ path: ":memory:" });
	await upsertPartyOrganizations(store, parties);
	const tokens = new Map<string, string>();
	for (const party of parties.parties) {
		const { token } = await createUser(store, {
			organizationId: party.id,
			name: party.name,
			role: "analyst",
		});
		tokens.set(party.id, token);
	}
	const repository = storeTaxiiRepository(store, nodeName, () => Date.now() * 1000);
	for (const existing of await repository.listCollections()) await repository.removeCollection(existing.id);
	const everyone = parties.parties.map((p) => p.id);
	await repository.putCollection({
		id: "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
		alias: "all",
		title: "everything",
		filter: {},
		read: { organizations: everyone },
		write: { organizations: [...(options.writers ?? everyone)], roles: ["admin", "analyst"] },
	});
	const sources = await storeGateSources(store, options.now === undefined ? {} : { now: options.now });
	const gate = createGate(sources);
	const app = createApp({
		store,
		gate,
		previewGate: previewGates(sources),
		logger: createLogger("silent"),
		metrics: new HttpMetrics(),
		version: "test",
		nodeName,
		taxii: { rateLimit: { burst: 1e9, perSecond: 1e9 } },
	});
	const request = (path: string, party: string, init: RequestInit = {}): Promise<Response> => {
		const headers = new Headers(init.headers);
		headers.set("Accept", TAXII);
		headers.set("Authorization", `Bearer ${tokens.get(party)}`);
		return Promise.resolve(app.request(path, { ...init, headers }));
	};
	const requestWith = (
		path: string,
		authorization: string | null,
		init: RequestInit = {},
		source?: string,
	): Promise<Response> => {
		const headers = new Headers(init.headers);
		headers.set("Accept", TAXII);
		if (authorization !== null) headers.set("Authorization", authorization);
		// Hono's Node adapter hands the server's request to the app as `env.incoming` (accounts' sourceAddressOf).
		const env = source === undefined ? undefined : { incoming: { socket: { remoteAddress: source } } };
		return Promise.resolve(app.request(path, { ...init, headers }, env));
	};
	let applied = 0;
	return {
		store,
		gate,
		request,
		requestWith,
		async get(path, party, purpose) {
			let url = path;
			const headers: Record<string, string> = {};
			if (purpose !== undefined) {
				headers["X-Entente-Purpose"] = purpose;
				if (path.startsWith("/api/")) url = `${path}${path.includes("?") ? "&" : "?"}purpose=${purpose}`;
			}
			const response = await request(url, party, { headers });
			return { status: response.status, text: await response.text() };
		},
		async applyPolicy(policy, text = `scenario policy ${++applied}`) {
			await store.putPolicy({ text, policy, appliedBy: "test" });
			await upsertPartyOrganizations(store, policy);
		},
		async ingest(objects, poster) {
			const report = await ingest(
				store,
				objects.map((object, index) => ({ index, object })),
				{ provenance: { organizationId: poster, source: "test" } },
			);
			assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
		},
		async exportAs(party, query, purpose = "network-defence") {
			const chunks: string[] = [];
			const sink = new Writable({
				write(chunk, _encoding, done) {
					chunks.push(String(chunk));
					done();
				},
			});
			await writeBundle(store, query, sink, (versions) =>
				gate.releasePage({ partyId: party, userId: "test", purpose }, versions),
			);
			const text = chunks.join("");
			return { text, objects: (JSON.parse(text) as { objects: StixObject[] }).objects };
		},
		close: () => store.close(),
	};
}

/**
 * A scenario node for a model world (test/model): its policy applied, then every version of each of
 * `objects`, oldest first, ingested as its poster's.
 */
export async function openModelScenario(
	world: ModelWorld,
	objects: readonly ModelObject[],
): Promise<ScenarioNode> {
	const policy = policyOf(world);
	const node = await openScenarioNode({ nodeName: MODEL_NODE_NAME, parties: policy });
	await node.applyPolicy(policy);
	for (const object of objects) {
		const versions = Array.from({ length: (object.history?.length ?? 0) + 1 }, (_, i) => stixOf(object, i));
		await node.ingest(versions, object.poster);
	}
	return node;
}

/** A bilateral agreement in force between `a` and `b`: up to AMBER, for network defence, no onward sharing. */
export function bilateralAgreement(id: string, a: string, b: string): ModelAgreement {
	return {
		id,
		parties: [a, b],
		communities: [],
		tlpCeiling: "amber",
		purposes: ["network-defence"],
		validity: "current",
		onwardSharing: false,
	};
}
