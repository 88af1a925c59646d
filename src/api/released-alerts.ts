// Watch-list alerts as they leave the node (D51): each about an object as released to the alert's organisation,
// asked of the gate when the alert is made (follow.ts is given `alertRelease`), when it is listed, and when its
// webhook is sent (`alertPayloads`). An alert whose object that organisation no longer receives, or whose released
// copy no longer names the value, is not shown and not sent: hidden ≡ never happened, and counts only what is shown.
import type { AlertPayload, ReleaseToOrganization } from "../intel/index.ts";
import { matchesOnCopy } from "../intel/index.ts";
import { DEFAULT_PURPOSE, type Purpose } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { Store, StoredVersion, WatchAlertRecord } from "../store/index.ts";
import type { ApiGate, ApiViewer } from "./gate.ts";

/** The viewer watch-lists act as: the organisation as its party, for `purpose` (see watchPurposeOf). */
export function watchViewer(organizationId: string, purpose: Purpose = DEFAULT_PURPOSE): ApiViewer {
	return { partyId: organizationId, userId: "watch-list", purpose };
}

/**
 * The purpose an organisation's alerts are judged for when no request names one (the matcher, the webhook):
 * network defence when an agreement binding it allows that (what watching is for), else the first purpose of the
 * first agreement binding it directly or through a community, else network defence. A party whose agreements are
 * all for crime prevention is thus alerted about what it may receive for crime prevention.
 */
export async function watchPurposeOf(store: Store, organizationId: string): Promise<Purpose> {
	const policy = (await store.getPolicy())?.policy;
	if (policy === undefined) return DEFAULT_PURPOSE;
	const communities = new Set(
		policy.communities.filter((c) => c.members.includes(organizationId)).map((c) => c.id),
	);
	const binding = policy.agreements.filter(
		(a) => a.parties.includes(organizationId) || a.communities.some((id) => communities.has(id)),
	);
	if (binding.some((a) => a.purposes.includes(DEFAULT_PURPOSE))) return DEFAULT_PURPOSE;
	return binding.flatMap((a) => a.purposes)[0] ?? DEFAULT_PURPOSE;
}

/** For the matcher: the copies of a page released to an organisation's watch-list viewer. */
export function alertRelease(gate: ApiGate, store: Store): ReleaseToOrganization {
	return async (organizationId, versions) =>
		gate.releasePage(watchViewer(organizationId, await watchPurposeOf(store, organizationId)), versions);
}

/** An alert with the copy of its object released to the viewer. */
export interface ReleasedAlert {
	alert: WatchAlertRecord;
	copy: StixObject;
}

/**
 * The alerts `viewer` receives, in the order given: each alert's object version released through the gate, kept
 * only when the released copy still names the alert's value under its entry.
 */
export async function releasedAlerts(
	store: Store,
	gate: ApiGate,
	viewer: ApiViewer,
	alerts: readonly WatchAlertRecord[],
): Promise<ReleasedAlert[]> {
	const versions = await alertVersions(store, alerts);
	const present = alerts.flatMap((alert) => {
		const version = versions.get(`${alert.objectId}\u0000${alert.objectVersion}`);
		return version === undefined ? [] : [{ alert, version }];
	});
	const copies = await gate.releasePage(
		viewer,
		present.map((p) => p.version),
	);
	return present.flatMap(({ alert }, i) => {
		const copy = copies[i];
		return copy !== undefined && namesValue(copy, alert) ? [{ alert, copy }] : [];
	});
}

/** For the webhook: the body of an alert as its organisation receives it now, or undefined when it receives nothing. */
export function alertPayloads(store: Store, gate: ApiGate): AlertPayload {
	return async (alert) => {
		const purpose = await watchPurposeOf(store, alert.organizationId);
		const [released] = await releasedAlerts(store, gate, watchViewer(alert.organizationId, purpose), [alert]);
		if (released === undefined) return undefined;
		return {
			type: "entente.watch-alert",
			id: alert.id,
			at: alert.at,
			organization: alert.organizationId,
			match: {
				entry: { id: alert.entryId, kind: alert.entryKind, value: alert.entryValue },
				kind: alert.kind,
				value: alert.value,
				path: alert.path,
			},
			object: released.copy,
		};
	};
}

/** The stored version each alert is about, by (id, version); a deleted object has none. */
async function alertVersions(
	store: Store,
	alerts: readonly WatchAlertRecord[],
): Promise<Map<string, StoredVersion>> {
	const ids = [...new Set(alerts.map((alert) => alert.objectId))];
	const found = new Map<string, StoredVersion>();
	for (const versions of await Promise.all(ids.map((id) => store.getVersions(id, ["all"])))) {
		for (const version of versions) found.set(`${version.id}\u0000${version.version}`, version);
	}
	return found;
}

/** Whether the released copy names the alert's value under the alert's entry. */
function namesValue(copy: StixObject, alert: WatchAlertRecord): boolean {
	const entry = {
		id: alert.entryId,
		organizationId: alert.organizationId,
		kind: alert.entryKind,
		value: alert.entryValue,
		label: "",
		createdAt: alert.at,
		createdBy: "",
	};
	const matches = matchesOnCopy(copy, [{ entry, kind: alert.kind, value: alert.value, path: alert.path }]);
	return matches.some((match) => match.kind === alert.kind && match.value === alert.value);
}
