// Turns a Policy into lookup tables, so that decide() answers with Map lookups and number compares.
import {
	type Agreement,
	type Jurisdiction,
	PAP_LEVELS,
	type Party,
	type PersonalDataRule,
	type Policy,
	PURPOSES,
	type Purpose,
	TLP_LEVELS,
} from "../model.ts";
import { closeJurisdictions } from "./jurisdictions.ts";
import { compileWindow, NEVER, type Window } from "./validity.ts";

/** An agreement with its window, ceilings and purposes as numbers. */
export interface CompiledAgreement {
	readonly source: Agreement;
	readonly window: Window;
	/** Index of `tlpCeiling` in TLP_LEVELS. */
	readonly tlp: number;
	/** Index of `papCeiling` in PAP_LEVELS. */
	readonly pap: number;
	/** Bit i set when PURPOSES[i] is allowed (see purposeBit). */
	readonly purposes: number;
	/** `minimumEvaluation` as the worst source rank (A 0, B 1, C 2) and information grade (1–4) it accepts; -1 and 0 when none. */
	readonly minSource: number;
	readonly minInformation: number;
}

/** A personal-data rule together with the jurisdiction whose law it is. */
export interface ScopedRule {
	readonly jurisdiction: CompiledJurisdiction;
	readonly rule: PersonalDataRule;
}

export interface CompiledParty {
	readonly source: Party;
	/** Each of its own jurisdictions with the blocs above it: [["NL", "EU"]]. */
	readonly destinations: readonly (readonly string[])[];
	/** Every jurisdiction it is under, blocs included: ["NL", "EU"]. */
	readonly jurisdictions: readonly string[];
	/** The personal-data rules of every jurisdiction it is under: what its objects carry out with them. */
	readonly personalData: readonly ScopedRule[];
	/** Understands TLP 1.0 only: TLP:AMBER+STRICT reaches it as TLP:RED. */
	readonly tlp1Only: boolean;
	/** Rank of its own `tlpCeiling`: the most it may ever receive, whatever its agreements say (RED when unset). */
	readonly tlpCap: number;
}

export interface CompiledRoute {
	readonly to: string;
	readonly basis: string;
	/** The window of the legal basis the route rests on; an unknown basis never holds. */
	readonly window: Window;
	readonly purposes: number;
}

export interface CompiledJurisdiction {
	readonly source: Jurisdiction;
	readonly routes: readonly CompiledRoute[];
}

/** Party a → party b → the values both share (ordered pairs; both directions are stored). */
export type PairMap<T> = ReadonlyMap<string, ReadonlyMap<string, readonly T[]>>;

/** A policy ready for decide(): immutable, shareable between requests, rebuilt whenever the policy changes. */
export interface CompiledPolicy {
	readonly version: number;
	readonly parties: ReadonlyMap<string, CompiledParty>;
	readonly jurisdictions: ReadonlyMap<string, CompiledJurisdiction>;
	/** Community and subgroup ids → member party ids. */
	readonly members: ReadonlyMap<string, ReadonlySet<string>>;
	/** Subgroup ids → rank of their `tlpCeiling`, for subgroups that have one. */
	readonly subgroupCaps: ReadonlyMap<string, number>;
	/** Community and subgroup ids → display names. */
	readonly communityNames: ReadonlyMap<string, string>;
	/** Agreements binding both parties, directly or through communities they name. */
	readonly between: PairMap<CompiledAgreement>;
	/** Communities (not subgroups) both parties belong to. */
	readonly communitiesBetween: PairMap<string>;
	/** A remote party → agreements binding it with some local party (how partner data came in, or goes out on relay). */
	readonly withLocal: ReadonlyMap<string, readonly CompiledAgreement[]>;
	/** A remote party → communities it shares with some local party. */
	readonly communitiesWithLocal: ReadonlyMap<string, readonly string[]>;
	/** A party → its clients (whom TLP:AMBER reaches through it). */
	readonly clients: ReadonlyMap<string, ReadonlySet<string>>;
}

const EMPTY: readonly never[] = Object.freeze([]);

/** The bit of a purpose in CompiledAgreement.purposes and CompiledRoute.purposes. */
export function purposeBit(purpose: Purpose): number {
	return 1 << PURPOSES.indexOf(purpose);
}

function purposeMask(purposes: readonly Purpose[] | undefined): number {
	if (purposes === undefined) return (1 << PURPOSES.length) - 1;
	let mask = 0;
	for (const purpose of purposes) if (PURPOSES.includes(purpose)) mask |= purposeBit(purpose);
	return mask;
}

function addPair<T>(map: Map<string, Map<string, T[]>>, a: string, b: string, value: T): void {
	let inner = map.get(a);
	if (inner === undefined) {
		inner = new Map();
		map.set(a, inner);
	}
	const list = inner.get(b);
	if (list === undefined) inner.set(b, [value]);
	else if (!list.includes(value)) list.push(value);
}

function addAll<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list === undefined) map.set(key, [value]);
	else if (!list.includes(value)) list.push(value);
}

function compileJurisdiction(jurisdiction: Jurisdiction): CompiledJurisdiction {
	const bases = new Map(jurisdiction.legalBases.map((basis) => [basis.id, basis]));
	return {
		source: jurisdiction,
		routes: jurisdiction.transferRoutes.map((route) => ({
			to: route.to,
			basis: bases.get(route.basis)?.name ?? route.basis,
			window: bases.has(route.basis) ? compileWindow(bases.get(route.basis)?.validity) : NEVER,
			purposes: purposeMask(route.purposes),
		})),
	};
}

