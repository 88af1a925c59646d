// The sharing policy's concepts: parties, jurisdictions, agreements, communities, and what a decision says.
// See ../shared/reference/sharing-policy.md ("Concepts for the engine") for the domain facts behind them.
import type { StixObject } from "../stix/core.ts";

export const SECTORS = [
	"government",
	"law-enforcement",
	"cert",
	"private",
	"academia",
	"international-body",
] as const;
export type Sector = (typeof SECTORS)[number];

/** TLP 2.0 levels from least to most restrictive; TLP 1.0 WHITE maps to clear. */
export const TLP_LEVELS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** PAP levels from least to most restrictive (what a recipient may *do*). */
export const PAP_LEVELS = ["clear", "green", "amber", "red"] as const;
export type PapLevel = (typeof PAP_LEVELS)[number];

export const PURPOSES = [
	"network-defence",
	"crime-prevention",
	"criminal-investigation",
	"judicial-proceedings",
	"research",
] as const;
export type Purpose = (typeof PURPOSES)[number];
/** The purpose assumed when a request names none (TAXII's header, the REST API, the CLI, the web UI). */
export const DEFAULT_PURPOSE: Purpose = "network-defence";

/** How personal data is treated on the way out when it may not leave as it is. */
export const TREATMENTS = ["drop", "pseudonymise", "generalise", "coarsen", "scrub", "hold"] as const;
export type Treatment = (typeof TREATMENTS)[number];

/**
 * Treatments decide() adds on its own account, never named in a policy file. `omit-provider`: the copy
 * leaves without `created_by_ref` and without naming who derived it (IEP `attribution: must-not`, D23).
 */
export const ENGINE_TREATMENTS = ["omit-provider"] as const;
export type EngineTreatment = (typeof ENGINE_TREATMENTS)[number];

/** Source reliability in the 4x4 evaluation: A no doubt, B usually reliable, C usually unreliable, X cannot be assessed. */
export const SOURCE_GRADES = ["A", "B", "C", "X"] as const;
export type SourceGrade = (typeof SOURCE_GRADES)[number];
/** Information in the 4x4 evaluation: 1 accuracy not in doubt … 4 not known personally to the source and not corroborated. */
export const INFORMATION_GRADES = [1, 2, 3, 4] as const;
export type InformationGrade = (typeof INFORMATION_GRADES)[number];

/**
 * The 4x4 evaluation an originator gives an object, as the custom property `x_entente_evaluation`
 * (docs/decisions.md D23), e.g. `{ source: "B", information: 2 }`.
 */
export interface SourceEvaluation {
	source: SourceGrade;
	information: InformationGrade;
}

/** A minimum 4x4 evaluation, e.g. "B2": source A or B and information 1 or 2. X is never a minimum. */
export type EvaluationMinimum = `${"A" | "B" | "C"}${InformationGrade}`;

/** A time window; `until` absent means open-ended. RFC 3339 timestamps. */
export interface Validity {
	from: string;
	until?: string;
}

/** A suspended party receives nothing; it stays in the policy so its history reads. */
export const PARTY_STATUSES = ["active", "suspended"] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

/** An organisation that can receive intelligence: local (hosted by this node) or a partner's. */
export interface Party {
	/** STIX identity id. */
	id: string;
	name: string;
	sector: Sector;
	/** ISO 3166-1 alpha-2 codes or bloc codes defined as jurisdictions (e.g. "EU"). */
	jurisdictions: readonly string[];
	/** Name of the node that hosts it; this node's own parties have `local: true`. */
	node: string;
	local: boolean;
	/** 1 is the most trusted tier. */
	trustTier: number;
	/** Parties that count as this party's clients or constituents (whom TLP:AMBER may reach through it). */
	clients: readonly string[];
	status: PartyStatus;
	/** Marking vocabularies its systems understand; a TLP 1.0-only recipient gets AMBER+STRICT as RED. */
	understands: readonly ("tlp1" | "tlp2")[];
	/** The most restrictive TLP level it may ever receive, whatever its agreements allow (academia: "green"). */
	tlpCeiling?: TlpLevel;
}

export interface LegalBasis {
	id: string;
	name: string;
	validity: Validity;
}

/** Which objects hold personal data in a jurisdiction's law, and what leaving without a route needs. */
export interface PersonalDataRule {
	/** STIX type the rule applies to, e.g. `ipv4-addr`, `email-addr`, `user-account`, `identity`. */
	objectType: string;
	/** Only objects in this role (`victim`, …): from `x_entente_role` or a label `role:<x>`. Absent: any. */
	role?: string;
	/** Properties holding the personal data; absent means the identifying value(s) of the type. */
	fields?: readonly string[];
	treatment: Treatment;
}

/** A route that lets personal data go from this jurisdiction to another as it is. */
export interface TransferRoute {
	to: string;
	/** LegalBasis id; the route holds only while that basis is valid. */
	basis: string;
	/** Purposes the route covers; absent means any. */
	purposes?: readonly Purpose[];
}

export interface Jurisdiction {
	code: string;
	name: string;
	/** Codes of member jurisdictions: a party in "NL" is also under "EU" when EU lists NL. */
	members: readonly string[];
	personalData: readonly PersonalDataRule[];
	transferRoutes: readonly TransferRoute[];
	legalBases: readonly LegalBasis[];
}

