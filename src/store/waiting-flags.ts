// Versions that wait for something to arrive before they may be released (D58): the flags both backends keep
// on them, and which of a batch's versions wait for which ids.
import { AWAITING_REFERENCES_FLAG, UNKNOWN_MARKING_FLAG } from "./store.ts";

const MARKING_PREFIX = "marking-definition--";

/** Whether stored flags (a JSON array or null) say the version waits: for a marking definition or an object it names. */
export function isWaiting(flags: readonly string[]): boolean {
	return flags.includes(UNKNOWN_MARKING_FLAG) || flags.includes(AWAITING_REFERENCES_FLAG);
}

/**
 * The stored flags once a version waits only for `still` (empty: for nothing): `unknown-marking` while a marking
 * definition is awaited, `awaiting-references` while another object is; other flags kept. Null when none remain.
 */
export function flagsWaitingFor(flags: unknown, still: readonly string[]): string | null {
	const kept = typeof flags === "string" ? (JSON.parse(flags) as string[]) : [];
	const rest = kept.filter((flag) => flag !== UNKNOWN_MARKING_FLAG && flag !== AWAITING_REFERENCES_FLAG);
	if (still.some((ref) => ref.startsWith(MARKING_PREFIX))) rest.push(UNKNOWN_MARKING_FLAG);
	if (still.some((ref) => !ref.startsWith(MARKING_PREFIX))) rest.push(AWAITING_REFERENCES_FLAG);
	return rest.length === 0 ? null : JSON.stringify(rest);
}

/** One version of a batch as the wait plan reads it. */
export interface WaitCandidate {
	id: string;
	/** The ids it names (its `refs`, without markings and author). */
	refs: readonly (readonly [string, string])[];
	/** The marking definitions ingest found it lacks. */
	awaiting: readonly string[];
}

/**
 * For each version of a batch, the ids it must wait for (D58): of the marking definitions ingest says it lacks and
 * the objects it names, those neither ready in the store (`ready`: held with a version that waits for nothing) nor
 * stored ready by this same batch. A version of the batch is ready when it waits for nothing, so the plan is a
 * fixpoint: a report naming an indicator of the batch that itself waits, waits too.
 * @example planWaits([{ id: "report--1", refs: [["indicator--2", "object_refs"]], awaiting: [] }], new Set())
 * // → [["indicator--2"]]
 */
export function planWaits(batch: readonly WaitCandidate[], ready: ReadonlySet<string>): string[][] {
	const inBatch = new Set(batch.map((item) => item.id));
	const absent = (id: string): boolean => !ready.has(id) && !inBatch.has(id);
	// What each version lacks outside the batch, and who in the batch names whom.
	const direct = batch.map((item) => {
		const missing = new Set<string>();
		for (const ref of item.awaiting) if (absent(ref)) missing.add(ref);
		for (const [to] of item.refs) if (to !== item.id && isAwaitable(to) && absent(to)) missing.add(to);
		return missing;
	});
	const namedBy = new Map<string, number[]>();
	const link = (to: string, position: number): void => {
		const holders = namedBy.get(to);
		if (holders === undefined) namedBy.set(to, [position]);
		else holders.push(position);
	};
	batch.forEach((item, position) => {
		for (const ref of item.awaiting)
			if (ref !== item.id && !ready.has(ref) && inBatch.has(ref)) link(ref, position);
		for (const [to] of item.refs)
			if (to !== item.id && isAwaitable(to) && !ready.has(to) && inBatch.has(to)) link(to, position);
	});
	// Ids of the batch that wait, spread to whoever names them (a worklist: each id once).
	const waiting = new Set(
		batch.filter((_, position) => (direct[position]?.size ?? 0) > 0).map((item) => item.id),
	);
	const queue = [...waiting];
	for (let id = queue.pop(); id !== undefined; id = queue.pop())
		for (const position of namedBy.get(id) ?? []) {
			direct[position]?.add(id);
			const holder = batch[position]?.id as string;
			if (!waiting.has(holder)) {
				waiting.add(holder);
				queue.push(holder);
			}
		}
	return direct.map((missing) => [...missing]);
}

/**
 * Whether a version waits for the object `id` names: not for an identity or a location, the who and where of a
 * sighting or a report's author, which partners seldom share as objects (a node's organisations live in its
 * directory); a reference to one the node does not hold is withdrawn from the copy as D32 says.
 */
function isAwaitable(id: string): boolean {
	return !id.startsWith("identity--") && !id.startsWith("location--");
}

/** The ids a batch's versions name or await, each once: the ids whose readiness the plan needs to know. */
export function namedIds(batch: readonly WaitCandidate[]): string[] {
	const ids = new Set<string>();
	for (const item of batch) {
		for (const ref of item.awaiting) ids.add(ref);
		for (const [to] of item.refs) if (isAwaitable(to)) ids.add(to);
	}
	return [...ids];
}
