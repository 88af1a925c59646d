// Tags and distribution → the node's TLP 2.0 and PAP marking refs, never wider than what MISP said (D53).
import { PAP_IDS, TLP2_DEFINITIONS, TLP2_LEVELS, type Tlp2Level } from "../../stix/markings/index.ts";

/** TLP levels by strictness (index = rank); PAP likewise. */
const PAP_RANKS = ["clear", "green", "amber", "red"] as const;

/** What an object's tags and distribution ask for: the strictest TLP and PAP seen (-1: none). */
export interface Handling {
	tlp: number;
	pap: number;
}

export const NO_HANDLING: Handling = { tlp: -1, pap: -1 };

const TLP_TAGS: Readonly<Record<string, number>> = {
	"tlp:white": 0,
	"tlp:clear": 0,
	"tlp:green": 1,
	"tlp:amber": 2,
	"tlp:amber+strict": 3,
	"tlp:red": 4,
};

const PAP_TAGS: Readonly<Record<string, number>> = {
	"pap:white": 0,
	"pap:clear": 0,
	"pap:green": 1,
	"pap:amber": 2,
	"pap:red": 3,
};

/**
 * MISP distribution levels → the least strict TLP that does not widen them: "your organisation only" (0)
 * and a sharing group (4, named organisations) are TLP:AMBER+STRICT (the recipient's organisation only);
 * "this community only" (1) TLP:AMBER (need to know, no further community); "connected communities" (2)
 * TLP:GREEN (the community); "all communities" (3) and "inherit" (5) ask for nothing.
 */
export const DISTRIBUTION_TLP: Readonly<Record<string, number>> = {
	"0": 3,
	"1": 2,
	"2": 1,
	"3": -1,
	"4": 3,
	"5": -1,
};

export const DISTRIBUTION_NAMES: Readonly<Record<string, string>> = {
	"0": "your-organisation-only",
	"1": "this-community-only",
	"2": "connected-communities",
	"3": "all-communities",
	"4": "sharing-group",
	"5": "inherit-event",
};

/** The handling a tag asks for, or undefined when it is not a TLP or PAP tag. */
export function tagHandling(name: string): Handling | undefined {
	const lower = name.trim().toLowerCase();
	const tlp = TLP_TAGS[lower];
	if (tlp !== undefined) return { tlp, pap: -1 };
	const pap = PAP_TAGS[lower];
	if (pap !== undefined) return { tlp: -1, pap };
	return undefined;
}

/** The stricter of two, part by part: combining never widens. */
export function strictest(a: Handling, b: Handling): Handling {
	return { tlp: Math.max(a.tlp, b.tlp), pap: Math.max(a.pap, b.pap) };
}

export function tlpLevel(rank: number): Tlp2Level | undefined {
	return rank < 0 ? undefined : TLP2_LEVELS[rank];
}

/** The marking refs for `handling`; `fallback` stands for the TLP when there is none. */
export function markingRefs(handling: Handling, fallback: readonly string[]): string[] {
	const refs: string[] = [];
	const level = tlpLevel(handling.tlp);
	if (level !== undefined) refs.push(TLP2_DEFINITIONS[level].id);
	else refs.push(...fallback);
	const pap = PAP_RANKS[handling.pap];
	if (pap !== undefined) refs.push(PAP_IDS[pap]);
	return refs;
}
