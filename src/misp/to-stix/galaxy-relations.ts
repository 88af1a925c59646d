// GalaxyClusterRelations (a cluster `uses`, `mitigates`, is `revoked-by` another) → STIX relationships between
// the clusters' domain objects. MISP keeps no uuid for a cluster relation (its table holds the two cluster uuids,
// the type, distribution and tags), so the relationship is named as misp-stix names the relationships it mints:
// uuid5 of "<source> - <type> - <target>" — the same id in every event and every import (D53).

import { relationship } from "./build.ts";
import type { EventContext } from "./context.ts";
import { stixTypeOfGalaxy } from "./galaxies.ts";
import { relationshipId } from "./ids.ts";
import { DISTRIBUTION_TLP, strictest } from "./markings.ts";
import { type Json, optionalText, records, uuidOf } from "./read.ts";
import { readTags } from "./tags.ts";

const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface PendingRelation {
	sourceId: string;
	targetUuid: string;
	type: string;
	tlp: number;
	pap: number;
	path: string;
}

/** The clusters of one event by uuid, and their relations, resolved once every cluster has its STIX id. */
export class GalaxyRelations {
	readonly #idOf = new Map<string, string>();
	readonly #pending: PendingRelation[] = [];
	readonly #unread: { path: string; reason: string }[] = [];

	/**
	 * Records the clusters of `galaxy` (at `path`) that became domain objects and the relations they start; call it
	 * for every galaxy the event, its attributes and its objects carry, before `resolve`.
	 */
	read(galaxy: Json, path: string): void {
		const galaxyType = optionalText(galaxy, "type", path);
		records(galaxy, "GalaxyCluster", path).forEach((cluster, index) => {
			const clusterPath = `${path}.GalaxyCluster[${index}]`;
			const stixType = stixTypeOfGalaxy(optionalText(cluster, "type", clusterPath) ?? galaxyType ?? "");
			if (stixType === undefined) return; // the cluster itself is noted where it is converted
			const uuid = uuidOf(cluster, clusterPath);
			const sourceId = `${stixType}--${uuid}`;
			if (!this.#idOf.has(uuid)) this.#idOf.set(uuid, sourceId);
			records(cluster, "GalaxyClusterRelation", clusterPath).forEach((relation, at) => {
				const relationPath = `${clusterPath}.GalaxyClusterRelation[${at}]`;
				const tags = readTags(records(relation, "Tag", relationPath), `${relationPath}.Tag`);
				const distribution = optionalText(relation, "distribution", relationPath);
				const handling = strictest(tags.handling, {
					tlp: distribution === undefined ? -1 : (DISTRIBUTION_TLP[distribution] ?? -1),
					pap: -1,
				});
				const target = relation.referenced_galaxy_cluster_uuid;
				if (typeof target !== "string" || !HEX_UUID.test(target.toLowerCase())) {
					this.#unread.push({
						path: `${relationPath}.referenced_galaxy_cluster_uuid`,
						reason: "not a cluster uuid; the relation is not imported",
					});
					return;
				}
				this.#pending.push({
					sourceId,
					targetUuid: uuidOf({ uuid: target }, relationPath),
					type: optionalText(relation, "referenced_galaxy_cluster_type", relationPath) ?? "related-to",
					tlp: handling.tlp,
					pap: handling.pap,
					path: relationPath,
				});
			});
		});
	}

	/**
	 * Adds one relationship per relation whose target cluster is in the event, marked with the event's handling
	 * and the relation's own (distribution, tlp tags); one whose target is not is a note (MISP names the cluster by
	 * uuid alone, so its STIX type is unknown).
	 */
	resolve(context: EventContext): void {
		for (const { path, reason } of this.#unread) context.note(path, reason);
		for (const relation of this.#pending) {
			const target = this.#idOf.get(relation.targetUuid);
			if (target === undefined) {
				context.note(
					relation.path,
					`references galaxy cluster ${relation.targetUuid}, which is not in this event; not imported`,
				);
				continue;
			}
			const ends = { source: relation.sourceId, type: relation.type, target };
			if (context.has(relationshipId(ends.source, ends.type, ends.target))) continue;
			context.add(
				relationship(
					context,
					ends,
					context.eventMs,
					context.markingRefsFor({ tlp: relation.tlp, pap: relation.pap }),
				),
			);
		}
	}
}
