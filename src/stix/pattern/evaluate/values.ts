// Object paths (§9.7): the values a path names in one SCO, following `_ref` and `_refs` to other SCOs.

import type { PathStep } from "../ast.ts";
import type { Budget } from "./budget.ts";

/** A value found at a path, with what its property's name says of it. */
export interface PathValue {
	value: unknown;
	/** A `_hex` or `_bin` property (§9.6.2): binary data, written as hex or base64. */
	encoding: "hex" | "base64" | undefined;
	/** A `_ref` value, or an element of a `_refs` list: an id the next property step dereferences. */
	reference: boolean;
	/** A `_refs` list: its elements are references. */
	references: boolean;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function encodingOf(name: string): PathValue["encoding"] {
	if (name.endsWith("_hex")) return "hex";
	if (name.endsWith("_bin")) return "base64";
	return undefined;
}

/**
 * Every value `steps` reaches from `root`: `[*]` fans out over a list, `[n]` takes one element, and a property
 * step after a reference dereferences it through `resolve` first (`network-traffic:src_ref.value`). A step that
 * does not apply (no such property, not a list, an unresolved reference) yields nothing for that branch.
 */
export function pathValues(
	root: Readonly<Record<string, unknown>>,
	steps: readonly PathStep[],
	resolve: (reference: string) => Readonly<Record<string, unknown>> | undefined,
	budget: Budget,
): PathValue[] {
	let current: PathValue[] = [{ value: root, encoding: undefined, reference: false, references: false }];
	for (const step of steps) {
		const next: PathValue[] = [];
		for (const item of current) {
			if (step.kind === "property") propertyStep(item, step.name, resolve, next);
			else indexStep(item, step.index, next);
		}
		budget.charge(next.length + 1, "walking object paths");
		current = next;
		if (current.length === 0) break;
	}
	return current;
}

function propertyStep(
	item: PathValue,
	name: string,
	resolve: (reference: string) => Readonly<Record<string, unknown>> | undefined,
	out: PathValue[],
): void {
	const holder = item.reference && typeof item.value === "string" ? resolve(item.value) : item.value;
	if (!isRecord(holder) || !Object.hasOwn(holder, name)) return;
	out.push({
		value: holder[name],
		encoding: encodingOf(name),
		reference: name.endsWith("_ref"),
		references: name.endsWith("_refs"),
	});
}

function indexStep(item: PathValue, index: number | "*", out: PathValue[]): void {
	if (!Array.isArray(item.value)) return;
	const element = (value: unknown): PathValue => ({
		value,
		encoding: item.encoding,
		reference: item.references,
		references: false,
	});
	if (index === "*") {
		for (const value of item.value) out.push(element(value));
	} else if (index >= 0 && index < item.value.length) {
		out.push(element(item.value[index]));
	}
}
