// Tells STIX 2.0 content from STIX 2.1: 2.0 objects never carry spec_version, 2.1 SDOs and SROs must.
import { SCO_TYPES } from "../types/index.ts";

/** The STIX 2.1 cyber-observable types: the only ones 2.1 lets omit `spec_version` (bundles aside). */
export const STIX21_SCO_TYPES: ReadonlySet<string> = new Set(SCO_TYPES);

/**
 * True when `object` is STIX 2.0: it says `spec_version: "2.0"`, or it has no `spec_version` and
 * either its bundle says "2.0" or it is an SDO, SRO or marking definition (which 2.1 requires to
 * carry one). A 2.1 SCO without `spec_version` is not 2.0 unless its bundle says so; nor is a custom
 * SCO declared through a `new-sco` extension definition (2.1 §7.3), which 2.0 could not express.
 * @example isStix20({ type: "malware", id: "malware--…", labels: ["trojan"] }) // true
 */
export function isStix20(object: Readonly<Record<string, unknown>>, bundleSpecVersion?: string): boolean {
	const version = object.spec_version;
	if (version !== undefined) return version === "2.0";
	if (bundleSpecVersion !== undefined) return bundleSpecVersion === "2.0";
	if (typeof object.type !== "string") return false;
	return !STIX21_SCO_TYPES.has(object.type) && !isNewSco(object);
}

/** Whether an object declares itself a custom SCO through a `new-sco` extension definition (STIX 2.1 §7.3). */
export function isNewSco(object: Readonly<Record<string, unknown>>): boolean {
	const extensions = object.extensions;
	if (typeof extensions !== "object" || extensions === null) return false;
	for (const [key, extension] of Object.entries(extensions))
		if (
			key.startsWith("extension-definition--") &&
			typeof extension === "object" &&
			extension !== null &&
			(extension as { extension_type?: unknown }).extension_type === "new-sco"
		)
			return true;
	return false;
}
