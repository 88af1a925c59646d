// The STIX objects every MISP attribute and object turns into: observed-data, indicator, the based-on
// relationship between them, and the custom object for what has no STIX form — written as misp-stix writes them.
import type { StixObject } from "../../stix/core.ts";
import type { EventContext } from "./context.ts";
import { relationshipId } from "./ids.ts";

/** When an attribute or object was made and seen (ms), and what it is labelled and marked with. */
export interface Common {
	uuid: string;
	ms: number;
	firstSeenMs: number | undefined;
	lastSeenMs: number | undefined;
	labels: readonly string[];
	markingRefs: readonly string[];
}

function authored(context: EventContext, type: string, common: Common): StixObject {
	return {
		type,
		spec_version: "2.1",
		id: `${type}--${common.uuid}`,
		...(context.createdByRef === undefined ? {} : { created_by_ref: context.createdByRef }),
		created: context.stamps.full(common.ms),
		modified: context.stamps.full(common.ms),
	};
}

function marked(object: StixObject, refs: readonly string[]): StixObject {
	if (refs.length > 0) object.object_marking_refs = [...refs];
	return object;
}

export function observedData(
	context: EventContext,
	common: Common,
	objectRefs: readonly string[],
): StixObject {
	const first = common.firstSeenMs ?? common.ms;
	const last = common.lastSeenMs !== undefined && common.lastSeenMs >= first ? common.lastSeenMs : first;
	const object = authored(context, "observed-data", common);
	object.first_observed = context.stamps.seconds(first);
	object.last_observed = context.stamps.seconds(last);
	object.number_observed = 1;
	object.object_refs = [...objectRefs];
	object.labels = [...common.labels];
	return marked(object, common.markingRefs);
}

export function indicator(
	context: EventContext,
	common: Common,
	pattern: { pattern: string; patternType: string; phase: string; description: string | undefined },
): StixObject {
	const object = authored(context, "indicator", common);
	if (pattern.description !== undefined && pattern.description !== "")
		object.description = pattern.description;
	object.pattern = pattern.pattern;
	object.pattern_type = pattern.patternType;
	if (pattern.patternType === "stix") object.pattern_version = "2.1";
	const from = common.firstSeenMs ?? common.ms;
	object.valid_from = context.stamps.seconds(from);
	if (common.lastSeenMs !== undefined && common.lastSeenMs > from)
		object.valid_until = context.stamps.seconds(common.lastSeenMs);
	object.kill_chain_phases = [{ kill_chain_name: "misp-category", phase_name: pattern.phase }];
	object.labels = [...common.labels];
	return marked(object, common.markingRefs);
}

/** A relationship under misp-stix's id for it (uuid5 of its ends and type). */
export function relationship(
	context: EventContext,
	ends: { source: string; type: string; target: string },
	ms: number,
	markingRefs: readonly string[],
): StixObject {
	const object: StixObject = {
		type: "relationship",
		spec_version: "2.1",
		id: relationshipId(ends.source, ends.type, ends.target),
		created: context.stamps.full(ms),
		modified: context.stamps.full(ms),
		relationship_type: ends.type,
		source_ref: ends.source,
		target_ref: ends.target,
	};
	return marked(object, markingRefs);
}

/** A domain object of `type` (campaign, vulnerability…) under the attribute's uuid. */
export function domainObject(
	context: EventContext,
	type: string,
	common: Common,
	properties: Record<string, unknown>,
): StixObject {
	const object = authored(context, type, common);
	Object.assign(object, properties);
	object.labels = [...common.labels];
	return marked(object, common.markingRefs);
}

/** `x-misp-attribute` / `x-misp-object`: MISP's own custom objects, keeping what STIX has no form for. */
export function customObject(
	context: EventContext,
	type: "x-misp-attribute" | "x-misp-object",
	common: Common,
	properties: Record<string, unknown>,
): StixObject {
	const object = authored(context, type, common);
	object.labels = [...common.labels];
	Object.assign(object, properties);
	return marked(object, common.markingRefs);
}

/** Marks observables (SCOs carry object_marking_refs in STIX 2.1 too). */
export function markObservables(scos: readonly StixObject[], refs: readonly string[]): StixObject[] {
	return scos.map((sco) => marked(sco, refs));
}
