// Real Entente nodes on loopback for federation tests and benchmarks: each a process of its own (through
// node-process.ts) and a data directory, with the `peers` part: a policy naming each other, invite and accept.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ententeOk } from "./cli.ts";
import { initNodeData, type ServeProcess, startServe } from "./node-process.ts";

const TAXII = "application/taxii+json;version=2.1";

export const TLP = {
	clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
} as const;

/** One node: its data directory, identity and (while serving) its process. */
export class TestNode {
	readonly name: string;
	readonly data: string;
	readonly env: NodeJS.ProcessEnv;
	organizationId = "";
	token = "";
	url = "";
	/** The serving process, while it serves. */
	process: ServeProcess | undefined;
	/** Logs of processes that have ended (a restart keeps what the last run wrote). */
	#earlierLogs = "";

	constructor(parent: string, name: string, env: NodeJS.ProcessEnv = {}) {
		this.name = name;
		this.data = join(parent, name);
		this.env = env;
	}

	/** Everything the server wrote to stderr (pino JSON logs), across restarts. */
	get logs(): string {
		return this.#earlierLogs + (this.process?.stderr ?? "");
	}

	async init(): Promise<void> {
		const created = await initNodeData({ data: this.data, name: this.name, env: this.env });
		this.organizationId = created.organizationId;
		this.token = created.adminToken;
	}

	entente(...args: string[]): Promise<string> {
		return ententeOk([...args, "--data", this.data], this.env);
	}

	/** Starts `serve --port 0` (or `port`, to restart where peers expect it); resolves with its URL. */
	async serve(port = 0): Promise<string> {
		await this.stop();
		const env = { ENTENTE_LOG_LEVEL: "info", ...this.env };
		this.process = await startServe({ data: this.data, port, env, name: this.name });
		this.url = this.process.url;
		return this.url;
	}

	/** Whether its process runs (false before `serve`, after `stop`, and once it died). */
	get serving(): boolean {
		return this.process?.running === true;
	}

	/** The port it listens on (to restart on the same one, so peers' URLs stay valid). */
	get port(): number {
		return Number(new URL(this.url).port);
	}

	async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
		const serving = this.process;
		if (serving === undefined) return;
		await serving.stop(signal);
		this.#earlierLogs += serving.stderr;
		this.process = undefined;
	}

	/** Every version of an object here (TAXII, as the admin's organisation), [] when absent. */
	async versions(id: string): Promise<Record<string, unknown>[]> {
		let response = await this.#get(id);
		while (response.status === 429) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			response = await this.#get(id);
		}
		if (response.status === 404) return [];
		if (response.status !== 200) throw new Error(`GET ${id} at ${this.name}: ${response.status}`);
		return ((await response.json()) as { objects?: Record<string, unknown>[] }).objects ?? [];
	}

	#get(id: string): Promise<Response> {
		return fetch(`${this.url}/taxii2/api/collections/all/objects/${id}/?match[version]=all`, {
			headers: { accept: TAXII, authorization: `Bearer ${this.token}` },
		});
	}

	/** Every stored version's id in commit order (the operator's full export: no rate limit). */
	async committedIds(): Promise<string[]> {
		const bundle = JSON.parse(await this.entente("export", "--all-versions")) as {
			objects: { id: string }[];
		};
		return bundle.objects.map((o) => o.id);
	}

	/** How many versions of each object the store holds. */
	async versionCounts(): Promise<Map<string, number>> {
		const counts = new Map<string, number>();
		for (const id of await this.committedIds()) counts.set(id, (counts.get(id) ?? 0) + 1);
		return counts;
	}

	/** POSTs objects to the node's TAXII collection (as its admin). */
	async publish(objects: readonly Record<string, unknown>[]): Promise<void> {
		const response = await fetch(`${this.url}/taxii2/api/collections/all/objects/`, {
			method: "POST",
			headers: { accept: TAXII, "content-type": TAXII, authorization: `Bearer ${this.token}` },
			body: JSON.stringify({ objects }),
		});
		if (response.status !== 202)
			throw new Error(`POST at ${this.name}: ${response.status} ${await response.text()}`);
	}

	async remove(id: string): Promise<void> {
		const response = await fetch(`${this.url}/taxii2/api/collections/all/objects/${id}/`, {
			method: "DELETE",
			headers: { accept: TAXII, authorization: `Bearer ${this.token}` },
		});
		if (response.status !== 200)
			throw new Error(`DELETE at ${this.name}: ${response.status} ${await response.text()}`);
	}

	async status(): Promise<PeerStatusJson[]> {
		return JSON.parse(await this.entente("peers", "status", "--json")) as PeerStatusJson[];
	}
}

