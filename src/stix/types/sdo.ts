// STIX Domain Objects, part 1 (§4): adversaries, their tools and behaviour.
import type { DomainObjectBase, Identifier, KillChainPhase, Timestamp } from "./common.ts";

export interface AttackPattern extends DomainObjectBase {
	type: "attack-pattern";
	name: string;
	description?: string;
	aliases?: string[];
	kill_chain_phases?: KillChainPhase[];
}

export interface Campaign extends DomainObjectBase {
	type: "campaign";
	name: string;
	description?: string;
	aliases?: string[];
	first_seen?: Timestamp;
	last_seen?: Timestamp;
	objective?: string;
}

export interface CourseOfAction extends DomainObjectBase {
	type: "course-of-action";
	name: string;
	description?: string;
}

export interface Infrastructure extends DomainObjectBase {
	type: "infrastructure";
	name: string;
	description?: string;
	infrastructure_types?: string[];
	aliases?: string[];
	kill_chain_phases?: KillChainPhase[];
	first_seen?: Timestamp;
	last_seen?: Timestamp;
}

export interface IntrusionSet extends DomainObjectBase {
	type: "intrusion-set";
	name: string;
	description?: string;
	aliases?: string[];
	first_seen?: Timestamp;
	last_seen?: Timestamp;
	goals?: string[];
	resource_level?: string;
	primary_motivation?: string;
	secondary_motivations?: string[];
}

export interface Malware extends DomainObjectBase {
	type: "malware";
	is_family: boolean;
	name?: string;
	description?: string;
	malware_types?: string[];
	aliases?: string[];
	kill_chain_phases?: KillChainPhase[];
	first_seen?: Timestamp;
	last_seen?: Timestamp;
	operating_system_refs?: Identifier<"software">[];
	architecture_execution_envs?: string[];
	implementation_languages?: string[];
	capabilities?: string[];
	sample_refs?: Identifier<"file" | "artifact">[];
}

export interface ThreatActor extends DomainObjectBase {
	type: "threat-actor";
	name: string;
	description?: string;
	threat_actor_types?: string[];
	aliases?: string[];
	first_seen?: Timestamp;
	last_seen?: Timestamp;
	roles?: string[];
	goals?: string[];
	sophistication?: string;
	resource_level?: string;
	primary_motivation?: string;
	secondary_motivations?: string[];
	personal_motivations?: string[];
}

export interface Tool extends DomainObjectBase {
	type: "tool";
	name: string;
	description?: string;
	tool_types?: string[];
	aliases?: string[];
	kill_chain_phases?: KillChainPhase[];
	tool_version?: string;
}

export interface Vulnerability extends DomainObjectBase {
	type: "vulnerability";
	name: string;
	description?: string;
}
