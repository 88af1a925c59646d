// The sharing tests' node (REST preview and publish): the UK NCA's under the reference scenario with its real gates,
// an NCA analyst and reader and an FBI analyst, and the objects an analyst shares (an AMBER indicator naming a victim
// IP, a report).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type EgressGate, parsePolicyFile } from "../../src/policy/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../../src/stix/markings/index.ts";
import type { Store, UserRole } from "../../src/store/index.ts";
import { buildTestNode } from "./test-node.ts";

export const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
export const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const SCENARIO = resolve(import.meta.dirname, "..", "..", "examples", "policy", "reference-scenario.yaml");
const T = "2025-06-01T00:00:00.000Z";

export const AMBER = TLP2_DEFINITIONS.amber.id;

/** An indicator by the NCA; the victim's address in its pattern is personal data under the scenario's laws. */
export function indicator(n: number, fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--5a4e0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created_by_ref: NCA,
		created: T,
		modified: T,
		name: `Compromised host ${n}`,
		indicator_types: ["compromised"],
		pattern: `[ipv4-addr:value = '192.0.2.${n}']`,
		pattern_type: "stix",
		valid_from: T,
		object_marking_refs: [AMBER],
		...fields,
	} as StixObject;
}

export function report(n: number, refs: readonly string[], fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "report",
		spec_version: "2.1",
		id: `report--5a4e0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created_by_ref: NCA,
		created: T,
		modified: T,
		name: `Victims of week ${n}`,
		report_types: ["indicator"],
		published: T,
		object_refs: [...refs],
		object_marking_refs: [AMBER],
		...fields,
	} as StixObject;
}

export interface ShareNode {
	store: Store;
	gate: EgressGate;
	/** A request with `token` (the NCA analyst's by default) as bearer; answers status and parsed JSON. */
	call(
		method: "GET" | "POST",
		path: string,
		options?: { body?: unknown; token?: string; contentType?: string },
	): Promise<{ status: number; body: Record<string, unknown> }>;
	/** A raw request to the node's app (answers that are not JSON: exports). */
	request(path: string, init?: RequestInit): Promise<Response>;
	analystToken: string;
	/** A reader of the NCA (may search, may not preview or publish). */
	readerToken: string;
	/** An analyst of the FBI, a partner party with an account here. */
	fbiToken: string;
	/** An admin of the NCA (changes the node's feeds, D55). */
	adminToken: string;
	/** Versions and quarantined versions in the store: a preview must change neither. */
	counts(): Promise<{ versions: number; quarantined: number }>;
	close(): Promise<void>;
}

/**
 * The UK NCA's node under the reference scenario, as main.ts composes it (the store, the node's gates and the
 * preview gate, the HTTP app), in memory, built by buildTestNode.
 */
export async function openShareNode(): Promise<ShareNode> {
	const parsed = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const user = (organizationId: string, role: UserRole) => ({
		organizationId,
		name: `${role} of ${organizationId}`,
		role,
	});
	const node = await buildTestNode({
		nodeName: "uk-nca-node",
		policy: parsed.policy,
		policyText: "reference scenario",
		users: {
			analyst: user(NCA, "analyst"),
			reader: user(NCA, "reader"),
			fbi: user(FBI, "analyst"),
			admin: user(NCA, "admin"),
		},
	});
	const analystToken = node.user("analyst").token;
	return {
		store: node.store,
		gate: node.gate,
		analystToken,
		readerToken: node.user("reader").token,
		fbiToken: node.user("fbi").token,
		adminToken: node.user("admin").token,
		async call(method, path, options = {}) {
			const headers: Record<string, string> = {
				authorization: `Bearer ${options.token ?? analystToken}`,
				accept: "application/json",
			};
			const init: RequestInit = { method, headers };
			if (options.body !== undefined) {
				headers["content-type"] = options.contentType ?? "application/json";
				init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
			}
			const response = await node.request(path, init);
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		},
		request: (path, init) => node.request(path, init),
		async counts() {
			const stats = await node.store.stats();
			return { versions: stats.versions, quarantined: stats.quarantined };
		},
		close: () => node.close(),
	};
}
