// A node in memory for gate scenarios (built by buildTestNode): a policy's parties as organisations with one analyst
// each, one collection ("all") every party reads, the node's gates and the HTTP app, asked in-process as a party.
import assert from "node:assert/strict";
import type { EgressGate, Policy, Purpose } from "../../src/policy/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import type { ObjectQuery, Store } from "../../src/store/index.ts";
import type { ModelAgreement, ModelObject, ModelWorld } from "../model/entitlement-model.ts";
import { NODE_NAME as MODEL_NODE_NAME, policyOf, stixOf } from "../model/model-node.ts";
import { buildTestNode, bundleObjects, everyoneCollection } from "./test-node.ts";

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

/** Opens a scenario node over an in-memory store, built by buildTestNode. */
export async function openScenarioNode(options: ScenarioOptions): Promise<ScenarioNode> {
	const { parties } = options;
	const everyone = parties.parties.map((p) => p.id);
	const node = await buildTestNode({
		nodeName: options.nodeName,
		parties,
		users: Object.fromEntries(
			parties.parties.map((party) => [
				party.id,
				{ organizationId: party.id, name: party.name, role: "analyst" },
			]),
		),
		collections: [everyoneCollection(everyone, options.writers ?? everyone)],
		...(options.now === undefined ? {} : { now: options.now }),
		taxii: { rateLimit: { burst: 1e9, perSecond: 1e9 } },
	});
	const request = (path: string, party: string, init: RequestInit = {}): Promise<Response> => {
		const headers = new Headers(init.headers);
		headers.set("Accept", TAXII);
		headers.set("Authorization", `Bearer ${node.users.get(party)?.token}`);
		return node.request(path, { ...init, headers });
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
		return node.request(path, { ...init, headers, ...(source === undefined ? {} : { source }) });
	};
	let applied = 0;
	return {
		store: node.store,
		gate: node.gate,
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
		applyPolicy: (policy, text = `scenario policy ${++applied}`) => node.applyPolicy(policy, text),
		async ingest(objects, poster) {
			const report = await node.ingest(objects, poster);
			assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
		},
		async exportAs(party, query, purpose = "network-defence") {
			const text = await node.exportAs({ partyId: party, userId: "test", purpose }, query);
			return { text, objects: bundleObjects(text) };
		},
		close: () => node.close(),
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
