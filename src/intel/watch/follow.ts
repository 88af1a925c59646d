// Follows the commit log for the watch-lists (D51): each round reads the versions committed after the saved
// cursor, matches them against every organisation's entries, keeps what each organisation is released (matched
// again on the copy it would receive), and records the alerts and the new cursor in one compare-and-set. A crash
// repeats at most an unrecorded round; a second process that raced it records nothing (the cursor moved).
import type { StixObject } from "../../stix/core.ts";
import type { Store, StoredVersion, WatchAlert } from "../../store/index.ts";
import { alertIdOf } from "./alert-id.ts";
import { type WatchMatch, WatchMatcher } from "./matcher.ts";

/**
 * The copies of `versions` released to an organisation (its viewer for watch-lists), in order, undefined where
 * it receives nothing. main.ts binds it to the egress gate (api/'s released-alerts.ts): intel/ never asks the gate.
 */
export type ReleaseToOrganization = (
	organizationId: string,
	versions: readonly StoredVersion[],
) => Promise<(StixObject | undefined)[]>;

export interface WatchRoundDependencies {
	store: Store;
	release: ReleaseToOrganization;
	/** Versions read per round. */
	batchSize: number;
	now?: () => Date;
}

/** What one round did: commit-log versions read (0: up to date), alerts recorded, and whether another process won. */
export interface WatchRound {
	consumed: number;
	alerts: number;
	raced: boolean;
}

/**
 * Runs one round of the matcher over the commit log.
 * @example while ((await watchOnce(deps)).consumed > 0) {}
 */
export async function watchOnce(deps: WatchRoundDependencies): Promise<WatchRound> {
	const { store } = deps;
	const cursor = await store.watchCursor();
	const horizon = await store.commitHorizon();
	if (horizon === undefined || (cursor !== undefined && cursor >= horizon)) {
		return { consumed: 0, alerts: 0, raced: false };
	}
	const page = await store.query({
		versions: ["all"],
		limit: deps.batchSize,
		...(cursor === undefined ? {} : { addedAfter: cursor }),
	});
	const versions = page.items.filter((v) => v.dateAdded <= horizon);
	const until = page.more && versions.length > 0 ? (versions.at(-1)?.dateAdded ?? horizon) : horizon;
	const entries = await store.listWatchEntries();
	const alerts = entries.length === 0 ? [] : await alertsOf(deps, new WatchMatcher(entries), versions);
	const recorded = await store.recordWatchAlerts(alerts, cursor, until);
	if (!recorded) return { consumed: 0, alerts: 0, raced: true };
	return { consumed: Math.max(versions.length, 1), alerts: alerts.length, raced: false };
}

/** The alerts of a page: matches on the stored copies, then kept only where the organisation's copy matches too. */
async function alertsOf(
	deps: WatchRoundDependencies,
	matcher: WatchMatcher,
	versions: readonly StoredVersion[],
): Promise<WatchAlert[]> {
	const candidates = new Map<string, { version: StoredVersion; matches: WatchMatch[] }[]>();
	for (const version of versions) {
		for (const match of matcher.matches(version.object)) {
			const organizationId = match.entry.organizationId;
			const list = candidates.get(organizationId) ?? [];
			const last = list.at(-1);
			if (last?.version === version) last.matches.push(match);
			else list.push({ version, matches: [match] });
			candidates.set(organizationId, list);
		}
	}
	const at = (deps.now?.() ?? new Date()).toISOString();
	const alerts: WatchAlert[] = [];
	for (const [organizationId, found] of candidates) {
		const copies = await deps.release(
			organizationId,
			found.map((f) => f.version),
		);
		found.forEach(({ version, matches }, i) => {
			const copy = copies[i];
			if (copy === undefined) return; // not released to this organisation: no alert, nothing recorded
			alerts.push(
				...matchesOnCopy(copy, matches).map((match) => alertOf(organizationId, version, match, at)),
			);
		});
	}
	return alerts;
}

/**
 * The matches that hold on the copy the organisation receives, with the value as that copy names it: a value
 * the policy pseudonymised or generalised for this organisation is not what it watches, and must not be told.
 */
export function matchesOnCopy(copy: StixObject, matches: readonly WatchMatch[]): WatchMatch[] {
	return new WatchMatcher(matches.map((m) => m.entry)).matches(copy);
}

function alertOf(organizationId: string, version: StoredVersion, match: WatchMatch, at: string): WatchAlert {
	const fields = {
		organizationId,
		objectId: version.id,
		objectVersion: version.version,
		entryId: match.entry.id,
		kind: match.kind,
		value: match.value,
	};
	return {
		...fields,
		id: alertIdOf(fields),
		entryKind: match.entry.kind,
		entryValue: match.entry.value,
		path: match.path,
		at,
	};
}
