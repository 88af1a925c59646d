// A MISP Tag list read once: TLP/PAP handling, galaxy tags (misp-galaxy:type="value") and the rest as labels.
import { type Handling, NO_HANDLING, strictest, tagHandling } from "./markings.ts";
import { type Json, text } from "./read.ts";

/** A galaxy named by a tag alone, as MISP feeds write them (no GalaxyCluster with a uuid). */
export interface GalaxyTag {
	type: string;
	value: string;
	tag: string;
}

export interface TagReading {
	handling: Handling;
	/** Tags that are neither markings nor galaxies, as written. */
	labels: string[];
	galaxies: GalaxyTag[];
}

const GALAXY_TAG = /^misp-galaxy:([^=]+)="(.*)"$/s;

/** Reads `tags` (each `{ name }`); a tag without a name is an E_MISP_INVALID at its path. */
export function readTags(tags: readonly Json[], path: string): TagReading {
	let handling = NO_HANDLING;
	const labels: string[] = [];
	const galaxies: GalaxyTag[] = [];
	tags.forEach((tag, index) => {
		const name = text(tag, "name", `${path}[${index}]`);
		const asks = tagHandling(name);
		if (asks !== undefined) {
			handling = strictest(handling, asks);
			return;
		}
		const galaxy = GALAXY_TAG.exec(name);
		if (galaxy?.[1] !== undefined && galaxy[2] !== undefined)
			galaxies.push({ type: galaxy[1], value: galaxy[2], tag: name });
		else if (name.trim() !== "") labels.push(name);
	});
	return { handling, labels, galaxies };
}
