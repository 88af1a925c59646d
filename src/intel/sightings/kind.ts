// What a sighting says: seen, false positive or expired, written so another STIX consumer reads it (D49).
import type { StixObject } from "../../stix/core.ts";

/** seen: it was observed; false-positive: it matched something benign; expired: it no longer applies. */
export const SIGHTING_KINDS = ["seen", "false-positive", "expired"] as const;
export type SightingKind = (typeof SIGHTING_KINDS)[number];

/** STIX 2.1 §5.2: a sighting's count is at most 999,999,999. */
export const MAX_SIGHTING_COUNT = 999_999_999;

/** Our property naming the kind on a `sighting` (absent: an ordinary sighting, "seen"). */
export const SIGHTING_KIND_PROPERTY = "x_entente_sighting_kind";
/**
 * OpenCTI's flag for a sighting that is not a true detection. Written on every false positive and expiry, so a
 * consumer that knows OpenCTI's convention but not ours never counts either as a detection.
 */
export const NEGATIVE_PROPERTY = "x_opencti_negative";

/** MISP's sighting types (0 sighting, 1 false positive, 2 expiration) and the kind each becomes. */
export const MISP_SIGHTING_TYPES: Readonly<Record<0 | 1 | 2, SightingKind>> = {
	0: "seen",
	1: "false-positive",
	2: "expired",
};

/**
 * The kind a `sighting` reports: ours when it names one, else a sighting marked negative (OpenCTI) is a false
 * positive, else it was seen. An unknown value of ours falls back the same way (never invents an expiry).
 * @example kindOf({ type: "sighting", x_opencti_negative: true, … }) // → "false-positive"
 */
export function kindOf(sighting: StixObject): SightingKind {
	const named = sighting[SIGHTING_KIND_PROPERTY];
	if (typeof named === "string" && (SIGHTING_KINDS as readonly string[]).includes(named))
		return named as SightingKind;
	return sighting[NEGATIVE_PROPERTY] === true ? "false-positive" : "seen";
}

/** The properties that say `kind` on a new sighting: none for seen (any consumer reads a plain sighting). */
export function kindProperties(kind: SightingKind): Record<string, unknown> {
	if (kind === "seen") return {};
	return { [SIGHTING_KIND_PROPERTY]: kind, [NEGATIVE_PROPERTY]: true };
}
