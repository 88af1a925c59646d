// What the Home dashboard reads (D67): the day counters the node keeps (store activity_counts), the peers'
// delivery state, the request rates kept in memory. Small aggregates only: no object is read, so it answers in
// milliseconds whatever the store holds.
import type { ActivityCount, Store, User } from "../store/index.ts";
import type {
	DashboardCount,
	DashboardResult,
	PeerHealth,
	RequestRate,
	WithheldCount,
} from "./shapes/index.ts";

const DAY_MS = 86_400_000;

/** What the dashboard is built from besides the store. */
export interface DashboardSources {
	store: Store;
	/** Requests per minute by family, oldest first (server/ keeps them); absent: none shown. */
	requestRates?: (() => readonly RequestRate[]) | undefined;
	now?: () => Date;
}

/**
 * The dashboard for `user` over the last `days` days. A user of the node's own organisations (`local`) sees every
 * party's rows, what was withheld and why, the peers and the request rates; a partner's user sees only the rows of
 * its own party (what it published here, what it received), never another partner's name or volume, nor the rules
 * that withheld anything from it (the policy is the house's, D35).
 */
export async function dashboardFor(
	sources: DashboardSources,
	user: User,
	local: boolean,
	days: number,
): Promise<DashboardResult> {
	const { store } = sources;
	const today = (sources.now?.() ?? new Date()).getTime();
	const dayList = Array.from({ length: days }, (_, i) =>
		new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
	);
	const visible = (await store.activityCounts(dayList[0] as string)).filter(
		(count) => local || count.party === user.organizationId,
	);
	const known = await partyNames(store);
	const names: Record<string, string> = {};
	for (const { party } of visible) {
		const name = known.get(party);
		if (name !== undefined) names[party] = name;
	}
	const rows = (flow: ActivityCount["flow"]): DashboardCount[] =>
		visible
			.filter((count) => count.flow === flow)
			.map(({ day, party, marking, count }) => ({ day, party, marking, count }));
	const withheld: WithheldCount[] = local
		? visible
				.filter((count) => count.flow === "withheld")
				.map(({ day, party, marking, rule, count }) => ({ day, party, marking, rule, count }))
		: [];
	const countedThrough = local ? await store.activityCursor("in") : undefined;
	return {
		scope: local ? "node" : "party",
		days: dayList,
		in: rows("in"),
		out: rows("out"),
		local: local ? rows("local") : [],
		withheld,
		names,
		peers: local ? await peerHealth(store, new Date(today)) : [],
		rates: local ? [...(sources.requestRates?.() ?? [])] : [],
		...(countedThrough === undefined ? {} : { countedThrough }),
	};
}

/** Names of the node's organisations and of the latest policy's parties, by id. */
async function partyNames(store: Store): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	for (const organization of await store.listOrganizations()) names.set(organization.id, organization.name);
	const policy = await store.getPolicy();
	for (const party of policy?.policy.parties ?? []) names.set(party.id, party.name);
	return names;
}

/** Each peer's delivery state: queue depth, lag, last error (as `entente peers status` reads it). */
async function peerHealth(store: Store, now: Date): Promise<PeerHealth[]> {
	const health: PeerHealth[] = [];
	for (const peer of await store.listPeers()) {
		const state = await store.getPeerState(peer.name);
		const depth = await store.outboxDepth(peer.name);
		const oldest = depth.oldestEnqueuedAt === undefined ? undefined : Date.parse(depth.oldestEnqueuedAt);
		health.push({
			name: peer.name,
			status: peer.status,
			queueDepth: depth.count,
			lagSeconds: oldest === undefined ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
			...(state?.lastSuccessAt === undefined ? {} : { lastSuccessAt: state.lastSuccessAt }),
			...(state?.lastError === undefined ? {} : { lastError: state.lastError }),
			deliveredTotal: state?.deliveredTotal ?? 0,
			refusedTotal: state?.refusedTotal ?? 0,
			alert: state?.alert ?? false,
		});
	}
	return health;
}
