// Removing what granular markings select (STIX 2.1 §7.2.3) from a released copy, and keeping the copy's own
// granular markings true: entries on removed content go, indexes after a removed list item shift down.

import type { StixObject } from "../../stix/core.ts";
import { resolveSelector, type SelectorStep, selectorOf, selectorSteps } from "../../stix/markings/index.ts";
import { pathSegments, validateObject } from "../../stix/validate/index.ts";
import { isRequired } from "./defaults.ts";

type Path = readonly SelectorStep[];

export type GranularOutcome =
	| { kind: "released"; object: StixObject; removed: string[] }
	| { kind: "withheld"; reason: string };

/** Properties no copy may lose: what the object is, and what says how it may be shared (never loosened). */
const KEPT = new Set([
	"type",
	"id",
	"spec_version",
	"created",
	"modified",
	"object_marking_refs",
	"granular_markings",
]);

/** How many times a removal may grow to its container (a property → its list item → the list …). */
const MAX_ROUNDS = 16;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value);

const startsWith = (path: Path, prefix: Path): boolean =>
	prefix.length <= path.length && prefix.every((step, i) => path[i] === step);

function compare(a: Path, b: Path): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		const x = a[i] as SelectorStep;
		const y = b[i] as SelectorStep;
		if (x === y) continue;
		if (typeof x === "number" && typeof y === "number") return x - y;
		return String(x) < String(y) ? -1 : 1;
	}
	return a.length - b.length;
}

const keyOf = (path: Path): string => JSON.stringify(path);

/** The removals that act — none inside another, latest first so an earlier index never shifts under a later one — indexed. */
interface Acting {
	/** In removal order. */
	paths: Path[];
	keys: Set<string>;
	/** For each list that loses items (by key), the indexes it loses, ascending. */
	items: Map<string, number[]>;
}

function normalise(paths: readonly Path[]): Acting {
	const keys = new Set<string>();
	const outer: Path[] = [];
	for (const path of [...paths].sort((a, b) => a.length - b.length)) {
		const key = keyOf(path);
		if (keys.has(key)) continue;
		let inside = false;
		for (let i = 1; i < path.length && !inside; i++) inside = keys.has(keyOf(path.slice(0, i)));
		if (inside) continue;
		keys.add(key);
		outer.push(path);
	}
	const items = new Map<string, number[]>();
	for (const path of outer) {
		const last = path[path.length - 1];
		if (typeof last !== "number") continue;
		const list = keyOf(path.slice(0, -1));
		const lost = items.get(list);
		if (lost === undefined) items.set(list, [last]);
		else lost.push(last);
	}
	for (const lost of items.values()) lost.sort((x, y) => x - y);
	return { paths: outer.sort((a, b) => compare(b, a)), keys, items };
}

function valueAt(root: unknown, path: Path): unknown {
	let node = root;
	for (const step of path) {
		if (typeof step === "number") node = Array.isArray(node) ? node[step] : undefined;
		else node = isRecord(node) ? node[step] : undefined;
	}
	return node;
}

function removeAt(root: Record<string, unknown>, path: Path): void {
	const holder = valueAt(root, path.slice(0, -1));
	const last = path[path.length - 1];
	if (typeof last === "number" && Array.isArray(holder)) holder.splice(last, 1);
	else if (typeof last === "string" && isRecord(holder)) delete holder[last];
}

/** Where a selector of the original points once `removed` are gone; undefined when it went with them. */
function rebaseSteps(steps: Path, removed: Acting): SelectorStep[] | undefined {
	for (let i = 1; i <= steps.length; i++) if (removed.keys.has(keyOf(steps.slice(0, i)))) return undefined;
	return steps.map((step, i) => {
		if (typeof step !== "number") return step;
		const lost = removed.items.get(keyOf(steps.slice(0, i))) ?? [];
		let low = 0;
		let high = lost.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if ((lost[middle] as number) < step) low = middle + 1;
			else high = middle;
		}
		return step - low;
	});
}

/** The copy's granular markings with every selector moved by `move`; entries left without selectors go. */
function rebaseMarkings(object: StixObject, move: (selector: string) => string | undefined): void {
	const markings = object.granular_markings;
	if (!Array.isArray(markings)) return;
	const kept: unknown[] = [];
	for (const marking of markings) {
		if (!isRecord(marking) || !Array.isArray(marking.selectors)) continue;
		const selectors = marking.selectors
			.map((s) => (typeof s === "string" ? move(s) : undefined))
			.filter((s): s is string => s !== undefined);
		if (selectors.length > 0) kept.push({ ...marking, selectors });
	}
	if (kept.length > 0) object.granular_markings = kept;
	else delete object.granular_markings;
}

/** An issue path of the trial copy read back in the original's coordinates (list items removed are skipped). */
function originalPath(original: StixObject, segments: readonly (string | number)[], removed: Acting): Path {
	const out: SelectorStep[] = [];
	let node: unknown = original;
	for (const segment of segments) {
		if (typeof segment === "number" && Array.isArray(node)) {
			// The k-th item left is the k-th original index the removal did not take.
			const lost = new Set(removed.items.get(keyOf(out)) ?? []);
			let seen = -1;
			let index = node.length;
			for (let i = 0; i < node.length; i++) {
				if (lost.has(i)) continue;
				if (++seen === segment) {
					index = i;
					break;
				}
			}
			out.push(index);
			node = node[index];
		} else {
			out.push(segment);
			node = isRecord(node) ? node[String(segment)] : undefined;
		}
	}
	return out;
}

