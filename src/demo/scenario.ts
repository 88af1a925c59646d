// The demo network's plan, read from a policy file: which nodes exist (the parties' `node`s), what each
// node applies (the same file rendered for it), and which nodes peer (the parties bound by an agreement).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AppError } from "../errors/index.ts";
import { type Party, type Policy, parsePolicyFile, policyFileForNode } from "../policy/index.ts";

/** The reference scenario of issue 4, shipped as an example policy. */
export const REFERENCE_SCENARIO = new URL("../../examples/policy/reference-scenario.yaml", import.meta.url)
	.pathname;

export interface PlannedNode {
	/** Node name (`entente init --name`), as the policy's parties name their host. */
	name: string;
	/** The party the node hosts: its organisation (`init --org-id`). */
	party: Party;
	/** The party's short key in the file (`uk-nca`), used to pick its sample intelligence. */
	partyKey: string;
	/** The policy file as this node applies it (its party local, every other one placed on its node). */
	policyText: string;
}

export interface PlannedLink {
	/** The node that invites (earlier in the file), and the one that accepts. */
	inviter: string;
	invitee: string;
	/** Agreement ids binding a party of each side, in file order: the first one sets the link's purpose. */
	agreements: string[];
}

export interface ScenarioPlan {
	file: string;
	policy: Policy;
	nodes: PlannedNode[];
	links: PlannedLink[];
}

/**
 * Reads a policy file (written for any one node of the network) into the demo's plan. One node per
 * distinct party host; a link between two nodes for every agreement that binds a party of each
 * (directly or through a community), named with all such agreements.
 * @throws AppError E_POLICY_INVALID (every located error) or E_DEMO_STEP when a node would host two parties.
 */
export function planScenario(file: string = REFERENCE_SCENARIO): ScenarioPlan {
	const text = readText(file);
	const raw = readRaw(text);
	const written = typeof raw.node === "string" ? raw.node : undefined;
	const parsed = parsePolicyFile(text, file, written === undefined ? {} : { nodeName: written });
	if (!parsed.ok) {
		throw new AppError("E_POLICY_INVALID", `${file}: ${parsed.errors.length} error(s)`, {
			details: { file, errors: parsed.errors },
		});
	}
	const { policy } = parsed;
	const keys = new Map(Object.entries(raw.parties ?? {}).map(([key, entry]) => [entry?.id ?? key, key]));
	const nodes: PlannedNode[] = [];
	for (const party of policy.parties) {
		const other = nodes.find((n) => n.name === party.node);
		if (other !== undefined) {
			throw new AppError(
				"E_DEMO_STEP",
				`plan: node ${party.node} would host ${other.party.name} and ${party.name}; the demo runs one party per node`,
				{ details: { step: "plan" } },
			);
		}
		const note = ` Rendered for ${party.node} by 'entente demo' from ${file}: ${party.name} is local here.`;
		nodes.push({
			name: party.node,
			party,
			partyKey: keys.get(party.id) ?? party.id,
			policyText: policyFileForNode(text, party.node, note),
		});
	}
	return { file, policy, nodes, links: linksOf(policy, nodes) };
}

/** Every pair of nodes with a party each bound by one agreement, with those agreements in file order. */
function linksOf(policy: Policy, nodes: readonly PlannedNode[]): PlannedLink[] {
	const order = new Map(nodes.map((node, i) => [node.party.id, i]));
	const links = new Map<string, PlannedLink>();
	for (const agreement of policy.agreements) {
		const bound = new Set(agreement.parties);
		for (const community of policy.communities) {
			if (agreement.communities.includes(community.id)) for (const id of community.members) bound.add(id);
		}
		const indices = [...bound]
			.map((id) => order.get(id))
			.filter((i): i is number => i !== undefined)
			.sort((a, b) => a - b);
		for (const [n, a] of indices.entries()) {
			for (const b of indices.slice(n + 1)) {
				const inviter = nodes[a]?.name ?? "";
				const invitee = nodes[b]?.name ?? "";
				const key = `${inviter} ${invitee}`;
				const link = links.get(key) ?? { inviter, invitee, agreements: [] };
				link.agreements.push(agreement.id);
				links.set(key, link);
			}
		}
	}
	return [...links.values()].sort(
		(x, y) =>
			nodeIndex(nodes, x.inviter) - nodeIndex(nodes, y.inviter) ||
			nodeIndex(nodes, x.invitee) - nodeIndex(nodes, y.invitee),
	);
}

function nodeIndex(nodes: readonly PlannedNode[], name: string): number {
	return nodes.findIndex((n) => n.name === name);
}

/** The file's own view of `node` and the parties' short keys (the stored policy keeps ids only). */
function readRaw(text: string): { node?: unknown; parties?: Record<string, { id?: string } | null> } {
	try {
		const value = parse(text) as unknown;
		return typeof value === "object" && value !== null ? value : {};
	} catch {
		return {}; // parsePolicyFile reports the syntax error with its position
	}
}

function readText(file: string): string {
	try {
		return readFileSync(file, "utf8");
	} catch (error) {
		throw new AppError("E_INPUT_NOT_FOUND", `cannot read the policy file ${file}`, { cause: error });
	}
}
