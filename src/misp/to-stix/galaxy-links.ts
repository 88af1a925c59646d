// Galaxies of an attribute or object: their domain objects, joined to what was made from it by a relationship.
import type { StixObject } from "../../stix/core.ts";
import { type Common, relationship } from "./build.ts";
import type { EventContext } from "./context.ts";
import { clusterObjects, tagObject } from "./galaxies.ts";
import type { Json } from "./read.ts";
import type { GalaxyTag } from "./tags.ts";

/**
 * Adds the domain objects of `galaxies` (clusters) and `tags` (misp-galaxy:… tags not already a cluster), each
 * joined to `main`: an indicator `indicates` it, anything else is `related-to` it.
 */
export function attachGalaxies(
	context: EventContext,
	main: StixObject,
	galaxies: readonly Json[],
	tags: readonly GalaxyTag[],
	common: Common,
	path: string,
): void {
	for (const target of galaxyObjects(context, galaxies, tags, path)) {
		context.add(target);
		const type = main.type === "indicator" ? "indicates" : "related-to";
		context.add(
			relationship(context, { source: main.id, type, target: target.id }, common.ms, common.markingRefs),
		);
	}
}

/** The domain objects of clusters and galaxy tags; a tag whose cluster is present is not made twice. */
export function galaxyObjects(
	context: EventContext,
	galaxies: readonly Json[],
	tags: readonly GalaxyTag[],
	path: string,
): StixObject[] {
	const made: StixObject[] = [];
	const clusterTags = new Set<string>();
	galaxies.forEach((galaxy, index) => {
		made.push(...clusterObjects(context, galaxy, `${path}.Galaxy[${index}]`));
		context.galaxyRelations.read(galaxy, `${path}.Galaxy[${index}]`);
		const clusters = galaxy.GalaxyCluster;
		if (Array.isArray(clusters))
			for (const cluster of clusters)
				if (typeof cluster?.tag_name === "string") clusterTags.add(cluster.tag_name as string);
	});
	for (const tag of tags) {
		if (clusterTags.has(tag.tag)) continue;
		const object = tagObject(tag);
		if (object === undefined)
			context.note(
				`${path}.Tag '${tag.tag}'`,
				`galaxy type '${tag.type}' has no STIX 2.1 object; kept as a label`,
			);
		else made.push(object);
	}
	return made;
}
