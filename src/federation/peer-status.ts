// Per-peer status for operators and Prometheus: last success, lag, queue depth, cursor, last error.
import type { PeerRecord, PeerState, Store } from "../store/index.ts";
import { EMPTY_PEER_STATE } from "./delivery.ts";

export interface PeerStatus {
	name: string;
	kind: PeerRecord["kind"];
	url: string;
	status: PeerRecord["status"];
	queueDepth: number;
	/** Seconds the oldest undelivered message has waited (0 when the queue is empty). */
	lagSeconds: number;
	/** How far the feed has judged the commit log. */
	cursor: string | undefined;
	lastSuccessAt: string | undefined;
	lastError: PeerState["lastError"];
	consecutiveFailures: number;
	deliveredTotal: number;
	failuresTotal: number;
	refusedTotal: number;
	alert: boolean;
}

/** Status of every peer (or one), read from the store: works from any process. */
export async function peerStatuses(store: Store, now: Date, only?: string): Promise<PeerStatus[]> {
	const peers = (await store.listPeers()).filter((p) => only === undefined || p.name === only);
	const out: PeerStatus[] = [];
	for (const peer of peers) {
		const state = (await store.getPeerState(peer.name)) ?? EMPTY_PEER_STATE;
		const depth = await store.outboxDepth(peer.name);
		const oldest = depth.oldestEnqueuedAt === undefined ? undefined : Date.parse(depth.oldestEnqueuedAt);
		out.push({
			name: peer.name,
			kind: peer.kind,
			url: peer.url,
			status: peer.status,
			queueDepth: depth.count,
			lagSeconds: oldest === undefined ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
			cursor: state.feedCursor,
			lastSuccessAt: state.lastSuccessAt,
			lastError: state.lastError,
			consecutiveFailures: state.consecutiveFailures,
			deliveredTotal: state.deliveredTotal,
			failuresTotal: state.failuresTotal,
			refusedTotal: state.refusedTotal,
			alert: state.alert,
		});
	}
	return out;
}

/** The peers' metrics in Prometheus text format (appended to /metrics). */
export function renderPeerMetrics(statuses: readonly PeerStatus[]): string {
	const lines: string[] = [];
	const family = (
		name: string,
		type: "gauge" | "counter",
		help: string,
		value: (s: PeerStatus) => number,
	): void => {
		lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
		for (const s of statuses) lines.push(`${name}{peer="${escapeLabel(s.name)}"} ${value(s)}`);
	};
	family("entente_peer_queue_depth", "gauge", "Messages waiting in the peer's outbox.", (s) => s.queueDepth);
	family("entente_peer_lag_seconds", "gauge", "Age of the oldest undelivered message.", (s) =>
		Number(s.lagSeconds.toFixed(3)),
	);
	family(
		"entente_peer_delivered_total",
		"counter",
		"Object versions and deletions the peer acknowledged.",
		(s) => s.deliveredTotal,
	);
	family("entente_peer_failures_total", "counter", "Failed delivery attempts.", (s) => s.failuresTotal);
	family(
		"entente_peer_refused_total",
		"counter",
		"Items the peer refused (logged with reasons).",
		(s) => s.refusedTotal,
	);
	family("entente_peer_alert", "gauge", "1 when consecutive failures reached the alert threshold.", (s) =>
		s.alert ? 1 : 0,
	);
	return `${lines.join("\n")}\n`;
}

function escapeLabel(value: string): string {
	return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
