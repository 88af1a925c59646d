// Observations as MISP holds them: the SCOs of an observed-data (or an SCO on its own) become attributes or
// objects with to_ids off. An SCO another SCO of the same observation references (a domain's resolved address) is
// read through that reference, as misp-stix writes `domain|ip`, not as an attribute of its own.
import type { StixObject } from "../../stix/core.ts";
import { type AttributeSeed, attributeOrObject } from "./attributes.ts";
import { epochSeconds, noteLeftovers, uuidOf } from "./leftovers.ts";
import type { ConversionNote, MispAttribute, MispObject } from "./misp-json.ts";
import type { PlainComparison } from "./plain-pattern.ts";
import { mispLabel } from "./tags.ts";

type Converted = { attribute: MispAttribute } | { object: MispObject };

const SKIPPED_SCO_PROPERTIES = new Set([
	"type",
	"id",
	"spec_version",
	"defanged",
	"object_marking_refs",
	"granular_markings",
]);
const OBSERVED_READ = ["object_refs", "first_observed", "last_observed", "number_observed", "objects"];

/**
 * The attributes and objects of one observed-data, and the SCO ids it read. A lone root SCO takes the
 * observed-data's uuid (misp-stix names both after the attribute); several take their own.
 */
export function observedToMisp(
	observed: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	path: string,
	notes: ConversionNote[],
): { converted: Converted[]; read: string[] } {
	noteLeftovers(observed, OBSERVED_READ, path, "a MISP attribute", notes);
	if (typeof observed.number_observed === "number" && observed.number_observed > 1) {
		notes.push({
			path: `${path}.number_observed`,
			reason: "a MISP attribute is one observation; the count is not kept",
		});
	}
	const refs = Array.isArray(observed.object_refs)
		? observed.object_refs.filter((ref) => typeof ref === "string")
		: [];
	const scos: StixObject[] = [];
	for (const ref of refs) {
		const sco = byId.get(ref);
		if (sco === undefined)
			notes.push({ path: `${path}.object_refs`, reason: `${ref} is not among the objects converted` });
		else scos.push(sco);
	}
	const inner = referencedWithin(scos);
	const roots = scos.filter((sco) => !inner.has(sco.id));
	const converted = roots.map((root) => {
		const seed: AttributeSeed = {
			uuid: roots.length === 1 ? uuidOf(observed.id) : uuidOf(root.id),
			toIds: false,
			timestamp: epochSeconds(observed.modified ?? observed.created),
			comment: "",
		};
		const labelledType = mispLabel(observed, "type");
		if (labelledType !== undefined) seed.labelledType = labelledType;
		const category = mispLabel(observed, "category");
		if (category !== undefined) seed.labelledCategory = category;
		const objectName = mispLabel(observed, "name");
		if (objectName !== undefined) {
			seed.labelledObject = { name: objectName, meta: mispLabel(observed, "meta-category") ?? "misc" };
		}
		if (typeof observed.first_observed === "string") seed.firstSeen = observed.first_observed;
		if (typeof observed.last_observed === "string") seed.lastSeen = observed.last_observed;
		return attributeOrObject(scoComparisons(root, byId, `${path} → ${root.id}`, notes), seed, path, notes);
	});
	for (const sco of scos) {
		if (uuidOf(sco.id) !== uuidOf(observed.id) || roots.length > 1) {
			if (roots.length > 1 && roots.includes(sco)) continue;
			notes.push({
				path: sco.id,
				reason: `kept inside ${observed.id}'s MISP attribute or object; its own id is not`,
			});
		}
	}
	return { converted, read: scos.map((sco) => sco.id) };
}

/** One SCO named directly by a report (in no observed-data): an attribute or object with its own uuid. */
export function scoToMisp(
	sco: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	timestamp: string,
	path: string,
	notes: ConversionNote[],
): Converted {
	const seed: AttributeSeed = { uuid: uuidOf(sco.id), toIds: false, timestamp, comment: "" };
	return attributeOrObject(scoComparisons(sco, byId, path, notes), seed, path, notes);
}

/** The ids the SCOs of one observation reference among themselves. */
function referencedWithin(scos: readonly StixObject[]): Set<string> {
	const ids = new Set(scos.map((sco) => sco.id));
	const inner = new Set<string>();
	for (const sco of scos) {
		for (const [property, value] of Object.entries(sco)) {
			const refs = property.endsWith("_ref")
				? [value]
				: property.endsWith("_refs") && Array.isArray(value)
					? value
					: [];
			for (const ref of refs) if (typeof ref === "string" && ids.has(ref) && ref !== sco.id) inner.add(ref);
		}
	}
	return inner;
}

/**
 * An SCO as the comparisons a plain pattern would make of it: each property at its pattern path, references
 * followed to the referenced SCO's `value` (or `name`), as misp-stix writes `domain-name:resolves_to_refs[*].value`.
 */
export function scoComparisons(
	sco: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	path: string,
	notes: ConversionNote[],
): PlainComparison[] {
	const found: PlainComparison[] = [];
	const push = (key: string, value: unknown): void => {
		if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
			found.push({ objectType: sco.type, key, value: String(value) });
		}
	};
	const follow = (key: string, ref: unknown): void => {
		const target = typeof ref === "string" ? byId.get(ref) : undefined;
		const value = target?.value ?? target?.name;
		if (value === undefined)
			notes.push({
				path: `${path} (${key})`,
				reason: `the reference ${String(ref)} cannot be followed; not kept`,
			});
		else push(`${key}.value`, value);
	};
	const walk = (key: string, property: string, value: unknown): void => {
		if (property.endsWith("_ref")) follow(key, value);
		else if (property.endsWith("_refs") && Array.isArray(value))
			for (const ref of value) follow(`${key}[*]`, ref);
		else if (Array.isArray(value)) {
			for (const item of value) {
				if (item !== null && typeof item === "object")
					walkObject(`${key}[*]`, item as Record<string, unknown>);
				else push(key, item);
			}
		} else if (value !== null && typeof value === "object") walkObject(key, value as Record<string, unknown>);
		else push(key, value);
	};
	const walkObject = (key: string, value: Record<string, unknown>): void => {
		for (const [name, inner] of Object.entries(value)) walk(`${key}.${name}`, name, inner);
	};
	for (const [property, value] of Object.entries(sco)) {
		if (!SKIPPED_SCO_PROPERTIES.has(property)) walk(`${sco.type}:${property}`, property, value);
	}
	return found;
}
