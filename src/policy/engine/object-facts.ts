// What decide() reads from an object besides markings: its role (victim, attacker…), its explicit audience, its 4x4 evaluation.
import type { StixObject } from "../../stix/core.ts";
import type { SourceEvaluation } from "../model.ts";

/** The explicit audience an originator gave an object (`x_entente_audience`). */
export interface Audience {
	readonly parties: readonly string[];
	readonly communities: readonly string[];
	readonly scope: "own-organization" | "all-partners" | undefined;
}

/** No audience given: the markings alone decide. */
export const NO_AUDIENCE: Audience = Object.freeze({ parties: [], communities: [], scope: undefined });

const isStrings = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((item) => typeof item === "string");

/**
 * Reads `x_entente_audience`. Returns NO_AUDIENCE when absent and undefined when present but
 * unreadable (the caller denies: an audience we cannot read cannot be honoured).
 * @example readAudience({ …, x_entente_audience: { parties: ["identity--…"] } })?.parties
 */
export function readAudience(object: StixObject): Audience | undefined {
	const value: unknown = object.x_entente_audience;
	if (value === undefined) return NO_AUDIENCE;
	if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
	const { parties = [], communities = [], scope } = value as Record<string, unknown>;
	if (!isStrings(parties) || !isStrings(communities)) return undefined;
	if (scope !== undefined && scope !== "own-organization" && scope !== "all-partners") return undefined;
	return { parties, communities, scope };
}

/**
 * True when the object plays `role`: `x_entente_role` equals it, or a label `role:<role>` is present.
 * @example hasRole({ type: "ipv4-addr", id: "…", x_entente_role: "victim" }, "victim") // → true
 */
export function hasRole(object: StixObject, role: string): boolean {
	if (object.x_entente_role === role) return true;
	const labels: unknown = object.labels;
	if (!Array.isArray(labels)) return false;
	for (const label of labels) if (label === `role:${role}`) return true;
	return false;
}

/** The custom property carrying an object's 4x4 source and information evaluation (D23). */
export const EVALUATION_PROPERTY = "x_entente_evaluation";

/**
 * Reads `x_entente_evaluation`: `{ source: "A" | "B" | "C" | "X", information: 1 | 2 | 3 | 4 }`. Returns
 * "absent" or "unreadable" otherwise (the caller fails closed: both count as below any minimum).
 * @example readEvaluation({ …, x_entente_evaluation: { source: "B", information: 2 } }) // → { source: "B", information: 2 }
 */
export function readEvaluation(object: StixObject): SourceEvaluation | "absent" | "unreadable" {
	const value: unknown = object[EVALUATION_PROPERTY];
	if (value === undefined) return "absent";
	if (typeof value !== "object" || value === null || Array.isArray(value)) return "unreadable";
	const { source, information } = value as Record<string, unknown>;
	if (source !== "A" && source !== "B" && source !== "C" && source !== "X") return "unreadable";
	if (information !== 1 && information !== 2 && information !== 3 && information !== 4) return "unreadable";
	return { source, information };
}
