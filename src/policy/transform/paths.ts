// Dotted property paths into a STIX object (`extensions.unix-account-ext.gecos`); lists are walked implicitly.
import { isReferenceName } from "../../stix/references/index.ts";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The parents that hold the last step of `path`, with that step's name; lists along the way fan out. */
function parentsOf(root: Json, path: string): { parents: Json[]; name: string } {
	const steps = path.split(".");
	const name = steps.pop() ?? "";
	let level: unknown[] = [root];
	for (const step of steps) {
		const next: unknown[] = [];
		for (const node of level) {
			const child = isRecord(node) ? node[step] : undefined;
			if (Array.isArray(child)) next.push(...child);
			else if (child !== undefined) next.push(child);
		}
		level = next;
	}
	return { parents: level.filter(isRecord), name };
}

/** True when some value exists at `path`. */
export function hasPath(root: Json, path: string): boolean {
	const { parents, name } = parentsOf(root, path);
	return parents.some((parent) => parent[name] !== undefined);
}

/** Deletes every value at `path`; empty containers left behind are removed too. Returns whether anything went. */
export function deletePath(root: Json, path: string): boolean {
	const { parents, name } = parentsOf(root, path);
	let deleted = false;
	for (const parent of parents) {
		if (parent[name] === undefined) continue;
		delete parent[name];
		deleted = true;
	}
	const steps = path.split(".");
	if (deleted && steps.length > 1) pruneEmpty(root, steps.slice(0, -1).join("."));
	return deleted;
}

function pruneEmpty(root: Json, path: string): void {
	const { parents, name } = parentsOf(root, path);
	for (const parent of parents) {
		const value = parent[name];
		if (isRecord(value) && Object.keys(value).length === 0) delete parent[name];
	}
	const steps = path.split(".");
	if (steps.length > 1) pruneEmpty(root, steps.slice(0, -1).join("."));
}

/**
 * Replaces every value at `path` with `rewrite(value)`; `undefined` deletes it. A list at the end of
 * the path is passed whole (a `*_refs` list, a list of strings) so the rewrite sees its shape.
 */
export function mapPath(root: Json, path: string, rewrite: (value: unknown) => unknown): boolean {
	const { parents, name } = parentsOf(root, path);
	let touched = false;
	let deleted = false;
	for (const parent of parents) {
		const value = parent[name];
		if (value === undefined) continue;
		const next = rewrite(value);
		if (next === undefined) {
			delete parent[name];
			deleted = true;
		} else parent[name] = next;
		touched = true;
	}
	const steps = path.split(".");
	if (deleted && steps.length > 1) pruneEmpty(root, steps.slice(0, -1).join("."));
	return touched;
}

/** True for a property that holds one or more STIX ids (§3: `*_ref`, `*_refs`). */
export function isReferenceProperty(name: string): boolean {
	return isReferenceName(name);
}

/** Calls `rewrite` on every string value reachable from `root` except under `skip` property names, replacing it. */
export function mapStrings(
	root: Json,
	skip: (name: string) => boolean,
	rewrite: (text: string) => string,
): boolean {
	let changed = false;
	const walk = (node: unknown): unknown => {
		if (typeof node === "string") {
			const next = rewrite(node);
			if (next !== node) changed = true;
			return next;
		}
		if (Array.isArray(node)) {
			for (let i = 0; i < node.length; i++) node[i] = walk(node[i]);
			return node;
		}
		if (isRecord(node)) {
			for (const name of Object.keys(node)) if (!skip(name)) node[name] = walk(node[name]);
		}
		return node;
	};
	walk(root);
	return changed;
}

/** Every value at `path` (lists at the end are returned whole). */
export function valuesAt(root: Json, path: string): unknown[] {
	const { parents, name } = parentsOf(root, path);
	return parents.map((parent) => parent[name]).filter((value) => value !== undefined);
}
