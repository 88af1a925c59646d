// Granular marking selectors (§7.2.3.1) must each name content that exists in the marked object.
import { resolveSelector } from "../markings/selectors.ts";
import { isPlainObject } from "./check-value.ts";
import type { Walk } from "./walk.ts";

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
			if (typeof selector !== "string") return;
			const resolved = resolveSelector(object, selector);
			if (!resolved.ok)
				walk.error(
					"selector",
					`granular marking selector "${selector}" does not resolve on this object: ${resolved.problem}; a selector must name a property or list item the object has`,
					j,
				);
		});
		walk.leave();
		walk.leave();
	}
	walk.leave();
}
