// MISP sightings (0 seen, 1 false positive, 2 expiration) → STIX sightings of what the attribute became (D49's kinds).
import type { StixObject } from "../../stix/core.ts";
import type { EventContext } from "./context.ts";
import { isRecord, type Json, optionalText, text, uuidOf } from "./read.ts";
import { epochMs, stamp } from "./time.ts";

/** D49's properties for a sighting that is not a detection (intel/sightings/kind.ts writes the same). */
const KIND_PROPERTIES: Readonly<Record<string, Record<string, unknown>>> = {
	"0": {},
	"1": { x_entente_sighting_kind: "false-positive", x_opencti_negative: true },
	"2": { x_entente_sighting_kind: "expired", x_opencti_negative: true },
};

/** Adds a `sighting` per MISP sighting of an attribute that became `made`, with the organisation that saw it. */
export function convertSightings(
	context: EventContext,
	sightings: readonly Json[],
	made: readonly StixObject[],
	path: string,
): void {
	const detector = made.find((object) => object.type === "indicator");
	const observed = made.find((object) => object.type === "observed-data");
	const target = detector ?? observed ?? made[0];
	if (target === undefined) return;
	sightings.forEach((sighting, index) => {
		const at = `${path}[${index}]`;
		const type = optionalText(sighting, "type", at) ?? "0";
		const kind = KIND_PROPERTIES[type];
		if (kind === undefined) {
			context.note(at, `sighting type ${JSON.stringify(type)} is not one of MISP's (0, 1, 2); not imported`);
			return;
		}
		const when =
			sighting.date_sighting === undefined
				? context.eventMs
				: epochMs(sighting.date_sighting, `${at}.date_sighting`);
		const organisation = sighting.Organisation;
		const where = isRecord(organisation)
			? identityOf(context, organisation, `${at}.Organisation`, when)
			: undefined;
		const source = optionalText(sighting, "source", at);
		const object: StixObject = {
			type: "sighting",
			spec_version: "2.1",
			id: `sighting--${uuidOf(sighting, at)}`,
			...(context.createdByRef === undefined ? {} : { created_by_ref: context.createdByRef }),
			created: stamp(when),
			modified: stamp(when),
			first_seen: stamp(when),
			last_seen: stamp(when),
			count: 1,
			sighting_of_ref: target.id,
			...(detector !== undefined && observed !== undefined ? { observed_data_refs: [observed.id] } : {}),
			...(where === undefined ? {} : { where_sighted_refs: [where] }),
			...(source === undefined || source === "" ? {} : { description: source }),
			...kind,
			...(target.object_marking_refs === undefined
				? {}
				: { object_marking_refs: [...target.object_marking_refs] }),
		};
		context.add(object);
	});
}

/** `identity--<organisation uuid>`, added once per event. */
export function identityOf(context: EventContext, organisation: Json, path: string, ms: number): string {
	const id = `identity--${uuidOf(organisation, path)}`;
	if (!context.has(id))
		context.add(
			{
				type: "identity",
				spec_version: "2.1",
				id,
				created: stamp(ms),
				modified: stamp(ms),
				name: text(organisation, "name", path),
				identity_class: "organization",
			},
			false,
		);
	return id;
}
