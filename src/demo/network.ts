// The demo network: one real node per party of the scenario, each its own `serve` process and store,
// set up as an operator would (init, policy apply, invite/accept) and then fed sample intelligence.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { upsertPartyOrganizations } from "../accounts/index.ts";
import { AppError, isAppError } from "../errors/index.ts";
import { acceptInvitation, createInvitation, loadKeyRing, type NodeSelf } from "../federation/index.ts";
import { initNode, type OpenNode, openNode } from "../main.ts";
import { type Party, parsePolicyFile } from "../policy/index.ts";
import { type ServeProcess, startServe } from "./node-process.ts";
import { sampleIntel } from "./sample-intel.ts";
import { type PlannedNode, planScenario, type ScenarioPlan } from "./scenario.ts";

export interface DemoOptions {
	/** Folder for the nodes' data directories; default a fresh one under the OS temp dir. */
	dir?: string;
	/** Port of the first node, the next ones counting up; 0: any free port for every node. */
	basePort: number;
	/** Policy file the network is planned from; default the reference scenario. */
	scenarioFile?: string;
	/** One line per step, for people watching it start. */
	onProgress?: (line: string) => void;
}

/** A running node of the demo, and its operator's view (opened in this process). */
export interface DemoNode {
	name: string;
	party: Party;
	partyKey: string;
	dataDir: string;
	url: string;
	adminToken: string;
	pid: number;
	logFile: string;
	/** Objects its party published. */
	published: number;
	/** The node opened in the demo process: its store and gate, for onboarding and for the narration. */
	open: OpenNode;
}

/** Runs a step, turning any failure into E_DEMO_STEP naming it. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isAppError(error) && error.code === "E_DEMO_STEP") throw error;
		const detail = isAppError(error) ? `${error.message} [${error.code}]` : (error as Error).message;
		throw new AppError("E_DEMO_STEP", `${name}: ${detail}`, { cause: error, details: { step: name } });
	}
}

/**
 * The network's life: `start()` builds and feeds it; `stop()` (safe at any moment, also during `start`)
 * ends every child process and closes the stores. Data stays in `dir`; the caller decides to remove it.
 */
export class DemoNetwork {
	readonly dir: string;
	readonly plan: ScenarioPlan;
	readonly nodes: DemoNode[] = [];
	readonly #options: DemoOptions;
	readonly #processes: ServeProcess[] = [];
	readonly #opened: OpenNode[] = [];
	#stopping: Promise<void> | undefined;

	constructor(options: DemoOptions) {
		this.#options = options;
		this.plan = planScenario(options.scenarioFile);
		if (options.dir === undefined) this.dir = mkdtempSync(join(tmpdir(), "entente-demo-"));
		else {
			mkdirSync(options.dir, { recursive: true });
			this.dir = options.dir;
		}
	}

	/** Child process ids (for tests and for the table people read). */
	get pids(): number[] {
		return this.#processes.map((p) => p.pid);
	}

