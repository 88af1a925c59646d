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

/** Mentions per object version, parsed once per gate call (a version may sit on a page and in a history). */
export function mentionCache(): (object: StixObject) => Mention[] | undefined {
	const byVersion = new Map<string, Mention[] | undefined>();
	return (object) => {
		const key = `${object.id}\u0000${String(object.modified ?? "")}`;
		if (byVersion.has(key)) return byVersion.get(key);
		const mentions = patternMentions(object);
		byVersion.set(key, mentions);
		return mentions;
	};
}

/** A stand-in's facts and their decision, shared by every value judged on the same facts. */
export interface StandInJudgement {
	facts: Record<string, unknown>;
	decision: Decision;
}

const text = (value: unknown): string =>
	value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);

/**
 * Splits an indicator's mentions into observables the node holds (`isHeld`) and stand-ins for the rest,
 * judged by `judgeStandIn` once per key: everything the stand-in's decision depends on (its type, the
 * indicator's markings, audience, author, role and types, recorder, flags and inherited markings; never
 * the value, since rules match types and roles). A value no rule could treat needs no stand-in.
 */
export function resolveMentions(
	version: ReleasableVersion,
	mentions: readonly Mention[] | undefined,
	inherited: Inherited | undefined,
	roles: ReadonlyMap<string, ReadonlySet<string>>,
	isHeld: (id: string) => boolean,
	judgeStandIn: (key: string, judge: () => StandInJudgement) => StandInJudgement,
	judgeVersion: (version: ReleasableVersion) => Decision,
): IndicatorMentions {
	if (mentions === undefined) return { kind: "unparsable" };
	const held: string[] = [];
	const heldValues = new Set<string>();
	for (const m of mentions)
		if (m.id !== undefined && isHeld(m.id)) {
			held.push(m.id);
			heldValues.add(m.value);
		}
	const standIns: { object: StixObject; decision: Decision }[] = [];
	const indicator = version.object;
	let context: string | undefined;
	for (const m of mentions) {
		// One held observable answers for its value, whichever other type the value's shape allowed.
		if (heldValues.has(m.value)) continue;
		const named = roles.get(m.objectType);
		if (named === undefined) continue;
		context ??= [
			text(indicator.object_marking_refs),
			text(indicator.x_entente_audience),
			text(indicator.created_by_ref),
			text(indicator.x_entente_role),
			text(indicator.labels),
			text(indicator.indicator_types),
			version.provenance.organizationId,
			version.flags.join(","),
			text(inherited),
		].join("\u0000");
		const key = `${m.objectType}\u0000${context}`;
		const judged = judgeStandIn(key, () => {
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
		standIns.push({ object, decision: judged.decision });
	}
	return { kind: "parsed", held, standIns };
}
