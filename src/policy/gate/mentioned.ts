// Indicators name observables by value: the gate judges those observables for the viewer, held or not (D21).
import type { StixObject } from "../../stix/core.ts";
import type { CompiledPolicy } from "../engine/index.ts";
import type { Decision } from "../model.ts";
import { type Mention, patternMentions, standIn, standInFacts } from "./pattern-mentions.ts";
import type { Inherited, ReleasableVersion } from "./types.ts";

/** What an indicator's pattern names, as the gate must vouch for it before the indicator leaves. */
export type IndicatorMentions =
	| { kind: "unparsable" }
	| {
			kind: "parsed";
			/** Held observables the pattern names by value (on the page or loaded beside it). */
			held: readonly string[];
			/** Values of observables the node does not hold, as stand-in observables with their decisions. */
			standIns: readonly { object: StixObject; decision: Decision }[];
	  };

/** True for an indicator whose pattern the gate reads (STIX patterns; others cannot be parsed). */
export function isStixIndicator(object: StixObject): boolean {
	return object.type === "indicator" && object.pattern_type === "stix" && typeof object.pattern === "string";
}

/**
 * Observable type → the roles personal-data rules (jurisdictions' and agreements') name for it, `""` for a
 * rule without a role. A type absent here is treated by no rule: its values need no stand-in.
 */
export function rolesByType(policy: CompiledPolicy): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	const add = (type: string, role: string | undefined) => {
		const roles = out.get(type) ?? new Set<string>();
		roles.add(role ?? "");
		out.set(type, roles);
	};
	for (const jurisdiction of policy.jurisdictions.values())
		for (const rule of jurisdiction.source.personalData) add(rule.objectType, rule.role);
	const seen = new Set<string>();
	for (const pairs of policy.between.values())
		for (const agreements of pairs.values())
			for (const agreement of agreements) {
				if (seen.has(agreement.source.id)) continue;
				seen.add(agreement.source.id);
				for (const rule of agreement.source.treatments) add(rule.objectType, rule.role);
			}
	return out;
}

/** Mentions per object, parsed once per gate call (the gate asks for them several times per object). */
export function mentionCache(): (object: StixObject) => Mention[] | undefined {
	const byObject = new Map<StixObject, Mention[] | undefined>();
	return (object) => {
		if (byObject.has(object)) return byObject.get(object);
		const mentions = patternMentions(object);
		byObject.set(object, mentions);
		return mentions;
	};
}

/** A stand-in's facts and their decision, shared by every value judged on the same facts. */
export interface StandInJudgement {
	facts: Record<string, unknown>;
	decision: Decision;
}

/** A field as a self-delimiting key part (tagged, length-prefixed): different values never give the same text. */
function keyPart(value: unknown): string {
	if (value === undefined) return "u";
	if (typeof value === "string") return `s${value.length}:${value}`;
	if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
		let part = `a${value.length}`;
		for (const item of value) part += `:${item.length}:${item}`;
		return part;
	}
	const json = JSON.stringify(value);
	return `j${json.length}:${json}`;
}

/** The indicator's fields a stand-in's decision depends on, besides the recorder, flags and inheritance. */
const BASIS_FIELDS = [
	"object_marking_refs",
	"x_entente_audience",
	"created_by_ref",
	"x_entente_role",
	"labels",
	"indicator_types",
	"x_entente_evaluation",
] as const;

/** Whether two values give the same key part, for the common shapes, without building it (false: unsure). */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || typeof a[i] !== "string") return false;
	return true;
}

/** Everything a stand-in's decision depends on: its type and the indicator's facts; never the value. */
function standInKey(type: string, version: ReleasableVersion, inherited: Inherited | undefined): string {
	let key = keyPart(type);
	for (const field of BASIS_FIELDS) key += keyPart(version.object[field]);
	return key + keyPart(version.provenance.organizationId) + keyPart(version.flags) + keyPart(inherited);
}

/** Stand-in judgements of one gate call, one per key; `key` also names the stand-in (see standIn). */
export interface StandInMemo {
	judge(
		type: string,
		version: ReleasableVersion,
		inherited: Inherited | undefined,
		make: () => StandInJudgement,
	): { judged: StandInJudgement; key: string };
}

