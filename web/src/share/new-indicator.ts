// The STIX 2.1 indicator the "new indicator" form describes: markings from the node's pinned catalogue.
import {
	PAP_IDS,
	type PapLevel,
	TLP2_DEFINITIONS,
	type Tlp2Level,
} from "../../../src/stix/markings/index.ts";
// The vocabulary file itself, not validate/index.ts: that would bundle the whole validator (~47 KB) for one list.
import { INDICATOR_TYPE } from "../../../src/stix/validate/vocabularies.ts";
import type { StixObject } from "../api/types.ts";

/** The indicator types STIX 2.1 suggests (indicator-type-ov), from the validator's own vocabulary. */
export const INDICATOR_TYPES: readonly string[] =
	INDICATOR_TYPE.t === "vocab" ? [...INDICATOR_TYPE.values] : [];

export const TLP_CHOICES: readonly Tlp2Level[] = ["clear", "green", "amber", "amber+strict", "red"];
export const PAP_CHOICES: readonly PapLevel[] = ["clear", "green", "amber", "red"];

/** Who the originator names as the audience (`x_entente_audience`); `markings` names none. */
export type AudienceKind = "markings" | "own-organization" | "all-partners" | "named";

export interface IndicatorFields {
	name: string;
	description: string;
	pattern: string;
	tlp: Tlp2Level;
	pap: PapLevel | "none";
	types: string[];
	audience: AudienceKind;
	/** Party ids named in the audience (kind `named`). */
	parties: string[];
	/** Community ids named in the audience (kind `named`). */
	communities: string[];
}

export const EMPTY_INDICATOR: IndicatorFields = {
	name: "",
	description: "",
	pattern: "",
	tlp: "amber",
	pap: "amber",
	types: ["malicious-activity"],
	audience: "markings",
	parties: [],
	communities: [],
};

function audienceOf(fields: IndicatorFields): Record<string, unknown> | undefined {
	switch (fields.audience) {
		case "markings":
			return undefined;
		case "own-organization":
		case "all-partners":
			return { scope: fields.audience };
		case "named":
			return { parties: fields.parties, communities: fields.communities };
	}
}

/**
 * A STIX 2.1 indicator (pattern type `stix`, valid from now) by `author`, marked with the chosen TLP 2.0 and
 * PAP definitions. The node validates it when previewed; nothing here checks the pattern.
 * @example buildIndicator(fields, { uuid: crypto.randomUUID(), now: new Date(), author: me.organization?.id })
 */
export function buildIndicator(
	fields: IndicatorFields,
	options: { uuid: string; now: Date; author: string | undefined },
): StixObject {
	const now = options.now.toISOString();
	const markings = [TLP2_DEFINITIONS[fields.tlp].id];
	if (fields.pap !== "none") markings.push(PAP_IDS[fields.pap]);
	const audience = audienceOf(fields);
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${options.uuid}`,
		...(options.author === undefined ? {} : { created_by_ref: options.author }),
		created: now,
		modified: now,
		name: fields.name.trim(),
		...(fields.description.trim() === "" ? {} : { description: fields.description.trim() }),
		...(fields.types.length === 0 ? {} : { indicator_types: fields.types }),
		pattern: fields.pattern.trim(),
		pattern_type: "stix",
		valid_from: now,
		object_marking_refs: markings,
		...(audience === undefined ? {} : { x_entente_audience: audience }),
	};
}