function compileAgreement(agreement: Agreement): CompiledAgreement {
	const minimum = agreement.minimumEvaluation;
	// A minimum that does not read as A–C and 1–4 accepts nothing: fail closed (the file parser refuses such text).
	const source = minimum === undefined ? -1 : "ABC".indexOf(minimum.charAt(0));
	const information = minimum === undefined ? 0 : Number(minimum.slice(1));
	const valid = minimum?.length === 2 && source >= 0 && information >= 1 && information <= 4;
	return {
		source: agreement,
		window: compileWindow(agreement.validity),
		tlp: TLP_LEVELS.indexOf(agreement.tlpCeiling),
		pap: PAP_LEVELS.indexOf(agreement.papCeiling),
		purposes: purposeMask(agreement.purposes),
		minSource: minimum === undefined ? -1 : valid ? source : 0,
		minInformation: minimum === undefined ? 0 : valid ? information : 0,
	};
}

/**
 * Precomputes everything decide() looks up: parties by id with their jurisdiction closure (NL ⊂ EU),
 * agreements binding each pair of parties (directly or through communities), shared communities,
 * what binds each remote party to this node's local parties, and client relations. Pure; the input
 * is not modified and may be shared.
 * @example const compiled = compilePolicy(policy); decide(subject, "identity--…", "network-defence", compiled, { now: new Date() })
 */
export function compilePolicy(policy: Policy): CompiledPolicy {
	const close = closeJurisdictions(policy.jurisdictions);
	const jurisdictions = new Map(policy.jurisdictions.map((j) => [j.code, compileJurisdiction(j)]));
	const parties = new Map<string, CompiledParty>();
	for (const party of policy.parties) {
		const destinations = party.jurisdictions.map(close);
		const under = [...new Set(destinations.flat())];
		const personalData = under.flatMap((code) => {
			const jurisdiction = jurisdictions.get(code);
			return jurisdiction === undefined
				? []
				: jurisdiction.source.personalData.map((rule) => ({ jurisdiction, rule }));
		});
		parties.set(party.id, {
			source: party,
			destinations,
			jurisdictions: under,
			personalData,
			tlp1Only: !party.understands.includes("tlp2"),
			tlpCap: party.tlpCeiling === undefined ? TLP_LEVELS.length - 1 : TLP_LEVELS.indexOf(party.tlpCeiling),
		});
	}

	const members = new Map<string, ReadonlySet<string>>();
	const communityNames = new Map<string, string>();
	const subgroupCaps = new Map<string, number>();
	const communitiesBetween = new Map<string, Map<string, string[]>>();
	for (const community of policy.communities) {
		members.set(community.id, new Set(community.members));
		communityNames.set(community.id, community.name);
		for (const subgroup of community.subgroups) {
			members.set(subgroup.id, new Set(subgroup.members));
			communityNames.set(subgroup.id, `${community.name} / ${subgroup.name}`);
			if (subgroup.tlpCeiling !== undefined)
				subgroupCaps.set(subgroup.id, TLP_LEVELS.indexOf(subgroup.tlpCeiling));
		}
		for (const a of community.members)
			for (const b of community.members) if (a !== b) addPair(communitiesBetween, a, b, community.id);
	}

	const between = new Map<string, Map<string, CompiledAgreement[]>>();
	for (const agreement of policy.agreements) {
		const compiled = compileAgreement(agreement);
		const bound = new Set(agreement.parties);
		for (const id of agreement.communities) for (const member of members.get(id) ?? EMPTY) bound.add(member);
		for (const a of bound) for (const b of bound) if (a !== b) addPair(between, a, b, compiled);
	}

	const locals = policy.parties.filter((party) => party.local).map((party) => party.id);
	const withLocal = new Map<string, CompiledAgreement[]>();
	const communitiesWithLocal = new Map<string, string[]>();
	for (const local of locals) {
		for (const [other, agreements] of between.get(local) ?? []) {
			if (parties.get(other)?.source.local !== true)
				for (const agreement of agreements) addAll(withLocal, other, agreement);
		}
		for (const [other, communities] of communitiesBetween.get(local) ?? []) {
			if (parties.get(other)?.source.local !== true)
				for (const community of communities) addAll(communitiesWithLocal, other, community);
		}
	}

	return {
		version: policy.version,
		parties,
		jurisdictions,
		members,
		subgroupCaps,
		communityNames,
		between,
		communitiesBetween,
		withLocal,
		communitiesWithLocal,
		clients: new Map(policy.parties.map((party) => [party.id, new Set(party.clients)])),
	};
}

/** Agreements binding a and b, or an empty list. */
export function agreementsBetween(
	policy: CompiledPolicy,
	a: string,
	b: string,
): readonly CompiledAgreement[] {
	return policy.between.get(a)?.get(b) ?? EMPTY;
}

/** Communities a and b both belong to, or an empty list. */
export function communitiesBetween(policy: CompiledPolicy, a: string, b: string): readonly string[] {
	return policy.communitiesBetween.get(a)?.get(b) ?? EMPTY;
}
