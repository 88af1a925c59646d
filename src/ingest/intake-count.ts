// Counts what came in per day (D67): follows the commit log and adds per-day counters by source and marking,
// moving its cursor in the same transaction, so a crash between rounds loses and repeats nothing.
import { markingLabel } from "../stix/markings/index.ts";
import type { ActivityCount, Store, StoredVersion } from "../store/index.ts";

/** The name of the intake follower's cursor in the store's `activity_cursors`. */
export const INTAKE_CURSOR = "in";

const DEFAULT_PAGE = 2000;

/** One round's outcome: how many versions were counted, and whether the commit log has more after them. */
export interface IntakeRound {
	counted: number;
	more: boolean;
}

/**
 * Counts the versions committed after the intake cursor, up to the commit horizon, at most `pageSize`: each
 * under its commit day (UTC), the organisation it was recorded for, and its marking's name. Counters and cursor
 * are written in one transaction (`Store.addActivityCounts`): after a crash, the next round starts where the last
 * committed one ended. Run it until `more` is false to catch up (a store of a million versions: a few hundred
 * rounds, each a page of the commit log).
 * @example while ((await countIntake(store)).more) {}
 */
export async function countIntake(store: Store, pageSize = DEFAULT_PAGE): Promise<IntakeRound> {
	const position = await store.activityCursor(INTAKE_CURSOR);
	const horizon = await store.commitHorizon();
	if (horizon === undefined || (position !== undefined && position >= horizon))
		return { counted: 0, more: false };
	const page = await store.query({
		versions: ["all"],
		limit: pageSize,
		...(position === undefined ? {} : { addedAfter: position }),
	});
	// Commits past the horizon may still be landing before it: the next round reads them in order.
	const versions = page.items.filter((version) => version.dateAdded <= horizon);
	const complete = !page.more || versions.length < page.items.length;
	const last = complete ? horizon : (versions.at(-1)?.dateAdded ?? horizon);
	await store.addActivityCounts(intakeCounts(versions), { name: INTAKE_CURSOR, position: last });
	return { counted: versions.length, more: !complete };
}

/** The counters a page of committed versions adds: one per (day, organisation, marking). */
export function intakeCounts(versions: readonly StoredVersion[]): ActivityCount[] {
	const counts = new Map<string, ActivityCount>();
	for (const version of versions) {
		const day = version.dateAdded.slice(0, 10);
		const party = version.provenance.organizationId;
		const marking = markingLabel(version.object.object_marking_refs);
		const key = `${day}\u0000${party}\u0000${marking}`;
		const known = counts.get(key);
		if (known === undefined) counts.set(key, { day, flow: "in", party, marking, rule: "", count: 1 });
		else known.count += 1;
	}
	return [...counts.values()];
}

/** A running intake follower: woken by this process's commits, polling for other processes'. */
export interface IntakeFollower {
	wake(): void;
	/** Stops after the round under way (its counts and cursor are written together, or not at all). */
	stop(): Promise<void>;
}

/**
 * Keeps the `in` counters up to date in the background: a round at once (catching up from the cursor: after a
 * crash, or on a store that existed before the counters), then on every `wake()` and every `pollMs`.
 * @example const intake = followIntake(store, { pollMs: 5000, onError }); commitListener(() => intake.wake());
 */
export function followIntake(
	store: Store,
	options: { pollMs: number; onError: (error: unknown) => void },
): IntakeFollower {
	let running = true;
	let wakeUp: (() => void) | undefined;
	let pending = true;
	const sleep = (): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(done, options.pollMs);
			function done(): void {
				clearTimeout(timer);
				wakeUp = undefined;
				resolve();
			}
			wakeUp = done;
		});
	const loop = async (): Promise<void> => {
		while (running) {
			if (!pending) await sleep();
			pending = false;
			try {
				while (running && (await countIntake(store)).more) {}
			} catch (error) {
				if (running) options.onError(error);
			}
		}
	};
	const stopped = loop();
	return {
		wake() {
			pending = true;
			wakeUp?.();
		},
		async stop() {
			running = false;
			wakeUp?.();
			await stopped;
		},
	};
}