/** How many recent bases are compared field by field before a key is built (a page has few distinct ones). */
const RECENT_BASES = 8;

/**
 * A memo keyed by standInKey. The few bases a page repeats are recognised by comparing fields, so most
 * indicators need no key text built: equal fields give an equal key by construction.
 */
export function standInMemo(): StandInMemo {
	const byKey = new Map<string, StandInJudgement>();
	const recent: {
		type: string;
		version: ReleasableVersion;
		inherited: Inherited | undefined;
		judged: StandInJudgement;
		key: string;
	}[] = [];
	const sameBasis = (a: ReleasableVersion, b: ReleasableVersion): boolean => {
		if (a.provenance.organizationId !== b.provenance.organizationId || !sameValue(a.flags, b.flags))
			return false;
		for (const field of BASIS_FIELDS) if (!sameValue(a.object[field], b.object[field])) return false;
		return true;
	};
	return {
		judge(type, version, inherited, make) {
			for (const entry of recent)
				if (entry.type === type && entry.inherited === inherited && sameBasis(entry.version, version))
					return entry;
			const key = standInKey(type, version, inherited);
			let judged = byKey.get(key);
			if (judged === undefined) {
				judged = make();
				byKey.set(key, judged);
			}
			if (recent.length < RECENT_BASES) recent.push({ type, version, inherited, judged, key });
			return { judged, key };
		},
	};
}

/** An indicator whose pattern names nothing the gate must vouch for. */
const NOTHING_NAMED: IndicatorMentions = { kind: "parsed", held: [], standIns: [] };

/**
 * Splits an indicator's mentions into observables the node holds (`isHeld`) and stand-ins for the rest,
 * judged once per `memo` key: everything the stand-in's decision depends on (its type, the indicator's
 * markings, audience, author, role and types, recorder, flags and inherited markings; never the value,
 * since rules match types and roles). A value no rule could treat needs no stand-in.
 */
export function resolveMentions(
	version: ReleasableVersion,
	mentions: readonly Mention[] | undefined,
	inherited: Inherited | undefined,
	roles: ReadonlyMap<string, ReadonlySet<string>>,
	isHeld: (mention: Mention) => boolean,
	memo: StandInMemo,
	judgeVersion: (version: ReleasableVersion) => Decision,
): IndicatorMentions {
	if (mentions === undefined) return { kind: "unparsable" };
	if (mentions.length === 0) return NOTHING_NAMED;
	let held: string[] | undefined;
	let heldValues: Set<string> | undefined;
	for (const m of mentions)
		if (isHeld(m) && m.id !== undefined) {
			held ??= [];
			heldValues ??= new Set();
			held.push(m.id);
			heldValues.add(m.value);
		}
	let standIns: { object: StixObject; decision: Decision }[] | undefined;
	const indicator = version.object;
	for (const m of mentions) {
		// One held observable answers for its value, whichever other type the value's shape allowed.
		if (heldValues?.has(m.value)) continue;
		const named = roles.get(m.objectType);
		if (named === undefined) continue;
		const { judged, key } = memo.judge(m.objectType, version, inherited, () => {
			const facts = standInFacts(
				indicator,
				m.objectType,
				[...named].filter((role) => role !== ""),
			);
			const template = {
				...facts,
				id: `${m.objectType}--00000000-0000-4000-8000-000000000000`,
			} as StixObject;
			return { facts, decision: judgeVersion({ ...version, object: template, latest: true }) };
		});
		// Only a transformed stand-in rides along in the page's bundle, and so needs an object and id of its own.
		if (judged.decision.verdict === "full") continue;
		const object =
			judged.decision.verdict === "transformed"
				? standIn(judged.facts, m, key)
				: ({ ...judged.facts, id: `${m.objectType}--00000000-0000-4000-8000-000000000000` } as StixObject);
		standIns ??= [];
		standIns.push({ object, decision: judged.decision });
	}
	if (held === undefined && standIns === undefined) return NOTHING_NAMED;
	return { kind: "parsed", held: held ?? [], standIns: standIns ?? [] };
}
