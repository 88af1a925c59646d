// `entente peers …`: onboarding (invite, accept), the peer list, connection test, status and repair.
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import {
	acceptInvitation,
	createInvitation,
	loadKeyRing,
	type NodeSelf,
	peerStatuses,
	testConnection,
} from "../../federation/index.ts";
import { nodeUrl, type OpenNode } from "../../main.ts";
import { parseMicros } from "../../store/index.ts";
import { printJson, printTable } from "../output.ts";
import { withNode } from "./node-session.ts";
import { collect } from "./options.ts";
import { registerPeerAdmin } from "./peers-admin.ts";
import { registerPeerPull } from "./peers-pull.ts";

const DATA = ["--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)"] as const;

async function selfOf(node: OpenNode, url: string | undefined): Promise<NodeSelf> {
	return {
		store: node.store,
		ring: loadKeyRing(node.config.dataDir),
		nodeName: node.config.nodeName,
		url: url ?? (await nodeUrl(node)),
		clock: node.clock,
		tls: node.federationTls,
	};
}

async function peerNamed(node: OpenNode, name: string) {
	const peer = await node.store.getPeer(name);
	if (peer === undefined)
		throw new AppError("E_FEDERATION_PEER_NOT_FOUND", `no peer named ${name}; see 'entente peers list'`);
	return peer;
}

export function registerPeers(program: Command): void {
	const peers = program.command("peers").description("partner nodes: onboarding, status, connection test");
	inviteCommand(peers);
	acceptCommand(peers);
	listCommand(peers);
	showCommand(peers);
	removeCommand(peers);
	testCommand(peers);
	statusCommand(peers);
	retryCommand(peers);
	backfillCommand(peers);
	registerPeerPull(peers);
	registerPeerAdmin(peers);
}

/** `invite`: print a one-time invitation for a partner node (URL, code, key fingerprint). */
function inviteCommand(group: Command): void {
	group
		.command("invite")
		.description("print a one-time invitation for a partner node (URL, code, key fingerprint)")
		.option(...DATA)
		.option("--agreement <name>", "an agreement governing the link (repeatable)", collect, [])
		.option("--ttl <hours>", "hours the code stays usable", (v) => Number(v))
		.option("--url <url>", "this node's URL as the partner reaches it (default: where serve listens)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			await withNode(options.data, async (node) => {
				const { text, invitation } = await createInvitation(await selfOf(node, options.url), {
					agreements: options.agreement,
					ttlHours: options.ttl ?? node.config.federation.invitationTtlHours,
				});
				if (options.json === true) {
					const { code: _secret, ...shown } = invitation;
					return printJson({ invitation: text, ...shown });
				}
				process.stdout.write(
					`${text}\n\nGive this invitation to the partner's operator; it works once, until ${invitation.expiresAt}.\n` +
						`They run: entente peers accept <invitation>\n` +
						`Confirm out of band that they see this node's key:\n  key id      ${invitation.keyId}\n  fingerprint ${invitation.fingerprint}\n`,
				);
			});
		});
}

/** `accept`: accept a partner's invitation: handshake, exchange keys and parties, store the peer. */
function acceptCommand(group: Command): void {
	group
		.command("accept")
		.description("accept a partner's invitation: handshake, exchange keys and parties, store the peer")
		.argument("<invitation>", "the text 'entente peers invite' printed")
		.option(...DATA)
		.option("--url <url>", "this node's URL as the partner reaches it (default: where serve listens)")
		.option("--json", "print the result as JSON")
		.action(async (text: string, options) => {
			await withNode(options.data, async (node) => {
				const result = await acceptInvitation(await selfOf(node, options.url), text, node.logger);
				if (options.json === true) return printJson(result);
				process.stdout.write(
					`Peer ${result.peer.name} added (${result.peer.url}); it hosts ${result.peer.parties.length} part(y/ies).\n` +
						`Confirm out of band:\n  their key   ${result.peerKey.keyId}  ${result.peerKey.fingerprint}\n` +
						`  our key     ${result.ownKey.keyId}  ${result.ownKey.fingerprint}\n`,
				);
			});
		});
}

/** `list`: list peers. */
function listCommand(group: Command): void {
	group
		.command("list")
		.description("list peers")
		.option(...DATA)
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			await withNode(options.data, async (node) => {
				const list = await node.store.listPeers();
				if (options.json === true) return printJson(list);
				printTable(
					["name", "kind", "status", "url", "parties", "agreements"],
					list.map((p) => [p.name, p.kind, p.status, p.url, p.parties.length, p.agreements.join(", ")]),
				);
			});
		});
}