const issueKey = (code: string, path: Path) => `${code} ${selectorOf(path)}`;

/**
 * The copy of `object` without what `selectors` select, a valid STIX object whose granular markings still
 * say what they said about what is left. Removing a property a nested structure needs (a kill-chain phase's
 * `phase_name`, an external reference's only `description`) removes that list item or dictionary, and a list
 * left empty goes too; the object is withheld when a property it cannot lose would go (its identity, its
 * markings, or a property its type requires). Selectors that select nothing on this version remove nothing.
 * @example removeSelected(indicator, ["kill_chain_phases.[0].phase_name"]) // the first phase gone, [1] now [0]
 */
export function removeSelected(object: StixObject, selectors: readonly string[]): GranularOutcome {
	const wanted: Path[] = [];
	for (const selector of selectors) {
		const steps = selectorSteps(selector);
		if (steps === undefined)
			return { kind: "withheld", reason: `granular selector "${selector}" is malformed` };
		if (resolveSelector(object, selector).ok) wanted.push(steps);
	}
	if (wanted.length === 0) return { kind: "released", object, removed: [] };
	const baseline = new Set(
		validateObject(object)
			.filter((issue) => issue.severity === "error")
			.map((issue) => issueKey(issue.code, pathSegments(issue.path))),
	);
	const removals = [...wanted];
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const acting = normalise(removals);
		for (const path of acting.paths) {
			const top = String(path[0]);
			if (path.length === 1 && (KEPT.has(top) || isRequired(object.type, top)))
				return { kind: "withheld", reason: `${object.type} cannot be released without its ${top}` };
			if (KEPT.has(top)) return { kind: "withheld", reason: `${object.type}'s ${top} cannot be cut` };
		}
		const trial = structuredClone(object);
		for (const path of acting.paths) removeAt(trial, path);
		rebaseMarkings(trial, (selector) => {
			const steps = selectorSteps(selector);
			const moved = steps === undefined ? undefined : rebaseSteps(steps, acting);
			return moved === undefined ? undefined : selectorOf(moved);
		});
		let grew = false;
		const grow = (holder: Path): void => {
			if (removals.some((r) => selectorOf(r) === selectorOf(holder))) return;
			removals.push(holder);
			grew = true;
		};
		// A list or dictionary left empty goes too (STIX has no empty lists; an empty dictionary says nothing).
		for (const path of acting.paths) {
			const holder = path.slice(0, -1);
			const moved = holder.length === 0 ? undefined : rebaseSteps(holder, acting);
			const value = moved === undefined ? undefined : valueAt(trial, moved);
			if (
				(Array.isArray(value) && value.length === 0) ||
				(isRecord(value) && Object.keys(value).length === 0)
			)
				grow(holder);
		}
		if (grew) continue;
		// What the removal broke, found by the validator: the structure holding the removed part goes instead.
		for (const issue of validateObject(trial)) {
			if (issue.severity !== "error") continue;
			const at = originalPath(object, pathSegments(issue.path), acting);
			if (baseline.has(issueKey(issue.code, at))) continue;
			const holder = acting.paths
				.map((r) => r.slice(0, -1))
				.filter((parent) => parent.length > 0 && startsWith(at, parent))
				.sort((a, b) => b.length - a.length)[0];
			if (holder === undefined)
				return {
					kind: "withheld",
					reason: `removing granular-marked content leaves ${issue.path}: ${issue.message}`,
				};
			grow(holder);
		}
		if (!grew) return { kind: "released", object: trial, removed: acting.paths.map(selectorOf).reverse() };
	}
	return { kind: "withheld", reason: "removing granular-marked content does not converge to a valid object" };
}

/**
 * Where each item of `before` went in `after` (-1: removed), when `after` is `before` with items removed and
 * the rest unchanged; undefined when it is not (an item changed, or more than removals happened).
 */
function alignment(before: readonly unknown[], after: readonly unknown[]): number[] | undefined {
	if (before.length === after.length) return before.map((_, i) => i);
	const map: number[] = [];
	let j = 0;
	for (const item of before) {
		const same = j < after.length && JSON.stringify(after[j]) === JSON.stringify(item);
		map.push(same ? j++ : -1);
	}
	return j === after.length ? map : undefined;
}

/**
 * Re-bases the granular markings of `after` — `before` with reference list entries removed (D33): a list
 * of the same length kept its items in place; a shorter one lost entries, matched in order by value.
 * Returns false when the change was not removals only, so the markings cannot be placed for certain: the
 * caller withholds the copy rather than let a marking land on the wrong content.
 */
export function rebaseAfterRemoval(before: StixObject, after: StixObject): boolean {
	let certain = true;
	rebaseMarkings(after, (selector) => {
		const steps = selectorSteps(selector);
		if (steps === undefined) return undefined;
		let b: unknown = before;
		let a: unknown = after;
		const out: SelectorStep[] = [];
		for (const step of steps) {
			if (typeof step === "number") {
				if (!Array.isArray(b) || !Array.isArray(a)) return undefined;
				const map = alignment(b, a);
				if (map === undefined) {
					certain = false;
					return undefined;
				}
				const index = map[step] ?? -1;
				if (index < 0) return undefined;
				out.push(index);
				b = b[step];
				a = a[index];
			} else {
				if (!isRecord(b) || !isRecord(a) || !Object.hasOwn(a, step)) return undefined;
				out.push(step);
				b = b[step];
				a = a[step];
			}
		}
		return selectorOf(out);
	});
	return certain;
}
