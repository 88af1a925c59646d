// Reads an object's markings (own, inherited and granular) into one summary: strictest TLP and PAP, handling codes, IEP.
import type { StixObject } from "../../stix/core.ts";
import {
	classifyMarking,
	type IepPolicy,
	type KnownMarking,
	type MarkingDefinitionClass,
} from "../../stix/markings/index.ts";
import { PAP_LEVELS, TLP_LEVELS } from "../model.ts";
import { type IepFacts, iepFacts } from "./iep.ts";

/** Marking definitions the node holds beyond the pinned catalogue (statements, IEP policies), by id. */
export type MarkingDefinitions = ReadonlyMap<string, MarkingDefinitionClass>;

/** Handling codes as bits, so that a set of them is one number. */
export const H0 = 1;
export const H1 = 2;
export const H2 = 4;
export const H3 = 8;
const HANDLING_BITS: Readonly<Record<string, number>> = { h0: H0, h1: H1, h2: H2, h3: H3 };

/** TLP ranks (indexes in TLP_LEVELS). */
export const CLEAR = 0;
export const GREEN = 1;
export const AMBER = 2;
export const AMBER_STRICT = 3;
export const RED = 4;
const TLP1_RANK: Readonly<Record<string, number>> = { white: CLEAR, green: GREEN, amber: AMBER, red: RED };
const PAP_RANK: Readonly<Record<string, number>> = { clear: 0, white: 0, green: 1, amber: 2, red: 3 };

/** A granular marking that restricts some fields (TLP or handling codes; other kinds only need to be known). */
export interface GranularRestriction {
	readonly selectors: readonly string[];
	readonly tlp: number;
	readonly handling: number;
	readonly name: string;
}

export interface MarkingSummary {
	/** Strictest TLP rank on the object or inherited, -1 when there is none. */
	tlp: number;
	/** Display name of the marking that set `tlp`, e.g. `TLP:AMBER`. */
	tlpName: string;
	/** True when some TLP 1.0 marking (or IEP's TLP 1.0 colour) is present: a TLP 1.0 peer can read it as is. */
	tlp1: boolean;
	/** Strictest PAP rank (clear 0 … red 3), -1 when there is none; an IEP's permitted actions count. */
	pap: number;
	/** What set `pap`, e.g. `PAP:RED` or `IEP "x" (internally-visible-actions, read as PAP:RED)`. */
	papName: string;
	/** Handling codes present, own or inherited, as H0|H1|H2|H3 bits. */
	handling: number;
	/** Handling codes that arrive through inheritance (another provider's restrictions), even if also own. */
	inheritedHandling: number;
	/** The first marking ref the node does not understand, if any. */
	unknown: string | undefined;
	/** How many marking refs were read (object, inherited, granular). */
	count: number;
	/** Granular TLP and handling restrictions, undefined when there are none. */
	granular: GranularRestriction[] | undefined;
	/** IEP policies, own, inherited or granular; undefined when there are none (the IEP rules then cost nothing). */
	iep: IepFacts[] | undefined;
	/** Their restriction bits (IEP_* in iep.ts), OR-ed. */
	iepFlags: number;
}

interface Reading {
	kind: "tlp" | "pap" | "handling" | "other" | "unknown";
	rank: number;
	tlp1: boolean;
	name: string;
	/** An IEP policy's other restrictions (its TLP is `rank`). */
	iep?: IepFacts;
}
const UNKNOWN: Reading = { kind: "unknown", rank: -1, tlp1: false, name: "" };
const OTHER: Reading = { kind: "other", rank: -1, tlp1: false, name: "statement" };

const knownReadings = new Map<string, Reading>();
function fromKnown(marking: KnownMarking): Reading {
	const cached = knownReadings.get(marking.id);
	if (cached !== undefined) return cached;
	let reading: Reading;
	if (marking.kind === "tlp2")
		reading = {
			kind: "tlp",
			rank: TLP_LEVELS.indexOf(marking.level as never),
			tlp1: false,
			name: marking.name,
		};
	else if (marking.kind === "tlp1")
		reading = { kind: "tlp", rank: TLP1_RANK[marking.level] ?? RED, tlp1: true, name: marking.name };
	else if (marking.kind === "pap")
		reading = { kind: "pap", rank: PAP_RANK[marking.level] ?? 3, tlp1: false, name: marking.name };
	else if (marking.kind === "handling")
		reading = { kind: "handling", rank: HANDLING_BITS[marking.level] ?? H3, tlp1: false, name: marking.name };
	else reading = { kind: "other", rank: -1, tlp1: false, name: marking.name };
	knownReadings.set(marking.id, reading);
	return reading;
}