export interface PeerStatusJson {
	name: string;
	queueDepth: number;
	deliveredTotal: number;
	failuresTotal: number;
	consecutiveFailures: number;
	alert: boolean;
	lastError?: { class: string; message: string };
}

/**
 * Writes and applies a policy at `self` naming every node's party: each pair in `links` has a bilateral
 * agreement ("<a>-<b>", network-defence, TLP:AMBER ceiling, no onward sharing). Parties of `suspended`
 * nodes are named with `status: suspended`.
 */
export async function applyPolicy(
	self: TestNode,
	nodes: readonly TestNode[],
	links: readonly [TestNode, TestNode][],
	options: {
		suspended?: readonly TestNode[];
		/** Treatments of every agreement, as YAML flow mappings (`{ objectType: ipv4-addr, role: victim, treatment: pseudonymise }`). */
		treatments?: readonly string[];
	} = {},
): Promise<void> {
	const key = (n: TestNode): string => n.name.replace(/[^a-z0-9-]/g, "-");
	const parties = nodes
		.map((n) =>
			[
				`  ${key(n)}:`,
				`    id: ${n.organizationId}`,
				`    name: ${n.name} organisation`,
				"    sector: cert",
				"    jurisdictions: [GB]",
				n === self ? "    local: true" : `    node: ${n.name}`,
				"    trustTier: 1",
				...(options.suspended?.includes(n) === true ? ["    status: suspended"] : []),
			].join("\n"),
		)
		.join("\n");
	const agreements = links
		.map(([a, b]) =>
			[
				`  ${key(a)}-${key(b)}:`,
				`    name: ${a.name}-${b.name}`,
				"    kind: bilateral",
				`    parties: [${key(a)}, ${key(b)}]`,
				"    purposes: [network-defence]",
				"    tlpCeiling: amber",
				"    validity: { from: 2020-01-01 }",
				...(options.treatments === undefined
					? []
					: ["    treatments:", ...options.treatments.map((t) => `      - ${t}`)]),
			].join("\n"),
		)
		.join("\n");
	const text = `version: 1\nnode: ${self.name}\nparties:\n${parties}\njurisdictions:\n  GB:\n    name: United Kingdom\nagreements:\n${agreements}\n`;
	const file = join(self.data, "policy.yaml");
	writeFileSync(file, text);
	// The policy exactly as the test wrote it: a suspended partner may be the only one (the guard is tested apart).
	await self.entente("policy", "apply", file, "--confirm-cut-off");
}

/** `inviter` invites, `invitee` accepts (both must be serving). Returns the accept output (JSON). */
export async function connect(
	inviter: TestNode,
	invitee: TestNode,
	agreement: string,
): Promise<Record<string, unknown>> {
	const invite = JSON.parse(await inviter.entente("peers", "invite", "--agreement", agreement, "--json")) as {
		invitation: string;
	};
	return JSON.parse(await invitee.entente("peers", "accept", invite.invitation, "--json")) as Record<
		string,
		unknown
	>;
}

/** Polls `check` until it returns true or `timeoutMs` passes (then fails with `what`). No timing in the verdict. */
export async function eventually(
	what: string,
	check: () => Promise<boolean>,
	timeoutMs = 15_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** A TLP-marked indicator with a fixed id per n. */
export function indicator(
	n: number,
	options: { modified?: string; marking?: string; createdBy?: string; name?: string } = {},
): Record<string, unknown> {
	const object: Record<string, unknown> = {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: options.modified ?? "2024-01-01T00:00:00.000Z",
		name: options.name ?? `C2 ${n}`,
		pattern: `[domain-name:value = 'c2-${n}.example.com']`,
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00Z",
		object_marking_refs: [options.marking ?? TLP.green],
	};
	if (options.createdBy !== undefined) object.created_by_ref = options.createdBy;
	return object;
}
