// Part of the composition root: what the invariants read from the store, and where their incidents go (D37).
import type { Logger } from "../log/index.ts";
import type { Incident, IncidentSink, InvariantSources, Policy } from "../policy/index.ts";
import type { Store } from "../store/index.ts";

/**
 * The applied policy as the store keeps it (read again only when its version number changes, one small
 * query per call) and the node's own organisations. Nothing of the gate's sources is shared.
 * @example guardedGate(gate, storeInvariantSources(store), incidentSink(store, logger))
 */
export function storeInvariantSources(store: Store, now: () => Date = () => new Date()): InvariantSources {
	let version = 0;
	let policy: Policy | undefined;
	return {
		async policy() {
			const latest = await store.latestPolicyVersion();
			if (latest !== version) {
				policy = latest === 0 ? undefined : (await store.getPolicy(latest))?.policy;
				version = latest;
			}
			return policy;
		},
		async versionsOf(ids) {
			return new Map((await store.latestVersions(ids)).map((version) => [version.id, version]));
		},
		localParties: async () =>
			new Set((await store.listOrganizations()).filter((o) => o.local !== false).map((o) => o.id)),
		now,
	};
}

/** Error lines per minute at most; the rest of a minute's incidents are summed in one line when it ends. */
const LOG_LINES_PER_MINUTE = 20;

/**
 * Where incidents go: recorded in the store (what `entente incidents` lists and /metrics counts) and logged at
 * error level, one line each, at most LOG_LINES_PER_MINUTE a minute (then one line saying how many were not
 * logged). Never throws: a store failure is logged, and the copies stay withheld whatever happens here.
 */
export function incidentSink(store: Store, logger: Logger, clock: () => number = Date.now): IncidentSink {
	let windowStart = 0;
	let logged = 0;
	let suppressed = 0;
	return async (incidents: readonly Incident[]) => {
		const now = clock();
		if (now - windowStart >= 60_000) {
			if (suppressed > 0)
				logger.error(
					{ suppressed },
					`invariants: ALERT ${suppressed} more incident(s) not logged (rate limit)`,
				);
			windowStart = now;
			logged = 0;
			suppressed = 0;
		}
		for (const incident of incidents) {
			if (logged >= LOG_LINES_PER_MINUTE) {
				suppressed++;
				continue;
			}
			logged++;
			logger.error(
				{
					invariant: incident.invariant,
					object: incident.objectId,
					party: incident.partyId,
					user: incident.userId,
					purpose: incident.purpose,
				},
				`invariants: ALERT release withheld: ${incident.invariant}: ${incident.reason}`,
			);
		}
		try {
			await store.recordIncidents(
				incidents.map(({ objectVersion, ...rest }) => ({
					...rest,
					...(objectVersion === undefined ? {} : { objectVersion }),
				})),
			);
		} catch (error) {
			logger.error({ err: error, count: incidents.length }, "invariants: could not record incidents");
		}
	};
}
