// Which objects a copy names: every `*_ref` / `*_refs` at any depth (extensions and custom properties too),
// read generically so that no reference property is missed, except those naming markings and the author (D37).
import type { StixObject } from "../../stix/core.ts";

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Markings are not objects a party receives, and the author's identity is named by every object it wrote. */
const NOT_OBJECT_REFS: ReadonlySet<string> = new Set([
	"object_marking_refs",
	"marking_ref",
	"created_by_ref",
]);

/**
 * The STIX ids `object` names through reference properties, at any depth, once each, without its own id.
 * @example namedIds({ type: "report", …, object_refs: ["indicator--…"] }) // → ["indicator--…"]
 */
export function namedIds(object: StixObject): string[] {
	const found = new Set<string>();
	const walk = (value: unknown, depth: number): void => {
		if (depth > 32 || typeof value !== "object" || value === null) return;
		if (Array.isArray(value)) {
			for (const item of value) walk(item, depth + 1);
			return;
		}
		for (const [key, inner] of Object.entries(value)) {
			if (NOT_OBJECT_REFS.has(key)) continue;
			if (key.endsWith("_ref") && typeof inner === "string" && STIX_ID.test(inner)) found.add(inner);
			else if (key.endsWith("_refs") && Array.isArray(inner)) {
				for (const ref of inner) if (typeof ref === "string" && STIX_ID.test(ref)) found.add(ref);
			} else walk(inner, depth + 1);
		}
	};
	walk(object, 0);
	found.delete(object.id);
	return [...found];
}
