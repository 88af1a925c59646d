// The MISP JSON this folder writes: an event with its attributes, objects, tags, galaxies and sightings, typed as
// MISP's own feed files spell them (strings for numbers and timestamps, as MISP exports them).

export type { ConversionNote, MispEventJson } from "../types.ts";

export interface MispTag {
	name: string;
}

export interface MispSighting {
	uuid: string;
	/** "0" a sighting, "1" a false positive, "2" an expiration (MISP's own codes). */
	type: "0" | "1";
	date_sighting: string;
	source: string;
	Organisation?: MispOrg;
}

export interface MispOrg {
	name: string;
	uuid: string;
}

export interface MispAttribute {
	uuid: string;
	type: string;
	category: string;
	value: string;
	to_ids: boolean;
	timestamp: string;
	comment: string;
	distribution: "5";
	disable_correlation: boolean;
	object_relation?: string;
	first_seen?: string;
	last_seen?: string;
	Tag?: MispTag[];
	Galaxy?: MispGalaxy[];
	Sighting?: MispSighting[];
}

export interface MispObjectReference {
	uuid: string;
	object_uuid: string;
	referenced_uuid: string;
	relationship_type: string;
	comment?: string;
}

export interface MispObject {
	uuid: string;
	name: string;
	"meta-category": string;
	description: string;
	timestamp: string;
	comment: string;
	distribution: "5";
	first_seen?: string;
	last_seen?: string;
	Attribute: MispAttribute[];
	ObjectReference: MispObjectReference[];
}

export interface MispGalaxyClusterRelation {
	referenced_galaxy_cluster_uuid: string;
	referenced_galaxy_cluster_type: string;
}

export interface MispGalaxyCluster {
	uuid: string;
	type: string;
	value: string;
	description: string;
	/** The galaxy's own tag name, `misp-galaxy:{type}="{value}"`. */
	tag_name: string;
	meta: Record<string, string[]>;
	GalaxyClusterRelation?: MispGalaxyClusterRelation[];
}

export interface MispGalaxy {
	uuid: string;
	name: string;
	type: string;
	namespace: string;
	description: string;
	GalaxyCluster: MispGalaxyCluster[];
}

export interface MispEventReport {
	uuid: string;
	name: string;
	content: string;
	timestamp: string;
	distribution: "5";
}

export interface MispEvent {
	uuid: string;
	info: string;
	date: string;
	timestamp: string;
	publish_timestamp: string;
	published: boolean;
	analysis: "0" | "1" | "2";
	threat_level_id: "1" | "2" | "3" | "4";
	distribution: "0" | "1" | "2" | "3" | "5";
	Orgc: MispOrg;
	Tag: MispTag[];
	Attribute: MispAttribute[];
	Object: MispObject[];
	Galaxy: MispGalaxy[];
	EventReport: MispEventReport[];
}
