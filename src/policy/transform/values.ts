// One treatment applied to one value: the building block for object fields and pattern constants alike.
import type { Treatment } from "../model.ts";
import { pseudonymKind } from "./defaults.ts";
import { generaliseIp } from "./network.ts";
import { pseudonymise } from "./pseudonym.ts";
import { scrubText, scrubUrl } from "./scrub.ts";

/** Where a value sits: the type of the object that holds it and the property (dotted path) it is. */
export interface ValueSite {
	objectType: string;
	property: string;
}

/**
 * The released form of `value` under `treatment`, or undefined when it must go. Never returns the
 * value unchanged for a treatment that cannot apply: what cannot be pseudonymised, generalised or
 * scrubbed is dropped (a list or dictionary under `pseudonymise`, a non-IP under `generalise`).
 * `hold` is not a value treatment; callers withhold the whole object before getting here.
 */
export function treatValue(treatment: Treatment, site: ValueSite, value: unknown, key: Uint8Array): unknown {
	switch (treatment) {
		case "drop":
		case "hold":
			return undefined;
		case "pseudonymise":
			if (typeof value === "string")
				return pseudonymise(key, pseudonymKind(site.objectType, site.property), value);
			if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
				return value.map((v) => pseudonymise(key, "text", v));
			}
			return undefined;
		case "generalise":
		case "coarsen":
			return typeof value === "string" ? generaliseIp(value) : undefined;
		case "scrub":
			return scrubValue(site, value);
	}
}

function scrubValue(site: ValueSite, value: unknown): unknown {
	if (typeof value === "string") {
		return site.objectType === "url" && site.property === "value" ? scrubUrl(value) : scrubText(value);
	}
	if (Array.isArray(value)) return value.map((v) => scrubValue(site, v));
	if (typeof value === "object" && value !== null) {
		const out: Record<string, unknown> = {};
		for (const [name, v] of Object.entries(value)) out[name] = scrubValue(site, v);
		return out;
	}
	return value;
}
