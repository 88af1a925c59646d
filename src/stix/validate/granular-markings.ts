// Granular marking selectors (§7.2.3.1) must each name content that exists in the marked object.
import { isPlainObject } from "./check-value.ts";
import type { Walk } from "./walk.ts";

/**
 * Resolves a selector such as `external_references.[1].source_name` against `object`: each step
 * is a property name or a `[n]` list index.
 */
export function selectorResolves(object: Record<string, unknown>, selector: string): boolean {
	let current: unknown = object;
	for (const step of selector.split(".")) {
		if (step.startsWith("[") && step.endsWith("]")) {
			const index = Number(step.slice(1, -1));
			if (!Array.isArray(current) || !Number.isInteger(index) || index < 0 || index >= current.length)
				return false;
			current = current[index];
		} else {
			if (!isPlainObject(current) || !Object.hasOwn(current, step)) return false;
			current = current[step];
		}
	}
	return true;
}

/** Reports every selector of `object.granular_markings` that does not resolve. */
export function checkSelectors(object: Record<string, unknown>, walk: Walk): void {
	const markings = object.granular_markings;
	if (!Array.isArray(markings)) return;
	walk.enter("granular_markings");
	for (let i = 0; i < markings.length; i++) {
		const marking: unknown = markings[i];
		if (!isPlainObject(marking) || !Array.isArray(marking.selectors)) continue;
		walk.enter(i);
		walk.enter("selectors");
		marking.selectors.forEach((selector: unknown, j: number) => {
			if (typeof selector === "string" && !selectorResolves(object, selector)) {
				walk.error("selector", `"${selector}" does not resolve to content of this object`, j);
			}
		});
		walk.leave();
		walk.leave();
	}
	walk.leave();
}
