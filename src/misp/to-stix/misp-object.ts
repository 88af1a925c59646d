// One MISP object of an event → observed-data + observables and, when any attribute is to_ids, an indicator;
// its ObjectReferences wait until every attribute and object has its STIX id.
import type { StixObject } from "../../stix/core.ts";
import { type AttributeInput, firstError, readAttribute } from "./attribute.ts";
import {
	type Common,
	customObject,
	indicator,
	markObservables,
	observedData,
	relationship,
} from "./build.ts";
import type { EventContext } from "./context.ts";
import { attachGalaxies } from "./galaxy-links.ts";
import { DISTRIBUTION_TLP, strictest } from "./markings.ts";
import { type ObjectAttribute, objectTemplate, type TemplateResult } from "./object-templates.ts";
import { flag, type Json, optionalText, records, text, uuidOf } from "./read.ts";
import { convertSightings } from "./sightings.ts";
import { readTags } from "./tags.ts";
import { epochMs, isoMs } from "./time.ts";

/** Converts the MISP object at `path`; returns how many attributes it held. */
export function convertObject(context: EventContext, misp: Json, path: string): number {
	const name = text(misp, "name", path);
	const uuid = uuidOf(misp, path);
	const where = `${path} (name '${name}')`;
	const attributes = records(misp, "Attribute", path);
	if (flag(misp, "deleted") === true) {
		context.note(where, "deleted in MISP: not imported");
		return attributes.length;
	}
	if (context.mainIdOf.has(uuid)) {
		context.note(
			where,
			`its uuid ${uuid} is another attribute's or object's of this event; not imported twice`,
		);
		return attributes.length;
	}
	const metaCategory = optionalText(misp, "meta-category", path) ?? "misc";
	const tags = readTags(records(misp, "Tag", path), `${path}.Tag`);
	const distribution = optionalText(misp, "distribution", path);
	let handling = strictest(tags.handling, { tlp: DISTRIBUTION_TLP[distribution ?? "5"] ?? -1, pap: -1 });
	const read = attributes
		.map((attribute, index) => {
			const at = `${path}.Attribute[${index}]`;
			const input = readAttribute(context, attribute, at);
			handling = strictest(handling, input.handling);
			return {
				attribute,
				input,
				deleted: flag(attribute, "deleted") === true,
				relation: optionalText(attribute, "object_relation", at) ?? input.type,
			};
		})
		.filter((entry) => {
			if (entry.deleted)
				context.note(`${entry.input.path} (type '${entry.input.type}')`, "deleted in MISP: not imported");
			return !entry.deleted;
		});
	const timestamp = misp.timestamp;
	const ms =
		timestamp === undefined || timestamp === null ? context.eventMs : epochMs(timestamp, `${path}.timestamp`);
	const common: Common = {
		uuid,
		ms,
		firstSeenMs: seen(misp, "first_seen", path),
		lastSeenMs: seen(misp, "last_seen", path),
		labels: [`misp:name="${name}"`, `misp:meta-category="${metaCategory}"`, ...tags.labels],
		markingRefs: context.markingRefsFor(handling),
	};
	const objectAttributes: ObjectAttribute[] = read.map(({ input, relation }) => ({
		uuid: input.common.uuid,
		relation,
		type: input.type,
		value: input.value,
		toIds: input.toIds,
	}));
	const template = objectTemplate(name);
	const result = template?.(uuid, objectAttributes);
	let made = result === undefined ? undefined : templateObjects(context, common, result, metaCategory);
	// The observables carry MISP's values; the pattern quotes them (see firstError).
	const refusal = result === undefined ? undefined : firstError(result.scos);
	if (made === undefined || refusal !== undefined) {
		context.note(
			where,
			refusal !== undefined
				? `STIX refuses its conversion (${refusal}); kept as an x-misp-object`
				: template === undefined
					? `no STIX 2.1 mapping for the object template '${name}'; kept as an x-misp-object`
					: `its attributes do not fill the template '${name}'; kept as an x-misp-object`,
		);
		made = [keptWhole(context, misp, common, read, path)];
	}
	const main = made.find((object) => object.type === "indicator") ?? made[0];
	if (main === undefined) return attributes.length;
	for (const object of made) context.add(object);
	const ids = made.map((object) => object.id);
	context.madeFrom(uuid, main.id, ids);
	for (const { input } of read) context.madeFrom(input.common.uuid, main.id, []);
	for (const [index, reference] of records(misp, "ObjectReference", path).entries()) {
		const at = `${path}.ObjectReference[${index}]`;
		context.pending.push({
			sourceId: main.id,
			relationshipType: optionalText(reference, "relationship_type", at) || "related-to",
			targetUuid: text(reference, "referenced_uuid", at).toLowerCase(),
			path: at,
			markingRefs: common.markingRefs,
			ms: reference.timestamp === undefined ? ms : epochMs(reference.timestamp, `${at}.timestamp`),
		});
	}
	attachGalaxies(context, main, [], tags.galaxies, common, path);
	for (const { attribute, input } of read) {
		attachGalaxies(
			context,
			main,
			records(attribute, "Galaxy", input.path),
			input.tags.galaxies,
			common,
			input.path,
		);
		convertSightings(context, records(attribute, "Sighting", input.path), made, `${input.path}.Sighting`);
	}
	return attributes.length;
}

/** misp-stix's `x-misp-object`: the template's name and every attribute as MISP wrote it. */
function keptWhole(
	context: EventContext,
	misp: Json,
	common: Common,
	read: readonly { input: AttributeInput; relation: string }[],
	path: string,
): StixObject {
	const comment = optionalText(misp, "comment", path);
	return customObject(context, "x-misp-object", common, {
		x_misp_name: text(misp, "name", path),
		x_misp_meta_category: optionalText(misp, "meta-category", path) ?? "misc",
		...(comment === undefined || comment === "" ? {} : { x_misp_comment: comment }),
		x_misp_attributes: read.map(({ input, relation }) => ({
			uuid: input.common.uuid,
			type: input.type,
			object_relation: relation,
			value: input.value,
			category: input.category,
			to_ids: input.toIds,
			...(input.comment === undefined || input.comment === "" ? {} : { comment: input.comment }),
		})),
	});
}

function templateObjects(
	context: EventContext,
	base: Common,
	result: TemplateResult,
	phase: string,
): StixObject[] {
	const common: Common = {
		...base,
		firstSeenMs: base.firstSeenMs ?? windowMs(result.firstSeen),
		lastSeenMs: base.lastSeenMs ?? windowMs(result.lastSeen),
	};
	const scos = markObservables(result.scos, common.markingRefs);
	const detector =
		result.comparisons.length > 0
			? indicator(context, common, {
					pattern: `[${result.comparisons.join(" AND ")}]`,
					patternType: "stix",
					phase,
					description: undefined,
				})
			: undefined;
	if (detector !== undefined && context.indicatorsOnly) return [detector];
	const observed = observedData(
		context,
		common,
		scos.map((sco) => sco.id),
	);
	if (detector === undefined) return [observed, ...scos];
	const basedOn = relationship(
		context,
		{ source: detector.id, type: "based-on", target: observed.id },
		common.ms,
		common.markingRefs,
	);
	return [observed, ...scos, detector, basedOn];
}

/** A first-seen/last-seen attribute's time; one MISP could not parse either is left to its x_misp_ property. */
function windowMs(value: string | undefined): number | undefined {
	if (value === undefined || value === "") return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

function seen(record: Json, key: string, path: string): number | undefined {
	const value = optionalText(record, key, path);
	return value === undefined || value === "" ? undefined : isoMs(value, `${path}.${key}`);
}