function read(ref: unknown, definitions: MarkingDefinitions | undefined): Reading {
	if (typeof ref !== "string") return UNKNOWN;
	const pinned = classifyMarking(ref);
	if (pinned !== undefined) return fromKnown(pinned);
	const held = definitions?.get(ref);
	if (held === undefined) return UNKNOWN;
	if (held.kind === "known") return fromKnown(held.marking);
	if (held.kind === "statement") return OTHER;
	if (held.kind === "iep" && held.policy !== undefined) return fromIep(held.policy);
	return UNKNOWN; // suspicious, unknown, or an IEP policy with errors
}

const iepReadings = new WeakMap<IepPolicy, Reading>();
function fromIep(policy: IepPolicy): Reading {
	let reading = iepReadings.get(policy);
	if (reading === undefined) {
		const iep = iepFacts(policy);
		reading = { kind: "tlp", rank: TLP1_RANK[policy.tlp] ?? RED, tlp1: true, name: iep.name, iep };
		iepReadings.set(policy, reading);
	}
	return reading;
}

/** An IEP's restrictions beyond its TLP bind the whole object, wherever the marking sits (fail closed). */
function takeIep(summary: MarkingSummary, iep: IepFacts): void {
	if (summary.iep === undefined) summary.iep = [iep];
	else if (!summary.iep.includes(iep)) summary.iep.push(iep);
	summary.iepFlags |= iep.flags;
	if (iep.pap > summary.pap) {
		summary.pap = iep.pap;
		summary.papName = `${iep.name} (${iep.policy.permitted_actions}, read as PAP:${(PAP_LEVELS[iep.pap] ?? "red").toUpperCase()})`;
	}
}

function take(summary: MarkingSummary, ref: unknown, reading: Reading): void {
	summary.count++;
	if (reading.kind === "unknown") summary.unknown ??= String(ref);
	else if (reading.kind === "tlp") {
		if (reading.rank > summary.tlp) {
			summary.tlp = reading.rank;
			summary.tlpName = reading.name;
		}
		if (reading.tlp1) summary.tlp1 = true;
		if (reading.iep !== undefined) takeIep(summary, reading.iep);
	} else if (reading.kind === "pap") {
		if (reading.rank > summary.pap) {
			summary.pap = reading.rank;
			summary.papName = reading.name;
		}
	} else if (reading.kind === "handling") summary.handling |= reading.rank;
}

/**
 * Summarises the markings of an object and those it inherits (deny-overrides: they all count as the
 * object's own). A ref that is neither pinned nor a statement/IEP definition the node holds is unknown.
 * @example readMarkings(indicator, [], undefined).tlp // → 2 for TLP:AMBER
 */
export function readMarkings(
	object: StixObject,
	inherited: readonly string[],
	definitions: MarkingDefinitions | undefined,
): MarkingSummary {
	const summary: MarkingSummary = {
		tlp: -1,
		tlpName: "",
		tlp1: false,
		pap: -1,
		papName: "",
		handling: 0,
		inheritedHandling: 0,
		unknown: undefined,
		count: 0,
		granular: undefined,
		iep: undefined,
		iepFlags: 0,
	};
	const own: unknown = object.object_marking_refs;
	if (own !== undefined) {
		if (!Array.isArray(own)) summary.unknown = "object_marking_refs (not a list)";
		else for (const ref of own) take(summary, ref, read(ref, definitions));
	}
	for (const ref of inherited) {
		const reading = read(ref, definitions);
		take(summary, ref, reading);
		if (reading.kind === "handling") summary.inheritedHandling |= reading.rank;
	}
	const granular: unknown = object.granular_markings;
	if (granular !== undefined) readGranular(summary, granular, definitions);
	return summary;
}

function readGranular(
	summary: MarkingSummary,
	granular: unknown,
	definitions: MarkingDefinitions | undefined,
): void {
	if (!Array.isArray(granular)) {
		summary.unknown ??= "granular_markings (not a list)";
		return;
	}
	for (const entry of granular) {
		const record = entry as { marking_ref?: unknown; selectors?: unknown; lang?: unknown } | null;
		if (typeof record !== "object" || record === null || !Array.isArray(record.selectors)) {
			summary.unknown ??= "granular_markings (malformed entry)";
			continue;
		}
		if (record.marking_ref === undefined && typeof record.lang === "string") continue;
		const reading = read(record.marking_ref, definitions);
		summary.count++;
		if (reading.kind === "unknown") summary.unknown ??= String(record.marking_ref);
		else if (reading.kind === "tlp" || reading.kind === "handling") {
			if (reading.iep !== undefined) takeIep(summary, reading.iep);
			summary.granular ??= [];
			summary.granular.push({
				selectors: record.selectors.map(String),
				tlp: reading.kind === "tlp" ? reading.rank : -1,
				handling: reading.kind === "handling" ? reading.rank : 0,
				name: reading.name,
			});
		}
	}
}

/** The TLP display name of a rank, e.g. `TLP:AMBER+STRICT`. */
export function tlpName(rank: number): string {
	return `TLP:${(TLP_LEVELS[rank] ?? "amber").toUpperCase()}`;
}