export interface Agreement {
	id: string;
	name: string;
	kind: "bilateral" | "multilateral";
	/** Party ids bound by it; a multilateral agreement may instead (or also) name communities. */
	parties: readonly string[];
	communities: readonly string[];
	purposes: readonly Purpose[];
	/** The most restrictive TLP level that may flow under it (e.g. "amber": clear, green and amber). */
	tlpCeiling: TlpLevel;
	/** The most permissive action a recipient may take (PAP); stricter object PAP still wins. */
	papCeiling: PapLevel;
	/** Honours law-enforcement handling codes H0–H3. */
	handlingCodes: boolean;
	onwardSharing: boolean;
	/** Shared information may be used as evidence: without it, judicial proceedings are not a purpose it covers. */
	evidenceUse: boolean;
	/** The recipient keeps what it received for at most this many days (an obligation, shown in the trace). */
	retentionDays?: number;
	/** Objects graded below this 4x4 evaluation, or not graded, do not flow under it. */
	minimumEvaluation?: EvaluationMinimum;
	validity: Validity;
	/** Treatments required on the way out under this agreement (e.g. pseudonymise victim IPs). */
	treatments: readonly PersonalDataRule[];
}

export interface Community {
	id: string;
	name: string;
	/** Party ids; membership is what TLP:GREEN reaches. */
	members: readonly string[];
	/** Party that hosts the community (e.g. Europol EC3 for J-CAT), if any. */
	host?: string;
	/** Need-to-know subsets of the members; `tlpCeiling` narrows what flows inside one, never widens it. */
	subgroups: readonly { id: string; name: string; members: readonly string[]; tlpCeiling?: TlpLevel }[];
}

/**
 * Invariants: promises about what leaves, checked on every released copy by code that shares nothing with
 * decide() (src/policy/invariants/, D37). Every one is on unless the operator turns it off, with a reason.
 */
export const INVARIANTS = ["tlp-ceiling", "red-named", "victim-transfer", "h3-inline"] as const;
export type InvariantName = (typeof INVARIANTS)[number];

/** An invariant the operator turned off in the policy file, and why (kept with the applied version). */
export interface InvariantOff {
	invariant: InvariantName;
	reason: string;
}

/** A whole policy: what `entente policy apply` loads, versioned by the store. */
export interface Policy {
	version: number;
	parties: readonly Party[];
	jurisdictions: readonly Jurisdiction[];
	agreements: readonly Agreement[];
	communities: readonly Community[];
	/** Invariants turned off; absent or empty: all of INVARIANTS are on (the default). */
	invariantsOff?: readonly InvariantOff[];
}

/**
 * Why a partner would receive nothing a partnership gives: it is no longer a party or is suspended (it receives
 * nothing at all), its own ceiling is TLP:CLEAR, or no agreement in force (with a ceiling above TLP:CLEAR), no
 * community and no client relation links it to one of this node's parties, so it gets TLP:CLEAR at most: what
 * anyone may have.
 */
export const CUT_OFF_REASONS = ["not-a-party", "suspended", "ceiling-clear", "no-link"] as const;
export type CutOffReason = (typeof CUT_OFF_REASONS)[number];

/** The forms a release can take, from most to least revealing. */
export const VERDICTS = ["full", "transformed", "match-only", "contact-originator", "deny"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What one rule did to a decision: let it pass, deny it, transform the copy, or restrict its form. */
export const TRACE_OUTCOMES = ["pass", "deny", "transform", "restrict"] as const;
export type TraceOutcome = (typeof TRACE_OUTCOMES)[number];

/** One rule consulted while deciding, in words an analyst understands. */
export interface TraceStep {
	/** Stable rule name, e.g. `marking.unknown`, `tlp.scope`, `law.transfer`, `recipient.status`. */
	rule: string;
	outcome: TraceOutcome;
	reason: string;
}

/** A treatment to apply to a released copy, and the rule that requires it. */
export interface AppliedTreatment {
	treatment: Treatment | EngineTreatment;
	objectType: string;
	fields?: readonly string[];
	/**
	 * True when `fields` are the object's own granular-marking selectors (§7.2.3: exact paths with `[n]`
	 * indexes): what they select is removed and the copy's granular markings re-based (D33), never carried
	 * along references (a marked `created_by_ref` hides the reference, not the identity).
	 */
	granular?: boolean;
	because: string;
}

export interface Decision {
	verdict: Verdict;
	treatments: readonly AppliedTreatment[];
	/** Markings to attach to the released copy (e.g. a stricter PAP under the agreement). */
	addMarkings: readonly string[];
	/** Empty unless the caller asked for a trace. */
	trace: readonly TraceStep[];
}

/** What decide() is asked about: an object version, who originated it, and what it inherits. */
export interface DecisionSubject {
	object: StixObject;
	/** Party id of the originator (the provenance organisation, or `created_by_ref` when it is a known party). */
	originator: string;
	/** Flags stored with the version (e.g. `unknown-marking`). */
	flags: readonly string[];
	/** Marking refs inherited from objects this one derives from or is contained in (deny-overrides). */
	inheritedMarkings: readonly string[];
}
