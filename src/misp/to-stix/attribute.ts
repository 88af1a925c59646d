// One MISP attribute of an event → observed-data + observables, an indicator when to_ids, its galaxies and sightings.
import type { StixObject } from "../../stix/core.ts";
import { validateObject } from "../../stix/validate/index.ts";
import { attributeShape } from "./attribute-types.ts";
import {
	type Common,
	customObject,
	domainObject,
	indicator,
	markObservables,
	observedData,
	relationship,
} from "./build.ts";
import type { EventContext } from "./context.ts";
import { attachGalaxies } from "./galaxy-links.ts";
import { DISTRIBUTION_TLP, type Handling, strictest } from "./markings.ts";
import { flag, type Json, optionalText, records, text, uuidOf } from "./read.ts";
import { convertSightings } from "./sightings.ts";
import { readTags } from "./tags.ts";
import { epochMs, isoMs } from "./time.ts";

/** Everything read from one attribute before it is converted. */
export interface AttributeInput {
	type: string;
	value: string;
	category: string;
	comment: string | undefined;
	toIds: boolean;
	common: Common;
	path: string;
}

/** Reads the fields every attribute has (type, value, uuid, times), naming the path of any that is wrong. */
export function readAttribute(
	context: EventContext,
	attribute: Json,
	path: string,
	extraLabels: readonly string[] = [],
): AttributeInput & { tags: ReturnType<typeof readTags>; handling: Handling } {
	const type = text(attribute, "type", path);
	const value = text(attribute, "value", path);
	const uuid = uuidOf(attribute, path);
	const category = optionalText(attribute, "category", path) ?? "Other";
	const tags = readTags(records(attribute, "Tag", path), `${path}.Tag`);
	const distribution = optionalText(attribute, "distribution", path);
	const handling = strictest(tags.handling, { tlp: DISTRIBUTION_TLP[distribution ?? "5"] ?? -1, pap: -1 });
	const timestamp = attribute.timestamp;
	const ms =
		timestamp === undefined || timestamp === null ? context.eventMs : epochMs(timestamp, `${path}.timestamp`);
	return {
		type,
		value,
		category,
		comment: optionalText(attribute, "comment", path),
		toIds: flag(attribute, "to_ids") ?? false,
		tags,
		handling,
		path,
		common: {
			uuid,
			ms,
			firstSeenMs: seen(attribute, "first_seen", path),
			lastSeenMs: seen(attribute, "last_seen", path),
			labels: [`misp:type="${type}"`, `misp:category="${category}"`, ...extraLabels, ...tags.labels],
			markingRefs: context.markingRefsFor(handling),
		},
	};
}

function seen(record: Json, key: string, path: string): number | undefined {
	const value = optionalText(record, key, path);
	return value === undefined || value === "" ? undefined : isoMs(value, `${path}.${key}`);
}

/** Converts the event-level attribute at `path`; a deleted one is left out with a note. */
export function convertAttribute(context: EventContext, attribute: Json, path: string): void {
	const input = readAttribute(context, attribute, path);
	const where = `${path} (type '${input.type}')`;
	if (flag(attribute, "deleted") === true) {
		context.note(where, "deleted in MISP: not imported");
		return;
	}
	if (context.mainIdOf.has(input.common.uuid)) {
		context.note(
			where,
			`its uuid ${input.common.uuid} is another attribute's or object's of this event; not imported twice`,
		);
		return;
	}
	const made = attributeObjects(context, input, where);
	const main = made.find((object) => object.type === "indicator") ?? made[0];
	if (main === undefined) return;
	for (const object of made) context.add(object);
	context.madeFrom(
		input.common.uuid,
		main.id,
		made.map((object) => object.id),
	);
	attachGalaxies(context, main, records(attribute, "Galaxy", path), input.tags.galaxies, input.common, path);
	convertSightings(context, records(attribute, "Sighting", path), made, `${path}.Sighting`);
}

/** The objects of one attribute; a value its type's mapping cannot read, or one STIX refuses, is kept as a custom object. */
function attributeObjects(context: EventContext, input: AttributeInput, where: string): StixObject[] {
	const shape = attributeShape(input.type, input.value, input.common.uuid);
	const phase = input.category;
	let made: StixObject[] | undefined;
	let checked: readonly StixObject[] = [];
	if (shape?.kind === "observable") {
		const scos = markObservables(shape.scos, input.common.markingRefs);
		checked = scos;
		made = observableObjects(context, input, scos, shape.pattern);
	} else if (shape?.kind === "pattern" && (input.toIds || shape.always)) {
		made = [
			indicator(context, input.common, {
				pattern: shape.pattern,
				patternType: shape.patternType,
				phase,
				description: input.comment,
			}),
		];
	} else if (shape?.kind === "sdo") {
		made = [
			domainObject(context, shape.type, input.common, {
				...shape.properties,
				...(input.comment === undefined || input.comment === "" ? {} : { description: input.comment }),
			}),
		];
	}
	const refusal = made === undefined ? undefined : firstError(checked.length > 0 ? checked : made);
	if (made !== undefined && refusal === undefined) return made;
	context.note(
		where,
		refusal === undefined
			? shape === undefined
				? `no STIX 2.1 form for this type or value; kept as an x-misp-attribute`
				: "not for detection (to_ids false) and no observable form; kept as an x-misp-attribute"
			: `STIX refuses its conversion (${refusal}); kept as an x-misp-attribute`,
	);
	return [custom(context, input)];
}

/**
 * observed-data + observables, and when to_ids an indicator `based-on` it — or the indicator alone under
 * `indicatorsOnly` (its pattern still validated through the observables it quotes).
 */
function observableObjects(
	context: EventContext,
	input: AttributeInput,
	scos: StixObject[],
	pattern: string,
): StixObject[] {
	const detector = input.toIds
		? indicator(context, input.common, {
				pattern,
				patternType: "stix",
				phase: input.category,
				description: input.comment,
			})
		: undefined;
	if (detector !== undefined && context.indicatorsOnly) return [detector];
	const observed = observedData(
		context,
		input.common,
		scos.map((sco) => sco.id),
	);
	if (detector === undefined) return [observed, ...scos];
	const basedOn = relationship(
		context,
		{ source: detector.id, type: "based-on", target: observed.id },
		input.common.ms,
		input.common.markingRefs,
	);
	return [observed, ...scos, detector, basedOn];
}

function custom(context: EventContext, input: AttributeInput): StixObject {
	return customObject(context, "x-misp-attribute", input.common, {
		x_misp_value: input.value,
		x_misp_type: input.type,
		x_misp_category: input.category,
		...(input.comment === undefined || input.comment === "" ? {} : { x_misp_comment: input.comment }),
	});
}

/**
 * The first error STIX validation finds in `objects`, as "type path: message"; undefined when all are valid.
 * Callers pass what carries MISP's values as such (observables; a pattern or domain object made without one):
 * observed-data, relationships and an indicator whose pattern quotes an observable just validated are this
 * room's own shapes, held by the mapping tests — and ingest validates everything again.
 */
export function firstError(objects: readonly StixObject[]): string | undefined {
	for (const object of objects) {
		for (const issue of validateObject(object)) {
			if (issue.severity === "error") return `${object.type} ${issue.path}: ${issue.message}`;
		}
	}
	return undefined;
}
