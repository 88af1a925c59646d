// One short name for what an object is marked with, for counting and charts: its TLP, else another pinned marking.
import { classifyMarking } from "./catalogue.ts";

/** What an object carries no marking as. */
export const UNMARKED = "unmarked";
/** What an object carries only markings the catalogue does not pin (a statement, an IEP policy) as. */
export const OTHER_MARKING = "other marking";

/**
 * The name an object's `object_marking_refs` are counted under: its TLP (1.0 or 2.0) by name, else the first
 * pinned marking's name (PAP, a handling code), else `other marking`; `unmarked` without any.
 * @example markingLabel(["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]) // → "TLP:AMBER"
 */
export function markingLabel(refs: unknown): string {
	if (!Array.isArray(refs) || refs.length === 0) return UNMARKED;
	let first: string | undefined;
	for (const ref of refs) {
		const known = typeof ref === "string" ? classifyMarking(ref) : undefined;
		if (known === undefined) continue;
		if (known.kind === "tlp1" || known.kind === "tlp2") return known.name;
		first ??= known.name;
	}
	return first ?? OTHER_MARKING;
}