	async start(): Promise<void> {
		const say = this.#options.onProgress ?? (() => {});
		say(`Starting ${this.plan.nodes.length} nodes in ${this.dir} (scenario ${this.plan.file})`);
		const prepared: { planned: PlannedNode; dataDir: string; adminToken: string; port: number }[] = [];
		for (const [i, planned] of this.plan.nodes.entries()) {
			const port = this.#options.basePort === 0 ? 0 : this.#options.basePort + i;
			const dataDir = join(this.dir, planned.name);
			const adminToken = await step(`init ${planned.name}`, () => this.#init(planned, dataDir, port));
			await step(`apply the policy at ${planned.name}`, () => this.#applyPolicy(planned, dataDir));
			prepared.push({ planned, dataDir, adminToken, port });
		}
		this.#checkRunning();
		say(`Initialised ${prepared.length} nodes and applied each one's policy; starting their servers`);
		const started = await Promise.allSettled(
			prepared.map(async ({ planned, dataDir, port }) => {
				const serve = await startServe(planned.name, dataDir, port);
				this.#processes.push(serve);
				say(`  up  ${planned.name.padEnd(18)} ${serve.url}  (pid ${serve.pid})`);
				return serve;
			}),
		);
		const failed = started.find((s) => s.status === "rejected");
		if (failed !== undefined) throw failed.reason;
		this.#checkRunning();
		for (const [i, { planned, dataDir, adminToken }] of prepared.entries()) {
			const serve = (started[i] as PromiseFulfilledResult<ServeProcess>).value;
			const open = await step(`open ${planned.name}`, () => openNode({ dataDir, logLevel: "silent" }));
			this.#opened.push(open);
			this.nodes.push({
				name: planned.name,
				party: planned.party,
				partyKey: planned.partyKey,
				dataDir,
				url: serve.url,
				adminToken,
				pid: serve.pid,
				logFile: serve.logFile,
				published: 0,
				open,
			});
		}
		for (const link of this.plan.links) {
			this.#checkRunning();
			const label = `introduce ${link.inviter} ↔ ${link.invitee}`;
			say(`  link ${link.inviter} ↔ ${link.invitee}  (${link.agreements.join(", ")})`);
			await step(label, () => this.#connect(link.inviter, link.invitee, link.agreements));
		}
		for (const node of this.nodes) {
			this.#checkRunning();
			const objects = sampleIntel(node.partyKey, node.party.id);
			if (objects.length === 0) continue;
			await step(`publish at ${node.name}`, () => publish(node, objects));
			node.published = objects.length;
			say(`  published ${objects.length} object(s) at ${node.name} as ${node.party.name}`);
		}
	}

	/** Stops every child (SIGTERM, then SIGKILL) and closes the stores; idempotent. */
	stop(): Promise<void> {
		this.#stopping ??= (async () => {
			await Promise.allSettled(this.#processes.map((p) => p.stop()));
			await Promise.allSettled(this.#opened.map((o) => o.close()));
		})();
		return this.#stopping;
	}

	/** Resolves when any node process exits (after start: a crash worth telling people about). */
	anyExit(): Promise<string> {
		return Promise.race(
			this.#processes.map((p, i) => p.exited.then(() => this.nodes[i]?.name ?? `pid ${p.pid}`)),
		);
	}

	#checkRunning(): void {
		if (this.#stopping !== undefined) {
			throw new AppError("E_DEMO_STEP", "interrupted while starting", { details: { step: "interrupted" } });
		}
	}

	async #init(planned: PlannedNode, dataDir: string, port: number): Promise<string> {
		const { party } = planned;
		const created = await initNode({
			dataDir,
			nodeName: planned.name,
			organization: {
				id: party.id,
				name: party.name,
				sectors: [party.sector],
				jurisdictions: [...party.jurisdictions],
			},
			port,
		});
		return created.adminToken;
	}

	/** As `entente policy apply`: validated whole against the node's name, stored, parties upserted. */
	async #applyPolicy(planned: PlannedNode, dataDir: string): Promise<void> {
		const file = join(dataDir, "policy.yaml");
		writeFileSync(file, planned.policyText);
		const parsed = parsePolicyFile(planned.policyText, file, { nodeName: planned.name });
		if (!parsed.ok) {
			const first = parsed.errors[0];
			throw new AppError(
				"E_POLICY_INVALID",
				`${file}:${first?.line}:${first?.column}: ${first?.message} (${parsed.errors.length} error(s))`,
			);
		}
		const node = await openNode({ dataDir, logLevel: "silent" });
		try {
			await node.store.putPolicy({
				text: planned.policyText,
				policy: parsed.policy,
				appliedBy: "entente demo",
			});
			await upsertPartyOrganizations(node.store, parsed.policy);
		} finally {
			await node.close();
		}
	}

	async #connect(inviter: string, invitee: string, agreements: readonly string[]): Promise<void> {
		const from = this.#node(inviter);
		const to = this.#node(invitee);
		const { text } = await createInvitation(selfOf(from), {
			agreements,
			ttlHours: from.open.config.federation.invitationTtlHours,
		});
		await acceptInvitation(selfOf(to), text);
	}

	#node(name: string): DemoNode {
		const node = this.nodes.find((n) => n.name === name);
		if (node === undefined)
			throw new AppError("E_DEMO_STEP", `no node ${name}`, { details: { step: "plan" } });
		return node;
	}
}

function selfOf(node: DemoNode): NodeSelf {
	return {
		store: node.open.store,
		ring: loadKeyRing(node.dataDir),
		nodeName: node.name,
		url: node.url,
		clock: node.open.clock,
		tls: node.open.federationTls,
	};
}

const TAXII = "application/taxii+json;version=2.1";

/** POSTs the objects to the node's TAXII collection as its admin; every one must be stored. */
async function publish(node: DemoNode, objects: readonly Record<string, unknown>[]): Promise<void> {
	const response = await fetch(`${node.url}/taxii2/api/collections/all/objects/`, {
		method: "POST",
		headers: { accept: TAXII, "content-type": TAXII, authorization: `Bearer ${node.adminToken}` },
		body: JSON.stringify({ objects }),
	});
	const body = (await response.json().catch(() => ({}))) as {
		success_count?: number;
		failure_count?: number;
		failures?: { id: string; message?: string }[];
	};
	if (response.status !== 202 || (body.failure_count ?? 0) > 0) {
		const why = (body.failures ?? []).map((f) => `${f.id}: ${f.message ?? "refused"}`).join("; ");
		throw new Error(`TAXII POST answered ${response.status}${why === "" ? "" : `: ${why}`}`);
	}
}
