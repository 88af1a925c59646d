// Tells STIX 2.0 content from STIX 2.1: 2.0 objects never carry spec_version, 2.1 SDOs and SROs must.
import { SCO_TYPES } from "../types/index.ts";

/** The STIX 2.1 cyber-observable types: the only ones 2.1 lets omit `spec_version` (bundles aside). */
export const STIX21_SCO_TYPES: ReadonlySet<string> = new Set(SCO_TYPES);

/**
 * True when `object` is STIX 2.0: it says `spec_version: "2.0"`, or it has no `spec_version` and
 * either its bundle says "2.0" or it is an SDO, SRO or marking definition (which 2.1 requires to
 * carry one). A 2.1 SCO without `spec_version` is not 2.0 unless its bundle says so.
 * @example isStix20({ type: "malware", id: "malware--…", labels: ["trojan"] }) // true
 */
export function isStix20(object: Readonly<Record<string, unknown>>, bundleSpecVersion?: string): boolean {
	const version = object.spec_version;
	if (version !== undefined) return version === "2.0";
	if (bundleSpecVersion !== undefined) return bundleSpecVersion === "2.0";
	return typeof object.type === "string" && !STIX21_SCO_TYPES.has(object.type);
}
