// Relationships and sightings, placed once every event is filled: a relationship from a MISP object becomes its
// object reference, one between two galaxy clusters a cluster relation, one from an attribute to a cluster the
// attribute's galaxy; a sighting of an attribute becomes its sighting.
import type { StixObject } from "../../stix/core.ts";
import { relationshipId } from "../to-stix/ids.ts";
import type { EventBuilder } from "./event-builder.ts";
import { GALAXY_TYPES, galaxyOf, mergeGalaxy } from "./galaxies.ts";
import { epochSeconds, noteLeftovers, uuidOf } from "./leftovers.ts";
import type { ConversionNote, MispSighting } from "./misp-json.ts";

const RELATIONSHIP_READ = ["relationship_type", "source_ref", "target_ref", "description"];
const SIGHTING_READ = [
	"sighting_of_ref",
	"where_sighted_refs",
	"first_seen",
	"last_seen",
	"count",
	"description",
];

/** Places one relationship in the event its source went to, or notes why it cannot be kept. */
export function placeRelationship(
	relationship: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	placed: ReadonlyMap<string, EventBuilder>,
	notes: ConversionNote[],
): void {
	const path = relationship.id;
	const source = String(relationship.source_ref ?? "");
	const target = String(relationship.target_ref ?? "");
	const type = String(relationship.relationship_type ?? "related-to");
	// misp-stix's own pair: an attribute's indicator based on its observed-data, both one attribute in MISP.
	if (type === "based-on" && uuidOf(source) === uuidOf(target)) return;
	const builder = placed.get(source);
	if (builder === undefined) {
		notes.push({ path, reason: `its source ${source} is in no event; not kept` });
		return;
	}
	noteLeftovers(relationship, RELATIONSHIP_READ, path, "a MISP reference", notes);
	const object = builder.objects.get(uuidOf(source));
	if (object !== undefined) {
		object.ObjectReference.push({
			uuid: uuidOf(relationship.id),
			object_uuid: object.uuid,
			referenced_uuid: uuidOf(target),
			relationship_type: type,
			...(typeof relationship.description === "string" ? { comment: relationship.description } : {}),
		});
		return;
	}
	const targetObject = byId.get(target);
	const attribute = builder.attributes.get(uuidOf(source));
	if (attribute !== undefined && targetObject !== undefined && GALAXY_TYPES.has(targetObject.type)) {
		attribute.Galaxy ??= [];
		mergeGalaxy(attribute.Galaxy, galaxyOf(targetObject, target, []));
		notes.push({
			path,
			reason: `kept as ${target}'s galaxy cluster on the attribute; the relationship's id and type (${type}) are not`,
		});
		return;
	}
	if (builder.clusters.has(source) && targetObject !== undefined && GALAXY_TYPES.has(targetObject.type)) {
		const cluster = builder.event.Galaxy.flatMap((galaxy) => galaxy.GalaxyCluster).find(
			(one) => one.uuid === uuidOf(source),
		);
		if (cluster !== undefined) {
			cluster.GalaxyClusterRelation ??= [];
			cluster.GalaxyClusterRelation.push({
				referenced_galaxy_cluster_uuid: uuidOf(target),
				referenced_galaxy_cluster_type: type,
			});
			// MISP keeps no id for a cluster relation; the import names it by its ends and type, as misp-stix does.
			const backAs = relationshipId(source, type, target);
			if (backAs !== relationship.id)
				notes.push({
					path,
					reason: `kept as a galaxy cluster relation; MISP keeps no id for it, so it comes back as ${backAs}`,
				});
			return;
		}
	}
	notes.push({
		path,
		reason: "MISP references start from an object or a galaxy cluster; this source is an attribute; not kept",
	});
}

/** Adds one sighting to the attribute it sights, or notes why it cannot be kept. */
export function placeSighting(
	sighting: StixObject,
	byId: ReadonlyMap<string, StixObject>,
	placed: ReadonlyMap<string, EventBuilder>,
	notes: ConversionNote[],
): void {
	const path = sighting.id;
	const of = String(sighting.sighting_of_ref ?? "");
	const attribute = placed.get(of)?.attributes.get(uuidOf(of));
	if (attribute === undefined) {
		notes.push({ path, reason: `MISP sights attributes; ${of} is not one in any event; not kept` });
		return;
	}
	noteLeftovers(sighting, SIGHTING_READ, path, "a MISP sighting", notes);
	const where = Array.isArray(sighting.where_sighted_refs) ? sighting.where_sighted_refs : [];
	if (where.length > 1)
		notes.push({
			path: `${path}.where_sighted_refs`,
			reason: "a MISP sighting names one organisation; the first is kept",
		});
	if (typeof sighting.count === "number" && sighting.count > 1) {
		notes.push({ path: `${path}.count`, reason: "a MISP sighting is one sighting; the count is not kept" });
	}
	const made: MispSighting = {
		uuid: uuidOf(sighting.id),
		type: "0",
		date_sighting: epochSeconds(
			sighting.last_seen ?? sighting.first_seen ?? sighting.modified ?? sighting.created,
		),
		source: typeof sighting.description === "string" ? sighting.description : "",
	};
	const sighter = typeof where[0] === "string" ? byId.get(where[0]) : undefined;
	if (sighter !== undefined && typeof sighter.name === "string")
		made.Organisation = { name: sighter.name, uuid: uuidOf(sighter.id) };
	attribute.Sighting ??= [];
	attribute.Sighting.push(made);
}
