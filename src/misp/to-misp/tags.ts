// Markings and labels as MISP tags: TLP and PAP markings become MISP's own taxonomy tags, labels become tags by
// name; the `misp:` labels that misp-stix writes to carry an attribute's type and category are read, not tagged.
import type { StixObject } from "../../stix/core.ts";
import { classifyMarking, knownMarkings } from "../../stix/markings/index.ts";
import type { ConversionNote, MispTag } from "./misp-json.ts";

/** Labels misp-stix writes for its own bookkeeping (type, category, galaxy names…): never tags of their own. */
const STRUCTURAL_LABEL = /^misp:(type|category|to_ids|name|meta-category|galaxy-name|galaxy-type|tool)=/;

/**
 * The MISP tag a pinned marking is known by: `tlp:amber+strict`, `tlp:white` (TLP 1.0), `PAP:GREEN`; undefined for
 * markings MISP has no tag for (handling codes, statements, IEP, definitions not pinned in stix/markings).
 */
export function tagOfMarking(ref: string): string | undefined {
	return TAG_NAMES.get(ref);
}

/** Each pinned marking's MISP tag, and one shared tag object per marking for the attributes that carry it. */
const TAG_NAMES: ReadonlyMap<string, string> = new Map(
	knownMarkings().flatMap((marking) => {
		const name = tagNameOf(marking.id);
		return name === undefined ? [] : [[marking.id, name] as const];
	}),
);
const TAGS: ReadonlyMap<string, MispTag> = new Map(
	[...TAG_NAMES].map(([ref, name]) => [ref, Object.freeze({ name })] as const),
);

function tagNameOf(ref: string): string | undefined {
	const marking = classifyMarking(ref);
	if (marking === undefined) return undefined;
	if (marking.kind === "tlp1" || marking.kind === "tlp2") return `tlp:${marking.level}`;
	if (marking.kind === "pap") return `PAP:${marking.level.toUpperCase()}`;
	return undefined;
}

/**
 * The tags of one object: its object markings, then its labels (structural `misp:` labels left out). A marking
 * with no MISP tag, and every granular marking, is noted at `path`: MISP tags a whole attribute or event.
 */
export function tagsOf(object: StixObject, path: string, notes: ConversionNote[]): MispTag[] {
	const tags: MispTag[] = [];
	for (const ref of object.object_marking_refs ?? []) {
		const tag = TAGS.get(ref);
		if (tag === undefined) {
			notes.push({ path: `${path}.object_marking_refs`, reason: `MISP has no tag for the marking ${ref}` });
		} else tags.push(tag);
	}
	if (Array.isArray(object.granular_markings) && object.granular_markings.length > 0) {
		notes.push({
			path: `${path}.granular_markings`,
			reason: "MISP tags whole attributes and events; granular markings are not kept",
		});
	}
	for (const label of labelsOf(object)) {
		if (!STRUCTURAL_LABEL.test(label)) tags.push({ name: label });
	}
	return tags;
}

/** The object's labels, when it has a well-formed list of them. */
export function labelsOf(object: StixObject): string[] {
	const labels = object.labels;
	return Array.isArray(labels) ? labels.filter((label): label is string => typeof label === "string") : [];
}

/** The value of a `misp:{key}="{value}"` label misp-stix wrote on the object, if any. */
export function mispLabel(object: StixObject, key: string): string | undefined {
	const labels = object.labels;
	if (!Array.isArray(labels)) return undefined;
	const prefix = `misp:${key}="`;
	for (const label of labels) {
		if (typeof label === "string" && label.startsWith(prefix) && label.endsWith('"')) {
			return label.slice(prefix.length, -1);
		}
	}
	return undefined;
}

/**
 * MISP's distribution for what carries these tags, never wider than the marking: TLP:CLEAR "3" (all
 * communities), TLP:GREEN "1" (this community), anything else or nothing "0" (your organisation only).
 */
export function distributionOf(tags: readonly MispTag[]): "0" | "1" | "3" {
	const names = new Set(tags.map((tag) => tag.name));
	if (names.has("tlp:red") || names.has("tlp:amber+strict") || names.has("tlp:amber")) return "0";
	if (names.has("tlp:green")) return "1";
	if (names.has("tlp:clear") || names.has("tlp:white")) return "3";
	return "0";
}
