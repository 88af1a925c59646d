// What a pattern is evaluated against (§9.1): observations, each an observed-data (number_observed of them, over
// first_observed..last_observed) holding SCOs, or a bare SCO, an observation whose time is unknown.

import { SCO_TYPES } from "../../types/categories.ts";
import { checkTimestamp } from "../literals.ts";

/** One observation: the SCOs it holds and how references between them resolve. */
export interface Observation {
	/** Index of the object it came from in the input list. */
	index: number;
	/** The observed-data's id, or the bare SCO's. */
	id: string | undefined;
	/** Its SCOs, keyed by the name references use: the SCO id (STIX 2.1) or the `objects` key (2.0). */
	objects: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
	/** Resolves a `_ref` value met while walking an object path. */
	resolve(reference: string): Readonly<Record<string, unknown>> | undefined;
	/** first_observed..last_observed in milliseconds; undefined for a bare SCO, which has no time. */
	interval: readonly [number, number] | undefined;
	/** number_observed: this observation stands for that many (§9.5: REPEATS may count them). */
	count: number;
}

/** A problem with one input object; `path` is from the input list, e.g. [3, "object_refs", 1]. */
export interface ObservationIssue {
	path: (string | number)[];
	message: string;
	severity: "error" | "warning";
}

const SCO_TYPE_SET: ReadonlySet<string> = new Set(SCO_TYPES);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether an object is a cyber-observable (a STIX 2.1 SCO type, or a custom `x-` one with an SCO-style id). */
export function isSco(object: Readonly<Record<string, unknown>>): boolean {
	const type = object.type;
	return (
		typeof type === "string" && (SCO_TYPE_SET.has(type) || (type.startsWith("x-") && !("created" in object)))
	);
}

/**
 * The observations in a list of STIX objects (a bundle's `objects`): every observed-data, with its SCOs found
 * through `object_refs` among the other objects (or in a 2.0 `objects` dictionary, kept as it is), and every SCO
 * no observed-data refers to, as an observation of its own. Other objects are skipped with a warning.
 */
export function toObservations(input: readonly unknown[]): {
	observations: Observation[];
	issues: ObservationIssue[];
} {
	const issues: ObservationIssue[] = [];
	const pool = new Map<string, Readonly<Record<string, unknown>>>();
	for (const object of input)
		if (isRecord(object) && typeof object.id === "string") pool.set(object.id, object);
	const resolveInPool = (reference: string) => pool.get(reference);
	const referenced = new Set<string>();
	for (const object of input) {
		if (isRecord(object) && object.type === "observed-data" && Array.isArray(object.object_refs)) {
			for (const ref of object.object_refs) if (typeof ref === "string") referenced.add(ref);
		}
	}
	const observations: Observation[] = [];
	input.forEach((object, index) => {
		if (!isRecord(object)) {
			issues.push({ path: [index], message: "not a JSON object; skipped", severity: "error" });
		} else if (object.type === "observed-data") {
			const observation = observedData(object, index, resolveInPool, issues);
			if (observation !== undefined) observations.push(observation);
		} else if (isSco(object)) {
			if (typeof object.id === "string" && referenced.has(object.id)) return;
			const key = typeof object.id === "string" ? object.id : `#${index}`;
			observations.push({
				index,
				id: typeof object.id === "string" ? object.id : undefined,
				objects: new Map([[key, object]]),
				resolve: resolveInPool,
				interval: undefined,
				count: 1,
			});
		} else {
			issues.push({
				path: [index, "type"],
				message: `a ${String(object.type)} is neither observed-data nor a cyber-observable; skipped`,
				severity: "warning",
			});
		}
	});
	return { observations, issues };
}

function observedData(
	object: Record<string, unknown>,
	index: number,
	resolveInPool: (reference: string) => Readonly<Record<string, unknown>> | undefined,
	issues: ObservationIssue[],
): Observation | undefined {
	const interval = timesOf(object, index, issues);
	const count = object.number_observed;
	if (!Number.isSafeInteger(count) || (count as number) < 1) {
		issues.push({
			path: [index, "number_observed"],
			message: "number_observed must be an integer of at least 1; observation skipped",
			severity: "error",
		});
		return undefined;
	}
	if (interval === undefined) return undefined;
	const id = typeof object.id === "string" ? object.id : undefined;
	if (isRecord(object.objects)) {
		// A STIX 2.0 observed-data: references name keys of its own dictionary.
		const objects = new Map<string, Readonly<Record<string, unknown>>>();
		for (const [key, sco] of Object.entries(object.objects)) if (isRecord(sco)) objects.set(key, sco);
		return { index, id, objects, resolve: (ref) => objects.get(ref), interval, count: count as number };
	}
	if (!Array.isArray(object.object_refs)) {
		issues.push({
			path: [index],
			message: "observed-data has neither object_refs nor objects; observation skipped",
			severity: "error",
		});
		return undefined;
	}
	const objects = new Map<string, Readonly<Record<string, unknown>>>();
	object.object_refs.forEach((ref, k) => {
		const sco = typeof ref === "string" ? resolveInPool(ref) : undefined;
		if (sco === undefined) {
			issues.push({
				path: [index, "object_refs", k],
				message: `${String(ref)} is not among the objects sent; send the SCOs with the observed-data (in one bundle)`,
				severity: "warning",
			});
		} else {
			objects.set(ref as string, sco);
		}
	});
	return { index, id, objects, resolve: resolveInPool, interval, count: count as number };
}

function timesOf(
	object: Record<string, unknown>,
	index: number,
	issues: ObservationIssue[],
): [number, number] | undefined {
	const times: number[] = [];
	for (const name of ["first_observed", "last_observed"] as const) {
		const value = object[name];
		const problem = typeof value === "string" ? checkTimestamp(value) : { message: "missing" };
		if (problem !== null) {
			issues.push({
				path: [index, name],
				message: `${name} is ${problem.message}; observation skipped`,
				severity: "error",
			});
			return undefined;
		}
		times.push(millisecondsOf(value as string));
	}
	const [first, last] = times as [number, number];
	if (last < first) {
		issues.push({
			path: [index, "last_observed"],
			message: "last_observed is before first_observed; observation skipped",
			severity: "error",
		});
		return undefined;
	}
	return [first, last];
}

/** A valid STIX timestamp in milliseconds; a leap second (:60) counts as the next second's start. */
export function millisecondsOf(timestamp: string): number {
	const ms = Date.parse(timestamp);
	return Number.isNaN(ms) ? Date.parse(`${timestamp.slice(0, 17)}59Z`) + 1000 : ms;
}
