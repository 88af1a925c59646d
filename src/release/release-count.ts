// Counts what the gate releases and withholds, per day, recipient party and marking (D67): a wrapper around the
// node's gate that tallies in memory on the request path (a map increment per position) and flushes the tallies
// to the store in batches, explaining one sample of each kind of withheld object for its deciding rule.
import type { Logger } from "../log/index.ts";
import { decidingStep, type EgressGate, type ReleasableVersion, type Viewer } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { markingLabel } from "../stix/markings/index.ts";
import type { ActivityCount, Store } from "../store/index.ts";

/** The rule a withheld object is counted under when the gate, asked about it alone, releases it. */
export const RELEASED_ALONE = "gate.page";
/** The rule of withheld objects left unexplained because a flush met more kinds than it explains. */
export const NOT_EXPLAINED = "not explained";

const FLUSH_MS = 10_000;
/** Tallies kept before a flush is due whatever the time: bounds memory under a burst of new kinds. */
const MAX_GROUPS = 5_000;
/** Kinds of withheld objects explained per flush (one `explain` each); the rest count as NOT_EXPLAINED. */
const MAX_EXPLAINED = 200;

export interface ReleaseCounterOptions {
	store: Store;
	/** The node's own organisations: releases to them are `local`, never `out`. */
	localParties: () => Promise<ReadonlySet<string>>;
	logger?: Logger;
	/** Today, for the day a count falls on; default the wall clock. */
	now?: () => Date;
	flushMs?: number;
}

/** The counting gate and what feeds it outside the gate (federation deliveries), flushed in batches. */
export interface ReleaseCounter {
	/**
	 * `gate`, answering the same, with every page it answers counted for its viewer: what it releases and withholds
	 * (`all`), or only what it withholds (`withheld`: the federation's gate, whose releases count when a peer
	 * acknowledges them, `delivered`).
	 */
	counted(gate: EgressGate, counting?: "all" | "withheld"): EgressGate;
	/** Copies a peer acknowledged for `partyId` (federation counts what left at delivery, not at judging). */
	delivered(partyId: string, objects: readonly StixObject[]): void;
	/** Writes the tallies so far to the store (withheld kinds explained first). */
	flush(): Promise<void>;
	/** Stops the timer and flushes. */
	stop(): Promise<void>;
}

interface ReleasedTally {
	day: string;
	party: string;
	marking: string;
	count: number;
}

interface WithheldTally extends ReleasedTally {
	purpose: Viewer["purpose"];
	sample: ReleasableVersion;
}

/**
 * Builds a counter whose `counted(gate)` wraps the node's gate (release/node-gates.ts). Counting on the request path
 * is one map lookup per position; explaining and writing happen on the flush (every `flushMs`, or once
 * `MAX_GROUPS` kinds are tallied), so the exits' answers wait for neither. Tallies not yet flushed when the process
 * dies are lost (at most `flushMs` of counts); a flush that fails is logged and its tallies dropped.
 * @example const counter = releaseCounter({ store, localParties }); const gate = counter.counted(guarded);
 */
export function releaseCounter(options: ReleaseCounterOptions): ReleaseCounter {
	const now = options.now ?? (() => new Date());
	let released = new Map<string, ReleasedTally>();
	let withheld = new Map<string, WithheldTally>();
	let explainer: EgressGate | undefined;
	let flushing: Promise<void> = Promise.resolve();

	const tallyReleased = (party: string, object: StixObject | undefined, day: string): void => {
		const marking = markingLabel(object?.object_marking_refs);
		const key = `${day}\u0000${party}\u0000${marking}`;
		const known = released.get(key);
		if (known === undefined) released.set(key, { day, party, marking, count: 1 });
		else known.count += 1;
	};
	const tallyWithheld = (viewer: Viewer, version: ReleasableVersion, day: string): void => {
		const { object } = version;
		// One kind per what usually decides: party, purpose, type, markings, author (one sample explained per kind).
		const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs.join(",") : "";
		const author = typeof object.created_by_ref === "string" ? object.created_by_ref : "";
		const key = `${day}\u0000${viewer.partyId}\u0000${viewer.purpose}\u0000${object.type}\u0000${refs}\u0000${author}`;
		const known = withheld.get(key);
		if (known !== undefined) known.count += 1;
		else
			withheld.set(key, {
				day,
				party: viewer.partyId,
				purpose: viewer.purpose,
				marking: markingLabel(object.object_marking_refs),
				count: 1,
				sample: version,
			});
	};
	const dueSoon = (): void => {
		if (released.size + withheld.size >= MAX_GROUPS) void counter.flush();
	};

	const flushOnce = async (): Promise<void> => {
		const releasedNow = released;
		const withheldNow = withheld;
		released = new Map();
		withheld = new Map();
		if (releasedNow.size === 0 && withheldNow.size === 0) return;
		const local = await options.localParties();
		const counts: ActivityCount[] = [];
		for (const tally of releasedNow.values())
			counts.push({ ...countOf(tally), flow: local.has(tally.party) ? "local" : "out" });
		let explained = 0;
		for (const tally of withheldNow.values()) {
			if (local.has(tally.party)) continue; // withheld from the node's own analysts: not a partner's loss
			const rule =
				explainer !== undefined && explained++ < MAX_EXPLAINED
					? await ruleOf(explainer, tally)
					: NOT_EXPLAINED;
			counts.push({ ...countOf(tally), flow: "withheld", rule });
		}
		await options.store.addActivityCounts(counts);
	};

	const counter: ReleaseCounter = {
		counted(gate, counting = "all") {
			explainer ??= gate;
			const releases = counting === "all";
			const wrapped: EgressGate = {
				...gate,
				async releasePage(viewer, versions) {
					const page = await gate.releasePage(viewer, versions);
					const day = now().toISOString().slice(0, 10);
					page.forEach((object, index) => {
						const version = versions[index];
						if (object !== undefined) {
							if (releases) tallyReleased(viewer.partyId, object, day);
						} else if (version !== undefined) tallyWithheld(viewer, version, day);
					});
					dueSoon();
					return page;
				},
				async release(viewer, version) {
					return (await wrapped.releasePage(viewer, [version]))[0];
				},
			};
			return wrapped;
		},
		delivered(partyId, objects) {
			const day = now().toISOString().slice(0, 10);
			for (const object of objects) tallyReleased(partyId, object, day);
			dueSoon();
		},
		flush() {
			flushing = flushing.then(flushOnce).catch((error: unknown) => {
				options.logger?.warn({ err: error }, "dashboard: writing the release counts failed; dropped");
			});
			return flushing;
		},
		async stop() {
			clearInterval(timer);
			await counter.flush();
		},
	};
	const timer = setInterval(() => void counter.flush(), options.flushMs ?? FLUSH_MS);
	timer.unref();
	return counter;
}

function countOf(tally: ReleasedTally): Omit<ActivityCount, "flow"> {
	return { day: tally.day, party: tally.party, marking: tally.marking, rule: "", count: tally.count };
}

/** The deciding rule of the kind's sample, asked of the gate alone; RELEASED_ALONE when it then releases it. */
async function ruleOf(gate: EgressGate, tally: WithheldTally): Promise<string> {
	const decision = await gate.explain(tally.sample, tally.party, tally.purpose);
	if (decision.verdict === "full" || decision.verdict === "transformed") return RELEASED_ALONE;
	return decidingStep(decision)?.rule ?? RELEASED_ALONE;
}
