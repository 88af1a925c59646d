// An indicator as MISP holds it: a plain STIX pattern becomes one attribute (or an object for several paths) with
// the indicator's uuid and to_ids set; a richer pattern, or one in another language, is kept verbatim.
import type { StixObject } from "../../stix/core.ts";
import { type AttributeSeed, attribute, attributeOrObject } from "./attributes.ts";
import { epochSeconds, noteLeftovers, uuidOf } from "./leftovers.ts";
import type { ConversionNote, MispAttribute, MispObject } from "./misp-json.ts";
import { readPlainPattern } from "./plain-pattern.ts";
import { mispLabel } from "./tags.ts";

/** Pattern languages MISP has an attribute type for, with the category misp-stix gives it. */
const PATTERN_TYPES: Readonly<Record<string, { type: string; category: string }>> = {
	sigma: { type: "sigma", category: "Artifacts dropped" },
	yara: { type: "yara", category: "Payload installation" },
	snort: { type: "snort", category: "Network activity" },
	suricata: { type: "snort", category: "Network activity" },
};

const READ = [
	"pattern",
	"pattern_type",
	"pattern_version",
	"valid_from",
	"valid_until",
	"description",
	"kill_chain_phases",
];

/**
 * The attribute or object an indicator becomes; its uuid is the indicator's, so MISP's own STIX export (and
 * mispToStix) names it `indicator--<the same uuid>`. What MISP cannot hold is noted at `path`.
 */
export function indicatorToMisp(
	indicator: StixObject,
	path: string,
	notes: ConversionNote[],
): { attribute: MispAttribute } | { object: MispObject } {
	const seed = seedOf(indicator, path, notes);
	noteLeftovers(indicator, READ, path, "a MISP attribute", notes);
	const pattern = typeof indicator.pattern === "string" ? indicator.pattern : "";
	const language = typeof indicator.pattern_type === "string" ? indicator.pattern_type : "stix";
	if (language !== "stix") {
		const known = PATTERN_TYPES[language];
		if (known === undefined || language === "suricata") {
			notes.push({
				path: `${path}.pattern_type`,
				reason: `MISP has no attribute type for ${language} patterns: kept as ${known?.type ?? "text"}`,
			});
		}
		return { attribute: attribute(seed, known?.type ?? "text", known?.category ?? "Other", pattern) };
	}
	const reading = readPlainPattern(pattern);
	if (reading.plain) return attributeOrObject(reading.comparisons, seed, path, notes, `${path}.pattern`);
	notes.push({
		path: `${path}.pattern`,
		reason: `kept verbatim as a stix2-pattern attribute, which MISP does not correlate: ${reading.reason}`,
	});
	return { attribute: attribute(seed, "stix2-pattern", "Payload installation", pattern) };
}

function seedOf(indicator: StixObject, path: string, notes: ConversionNote[]): AttributeSeed {
	const seed: AttributeSeed = {
		uuid: uuidOf(indicator.id),
		toIds: true,
		timestamp: epochSeconds(indicator.modified ?? indicator.created),
		comment: typeof indicator.description === "string" ? indicator.description : "",
	};
	const labelledType = mispLabel(indicator, "type");
	if (labelledType !== undefined) seed.labelledType = labelledType;
	const category = categoryOf(indicator, path, notes);
	if (category !== undefined) seed.labelledCategory = category;
	const objectName = mispLabel(indicator, "name");
	if (objectName !== undefined)
		seed.labelledObject = { name: objectName, meta: mispLabel(indicator, "meta-category") ?? "misc" };
	if (typeof indicator.valid_from === "string") seed.firstSeen = indicator.valid_from;
	if (typeof indicator.valid_until === "string") seed.lastSeen = indicator.valid_until;
	return seed;
}

/** misp-stix writes the category as a `misp-category` kill-chain phase (and a label); other phases are noted. */
function categoryOf(indicator: StixObject, path: string, notes: ConversionNote[]): string | undefined {
	let category = mispLabel(indicator, "category");
	const phases = Array.isArray(indicator.kill_chain_phases) ? indicator.kill_chain_phases : [];
	phases.forEach((phase: { kill_chain_name?: unknown; phase_name?: unknown }, index) => {
		if (phase.kill_chain_name === "misp-category" && typeof phase.phase_name === "string") {
			category ??= phase.phase_name;
		} else {
			notes.push({
				path: `${path}.kill_chain_phases[${index}]`,
				reason: "a MISP attribute has no kill-chain phase; not kept",
			});
		}
	});
	return category;
}
