// A policy change's impact (D62): what one decision of the gate depends on for a stored version, as one key.
import { filteredReferenceIds, type Inherited, isStixIndicator, type Mention } from "../../policy/index.ts";
import type { StoredVersion } from "../../store/index.ts";

/**
 * The object fields decide() and the stand-ins of an indicator's named values read (policy/engine, D21): markings
 * (own and granular), the explicit audience, the role, the 4x4 evaluation, the author (who the originator is) and
 * the indicator's types (whether it names the adversary's side). Labels count only as `role:` labels.
 */
const DECIDING_FIELDS = [
	"object_marking_refs",
	"granular_markings",
	"x_entente_audience",
	"x_entente_role",
	"x_entente_evaluation",
	"created_by_ref",
	"indicator_types",
] as const;

/** A value as a self-delimiting key part (tagged, length-prefixed): different values never give the same text. */
export function keyPart(value: unknown): string {
	if (value === undefined) return "u";
	if (typeof value === "string") return `s${value.length}:${value}`;
	const json = JSON.stringify(value);
	return `j${json.length}:${json}`;
}

/** The `role:` labels: the only labels a rule reads (hasRole, and whether an indicator declares a role). */
function roleLabels(labels: unknown): string[] {
	if (!Array.isArray(labels)) return [];
	return labels.filter((label): label is string => typeof label === "string" && label.startsWith("role:"));
}

/**
 * Everything the gate's decision about `version` itself reads besides the policy, the party and the clock: its
 * type, the deciding fields, its recorder (with the author, who the originator is), its flags and what it
 * inherits under each policy compared. Two versions with the same key get the same decision from the same rules.
 */
export function ownKey(
	version: StoredVersion,
	inheritedBefore: Inherited | undefined,
	inheritedAfter: Inherited | undefined,
): string {
	const object = version.object;
	let key = keyPart(object.type);
	for (const field of DECIDING_FIELDS) key += keyPart(object[field]);
	key += keyPart(roleLabels(object.labels));
	key += keyPart(version.provenance.organizationId) + keyPart(version.flags);
	return key + keyPart(inheritedBefore) + keyPart(inheritedAfter);
}

/** Whether two field values give the same key part, for the common shapes, without building it (false: unsure). */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || typeof a[i] !== "string") return false;
	return true;
}

/** How many recent versions' fields are compared before a key is built (a page repeats a few). */
const RECENT = 8;

/**
 * ownKey's text, interned to a small number. Versions whose deciding fields equal one of the last few (compared
 * field by field: the same values give the same key by construction) reuse its number without building the text.
 */
export class OwnKeys {
	readonly #byText = new Map<string, number>();
	readonly texts: string[] = [];
	readonly #recent: { version: StoredVersion; index: number }[] = [];

	indexOf(version: StoredVersion, before: Inherited | undefined, after: Inherited | undefined): number {
		if (before === undefined && after === undefined)
			for (const entry of this.#recent) if (sameBasis(entry.version, version)) return entry.index;
		const text = ownKey(version, before, after);
		let index = this.#byText.get(text);
		if (index === undefined) {
			index = this.texts.length;
			this.#byText.set(text, index);
			this.texts.push(text);
		}
		if (before === undefined && after === undefined) {
			if (this.#recent.length >= RECENT) this.#recent.shift();
			this.#recent.push({ version, index });
		}
		return index;
	}
}

/** True when every field ownKey reads is equal (nothing inherited on either side). */
function sameBasis(a: StoredVersion, b: StoredVersion): boolean {
	if (a.object.type !== b.object.type || a.provenance.organizationId !== b.provenance.organizationId)
		return false;
	if (!sameValue(a.flags, b.flags) || !sameValue(a.object.labels, b.object.labels)) return false;
	for (const field of DECIDING_FIELDS) if (!sameValue(a.object[field], b.object[field])) return false;
	return true;
}

/** How the rest of an object's release depends on other objects. */
export type Shape =
	/** Nothing else: no filtered references, no pattern the gate reads. */
	| "alone"
	/** An indicator with a STIX pattern: also the values it names (held observables, stand-ins; D21). */
	| "indicator"
	/** References the gate filters (relationships, containers, sightings, observables' refs): decided per object. */
	| "references";

export function shapeOf(version: StoredVersion): Shape {
	if (filteredReferenceIds(version.object).length > 0) return "references";
	return isStixIndicator(version.object) ? "indicator" : "alone";
}

/** One value an indicator's pattern names, as the impact keeps it until every held observable is classified. */
export interface NamedValue {
	type: string;
	value: string;
	/** The observable's id when its type is one the store holds (hashed as the gate hashes it), else undefined. */
	id: string | undefined;
}

/** The values a pattern names; ids only for the types the store holds (as the gate asks for no others). */
export function namedValues(mentions: readonly Mention[], heldTypes: ReadonlySet<string>): NamedValue[] {
	return mentions.map((m) => ({
		type: m.objectType,
		value: m.value,
		id: heldTypes.has(m.objectType) ? m.id : undefined,
	}));
}

/** What the values an indicator names add to its key, once the held observables' classes are known. */
export interface NamedKey {
	/** Undefined when a named observable is decided per object (several statements, references): so is the indicator. */
	key: string | undefined;
	/** Classes of the held observables named. */
	heldClasses: number[];
	/** Types of values the node does not hold: judged as stand-ins (only for types a personal-data rule names). */
	standInTypes: string[];
}

/**
 * The named values' part of an indicator's key, as resolveMentions splits them (policy/gate/mentioned.ts): a held
 * observable by its class; a value not held by its type alone (a stand-in's decision never reads the value); a
 * value held under another type answers for them all. `classOf` gives a held id's class, -1 when decided per
 * object, undefined when not held.
 */
export function namedKey(
	values: readonly NamedValue[],
	classOf: (id: string) => number | undefined,
): NamedKey {
	const heldClasses = new Set<number>();
	const heldValues = new Set<string>();
	for (const v of values) {
		if (v.id === undefined) continue;
		const held = classOf(v.id);
		if (held === undefined) continue;
		if (held < 0) return { key: undefined, heldClasses: [], standInTypes: [] };
		heldClasses.add(held);
		heldValues.add(v.value);
	}
	const standInTypes = new Set<string>();
	for (const v of values) {
		if (heldValues.has(v.value)) continue;
		standInTypes.add(v.type);
	}
	const classes = [...heldClasses].sort((a, b) => a - b);
	const types = [...standInTypes].sort();
	return { key: `h${classes.join(",")}|s${types.join(",")}`, heldClasses: classes, standInTypes: types };
}
