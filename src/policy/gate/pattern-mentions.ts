// The observables an indicator's STIX pattern names by value, so the gate can judge them wherever the indicator goes.
import { isIPv4, isIPv6 } from "node:net";
import type { StixObject } from "../../stix/core.ts";
import { ID_CONTRIBUTING_PROPERTIES, SCO_ID_NAMESPACE, uuidV5In } from "../../stix/ids/index.ts";
import { listComparisons, parsePattern } from "../../stix/pattern/index.ts";
import { PERSONAL_FIELDS } from "../transform/index.ts";

/** One value a pattern compares an observable property with: `[email-addr:value = 'a@b.example']`. */
export interface Mention {
	objectType: string;
	property: string;
	value: string;
	/** The deterministic id of `{ type, [property]: value }`, when the property contributes to ids. */
	readonly id: string | undefined;
}

/** Types whose `value` a reference path (`network-traffic:dst_ref.value`) may reach, told apart by shape. */
const VALUE_TYPES: readonly [string, (value: string) => boolean][] = [
	["ipv4-addr", (v) => isIPv4(v.split("/")[0] ?? "")],
	["ipv6-addr", (v) => isIPv6(v.split("/")[0] ?? "")],
	["email-addr", (v) => v.includes("@")],
	["mac-addr", (v) => /^[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}$/i.test(v)],
	["url", (v) => v.includes("://")],
	["domain-name", (v) => /^[^\s@/:]+\.[^\s@/:]+$/.test(v) && !isIPv4(v)],
];

/** `[type:value = 'literal']` with a literal free of quotes and escapes. */
const SIMPLE = /^\[([a-z0-9]+(?:-[a-z0-9]+)*):value = '([^'\\]*)'\]$/;

const isReference = (name: string): boolean => name.endsWith("_ref") || name.endsWith("_refs");

/** Whether `property` of `type` can hold an identifying or personal value (what a rule would treat). */
function isIdentifying(type: string, property: string): boolean {
	return (
		(ID_CONTRIBUTING_PROPERTIES[type]?.includes(property) ?? false) ||
		(PERSONAL_FIELDS[type]?.includes(property) ?? false)
	);
}

/** The types a constant reached through a reference may belong to: by property, and by shape for `value`. */
function typesBehindReference(property: string, value: string): string[] {
	if (property === "value") return VALUE_TYPES.filter(([, fits]) => fits(value)).map(([type]) => type);
	return Object.keys(PERSONAL_FIELDS).filter((type) => isIdentifying(type, property));
}