/** `show`: show one peer: URL, keys, parties, agreements. */
function showCommand(group: Command): void {
	group
		.command("show")
		.description("show one peer: URL, keys, parties, agreements")
		.argument("<name>")
		.option(...DATA)
		.option("--json", "print the result as JSON")
		.action(async (name: string, options) => {
			await withNode(options.data, async (node) => {
				const peer = await peerNamed(node, name);
				if (options.json === true) return printJson(peer);
				process.stdout.write(`${JSON.stringify(peer, null, 2)}\n`);
			});
		});
}

/** `remove`: forget a peer, its outbox and its state. */
function removeCommand(group: Command): void {
	group
		.command("remove")
		.description("forget a peer, its outbox and its state")
		.argument("<name>")
		.option(...DATA)
		.action(async (name: string, options) => {
			await withNode(options.data, async (node) => {
				if (!(await node.store.deletePeer(name))) {
					throw new AppError("E_FEDERATION_PEER_NOT_FOUND", `no peer named ${name}`);
				}
				process.stdout.write(`removed peer ${name}\n`);
			});
		});
}

/** `test`: test the connection to a peer, naming the step that fails. */
function testCommand(group: Command): void {
	group
		.command("test")
		.description("test the connection to a peer, naming the step that fails")
		.argument("<name>")
		.option(...DATA)
		.option("--json", "print the result as JSON")
		.action(async (name: string, options) => {
			await withNode(options.data, async (node) => {
				const result = await testConnection(await peerNamed(node, name), {
					ring: loadKeyRing(node.config.dataDir),
					clock: node.clock,
					tls: node.federationTls,
				});
				if (options.json === true) printJson(result);
				else {
					for (const step of result.steps) {
						process.stdout.write(`${step.ok ? "ok  " : "FAIL"}  ${step.step.padEnd(13)} ${step.detail}\n`);
					}
					process.stdout.write(result.ok ? `connection to ${name} works\n` : `connection to ${name} fails\n`);
				}
				if (!result.ok) process.exitCode = 1;
			});
		});
}

/** `status`: per peer: queue depth, lag, last success, last error (classified), alert. */
function statusCommand(group: Command): void {
	group
		.command("status")
		.description("per peer: queue depth, lag, last success, last error (classified), alert")
		.argument("[name]")
		.option(...DATA)
		.option("--json", "print the result as JSON")
		.action(async (name: string | undefined, options) => {
			await withNode(options.data, async (node) => {
				const statuses = await peerStatuses(node.store, new Date(), name);
				if (options.json === true) return printJson(statuses);
				printTable(
					["peer", "queue", "lag s", "delivered", "failures", "last success", "last error", "alert"],
					statuses.map((s) => [
						s.name,
						s.queueDepth,
						Number(s.lagSeconds.toFixed(1)),
						s.deliveredTotal,
						s.consecutiveFailures,
						s.lastSuccessAt ?? "-",
						s.lastError === undefined ? "-" : `${s.lastError.class}: ${s.lastError.message}`.slice(0, 80),
						s.alert ? "ALERT" : "",
					]),
				);
			});
		});
}

/** `retry`: retry delivery to a peer now instead of waiting out its backoff (a running serve picks it up). */
function retryCommand(group: Command): void {
	group
		.command("retry")
		.description(
			"retry delivery to a peer now instead of waiting out its backoff (a running serve picks it up)",
		)
		.argument("<name>")
		.option(...DATA)
		.action(async (name: string, options) => {
			await withNode(options.data, async (node) => {
				await peerNamed(node, name);
				const state = await node.store.getPeerState(name);
				await node.store.putPeerState(name, {
					consecutiveFailures: 0,
					deliveredTotal: 0,
					failuresTotal: 0,
					refusedTotal: 0,
					alert: false,
					...state,
					retryRequested: true,
				});
				process.stdout.write(`retry of ${name} requested\n`);
			});
		});
}

/** `backfill`: judge the store again for a peer from a time (default: the beginning); duplicates are harmless. */
function backfillCommand(group: Command): void {
	group
		.command("backfill")
		.description(
			"judge the store again for a peer from a time (default: the beginning); duplicates are harmless",
		)
		.argument("<name>")
		.option(...DATA)
		.option("--since <timestamp>", "RFC 3339 commit time to start after")
		.action(async (name: string, options) => {
			await withNode(options.data, async (node) => {
				await peerNamed(node, name);
				if (options.since !== undefined && parseMicros(options.since) === undefined) {
					throw new AppError(
						"E_CONFIG_INVALID",
						`--since must be an RFC 3339 timestamp, got ${options.since}`,
					);
				}
				await node.store.resetFeedCursor(name, options.since);
				process.stdout.write(`backfill of ${name} from ${options.since ?? "the beginning"} requested\n`);
			});
		});
}
