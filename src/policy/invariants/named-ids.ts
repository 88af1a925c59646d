// Which objects a copy names: every `*_ref` / `*_refs` at any depth (extensions and custom properties too),
// read generically so that no reference property is missed, except those naming markings and the author (D37).
import type { StixObject } from "../../stix/core.ts";

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Markings are not objects a party receives, and the author's identity is named by every object it wrote. */
const F = "f".charCodeAt(0);
const S = "s".charCodeAt(0);
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
	const found: string[] = [];
	collect(object, found, 0);
	// Rare: only objects naming something get here with a non-empty list; keep each id once, not the object's own.
	return found.length === 0 ? found : [...new Set(found)].filter((id) => id !== object.id);
}

/** Walks own keys, building nothing for an object that names nothing: paging calls it for every released copy. */
function collect(value: object, found: string[], depth: number): void {
	if (depth > 32) return;
	if (Array.isArray(value)) {
		for (const item of value) if (typeof item === "object" && item !== null) collect(item, found, depth + 1);
		return;
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i] as string;
		const inner = record[key];
		// The last letter first: most keys end in neither "f" nor "s", and most values are strings.
		const last = key.charCodeAt(key.length - 1);
		if (typeof inner === "string") {
			if (last === F && key.endsWith("_ref") && !NOT_OBJECT_REFS.has(key) && STIX_ID.test(inner))
				found.push(inner);
		} else if (typeof inner === "object" && inner !== null) {
			if (last === S && Array.isArray(inner) && key.endsWith("_refs")) {
				if (NOT_OBJECT_REFS.has(key)) continue;
				for (const ref of inner) if (typeof ref === "string" && STIX_ID.test(ref)) found.push(ref);
			} else if (!Array.isArray(inner) || inner.some((item) => typeof item === "object" && item !== null))
				collect(inner, found, depth + 1);
		}
	}
}