const scoUuid = uuidV5In(SCO_ID_NAMESPACE);
/** Printable ASCII but the quote and the backslash: JSON.stringify leaves such a string as it is. */
const PLAIN = /^[ !#-[\]-~]*$/;

/** A mention whose id is hashed on first use: the gate asks only for mentions of types the node holds. */
class LazyMention implements Mention {
	readonly objectType: string;
	readonly property: string;
	readonly value: string;
	#id: string | undefined;
	#contributing: boolean;
	constructor(objectType: string, property: string, value: string) {
		this.objectType = objectType;
		this.property = property;
		this.value = value;
		this.#contributing = ID_CONTRIBUTING_PROPERTIES[objectType]?.includes(property) === true;
	}
	get id(): string | undefined {
		if (this.#id === undefined && this.#contributing) {
			const { property, value } = this;
			// The canonical JSON of one string property is this text (RFC 8785 serialises strings as JSON.stringify).
			const json = PLAIN.test(value)
				? `{"${property}":"${value}"}`
				: `{${JSON.stringify(property)}:${JSON.stringify(value)}}`;
			this.#id = `${this.objectType}--${scoUuid(json)}`;
		}
		return this.#id;
	}
}

const mention = (objectType: string, property: string, value: string): Mention =>
	new LazyMention(objectType, property, value);

/**
 * The observable values a STIX pattern names: a string constant compared with an identifying property
 * of an observable type (`ipv4-addr:value`, `user-account:user_id`), directly or one reference away
 * (`network-traffic:dst_ref.value`, `email-message:to_refs[*].value`, one mention per type the value
 * may be). Undefined when the pattern does not parse: what it names cannot be known.
 * @example patternMentions({ …, pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: "stix" })
 * // [{ objectType: "ipv4-addr", property: "value", value: "198.51.100.7", id: "ipv4-addr--…" }]
 */
export function patternMentions(indicator: StixObject): Mention[] | undefined {
	if (typeof indicator.pattern !== "string") return undefined;
	const simple = SIMPLE.exec(indicator.pattern);
	if (simple !== null) {
		// The commonest pattern, one equality on a value and no escapes: what the parser would find, for less.
		const [, type = "", value = ""] = simple;
		return isIdentifying(type, "value") ? [mention(type, "value", value)] : [];
	}
	const parsed = parsePattern(indicator.pattern);
	if (!parsed.ok) return undefined;
	const found = new Map<string, Mention>();
	for (const comparison of listComparisons(parsed.pattern)) {
		const constant = comparison.value;
		if (constant === null) continue;
		const values = (constant.type === "set" ? constant.values : [constant]).flatMap((c) =>
			c.type === "string" ? [c.value] : [],
		);
		if (values.length === 0) continue;
		const names = comparison.path.steps.flatMap((step) => (step.kind === "property" ? [step.name] : []));
		const [first, second] = names;
		if (first === undefined) continue;
		for (const value of values) {
			const sites: [string, string][] =
				names.length === 1
					? isIdentifying(comparison.path.objectType, first)
						? [[comparison.path.objectType, first]]
						: []
					: names.length === 2 && isReference(first) && second !== undefined
						? typesBehindReference(second, value).map((type): [string, string] => [type, second])
						: [];
			for (const [type, property] of sites) {
				const key = `${type}\u0000${property}\u0000${value}`;
				if (!found.has(key)) found.set(key, mention(type, property, value));
			}
		}
	}
	return [...found.values()];
}

/** Indicator types (STIX 2.1 §10.11) that say the pattern describes the adversary's side, not a victim's. */
const ATTACKER_SIDE = new Set(["malicious-activity", "attribution", "anonymization"]);

/** True when the indicator's types all say it describes the adversary (a `compromised` asset does not). */
function describesAttacker(indicator: StixObject): boolean {
	const types = indicator.indicator_types;
	return (
		Array.isArray(types) &&
		types.length > 0 &&
		types.every((type) => typeof type === "string" && ATTACKER_SIDE.has(type))
	);
}

/**
 * What decides the observable a mention stands for when the node holds none: its type under the
 * indicator's markings, audience, author and role; never the value (rules match types and roles).
 * Without a declared role (`x_entente_role`, `role:<x>` labels), an indicator whose `indicator_types` all
 * describe the adversary (`malicious-activity`, `attribution`, `anonymization`) names values in no role,
 * like an untagged observable; any other is presumed to name values in every role a personal-data rule
 * names (`roles`): the node knows nothing that says otherwise, so it fails closed.
 */
export function standInFacts(
	indicator: StixObject,
	type: string,
	roles: readonly string[],
): Record<string, unknown> {
	const declared =
		typeof indicator.x_entente_role === "string" ||
		(Array.isArray(indicator.labels) &&
			indicator.labels.some((label) => typeof label === "string" && label.startsWith("role:")));
	const facts: Record<string, unknown> = { type, spec_version: "2.1" };
	// The indicator's source and information evaluation (4x4, D23) grades the values it names as well.
	for (const field of ["object_marking_refs", "x_entente_audience", "created_by_ref", "x_entente_evaluation"])
		if (indicator[field] !== undefined) facts[field] = indicator[field];
	if (declared) {
		if (indicator.x_entente_role !== undefined) facts.x_entente_role = indicator.x_entente_role;
		if (Array.isArray(indicator.labels))
			facts.labels = indicator.labels.filter(
				(label) => typeof label === "string" && label.startsWith("role:"),
			);
	} else if (roles.length > 0 && !describesAttacker(indicator))
		facts.labels = roles.map((role) => `role:${role}`);
	return facts;
}

/**
 * The stand-in observable itself: `facts` with the mentioned value. Its id is internal to the gate call
 * (it never leaves): one per value and `key` (the facts and whatever else its decision depends on).
 */
export function standIn(facts: Record<string, unknown>, m: Mention, key: string): StixObject {
	const id = `${m.objectType}--${scoUuid(`entente-stand-in\u0000${key}\u0000${m.property}\u0000${m.value}`)}`;
	return { ...facts, [m.property]: m.value, id } as StixObject;
}
