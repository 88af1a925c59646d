// STIX Relationship Objects (§5): typed edges between objects, and sightings.
import type { DomainObjectBase, Identifier, Timestamp } from "./common.ts";

export interface Relationship extends DomainObjectBase {
	type: "relationship";
	relationship_type: string;
	description?: string;
	source_ref: Identifier;
	target_ref: Identifier;
	start_time?: Timestamp;
	stop_time?: Timestamp;
}

export interface Sighting extends DomainObjectBase {
	type: "sighting";
	description?: string;
	first_seen?: Timestamp;
	last_seen?: Timestamp;
	count?: number;
	sighting_of_ref: Identifier;
	observed_data_refs?: Identifier<"observed-data">[];
	where_sighted_refs?: Identifier<"identity" | "location">[];
	summary?: boolean;
}
