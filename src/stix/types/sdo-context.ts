// STIX Domain Objects, part 2 (§4): who, where, what was seen, and analysts' context.
import type { DomainObjectBase, Identifier, KillChainPhase, Timestamp } from "./common.ts";
import type { CyberObservable } from "./sco.ts";

export interface Grouping extends DomainObjectBase {
	type: "grouping";
	name?: string;
	description?: string;
	context: string;
	object_refs: Identifier[];
}

export interface Identity extends DomainObjectBase {
	type: "identity";
	name: string;
	description?: string;
	roles?: string[];
	identity_class?: string;
	sectors?: string[];
	contact_information?: string;
}

export interface Incident extends DomainObjectBase {
	type: "incident";
	name: string;
	description?: string;
	kill_chain_phases?: KillChainPhase[];
}

export interface Indicator extends DomainObjectBase {
	type: "indicator";
	name?: string;
	description?: string;
	indicator_types?: string[];
	pattern: string;
	pattern_type: string;
	pattern_version?: string;
	valid_from: Timestamp;
	valid_until?: Timestamp;
	kill_chain_phases?: KillChainPhase[];
}

export interface Location extends DomainObjectBase {
	type: "location";
	name?: string;
	description?: string;
	latitude?: number;
	longitude?: number;
	precision?: number;
	region?: string;
	country?: string;
	administrative_area?: string;
	city?: string;
	street_address?: string;
	postal_code?: string;
}

export interface MalwareAnalysis extends DomainObjectBase {
	type: "malware-analysis";
	product: string;
	version?: string;
	host_vm_ref?: Identifier<"software">;
	operating_system_ref?: Identifier<"software">;
	installed_software_refs?: Identifier<"software">[];
	configuration_version?: string;
	modules?: string[];
	analysis_engine_version?: string;
	analysis_definition_version?: string;
	submitted?: Timestamp;
	analysis_started?: Timestamp;
	analysis_ended?: Timestamp;
	result_name?: string;
	result?: string;
	analysis_sco_refs?: Identifier[];
	sample_ref?: Identifier<"file" | "artifact" | "network-traffic">;
}

export interface Note extends DomainObjectBase {
	type: "note";
	abstract?: string;
	content: string;
	authors?: string[];
	object_refs: Identifier[];
}

export interface ObservedData extends DomainObjectBase {
	type: "observed-data";
	first_observed: Timestamp;
	last_observed: Timestamp;
	number_observed: number;
	/** Deprecated in 2.1 in favour of object_refs; exactly one of the two is present. */
	objects?: Record<string, CyberObservable>;
	object_refs?: Identifier[];
}

export const OPINION_VALUES = [
	"strongly-disagree",
	"disagree",
	"neutral",
	"agree",
	"strongly-agree",
] as const;

export interface Opinion extends DomainObjectBase {
	type: "opinion";
	explanation?: string;
	authors?: string[];
	opinion: (typeof OPINION_VALUES)[number];
	object_refs: Identifier[];
}

export interface Report extends DomainObjectBase {
	type: "report";
	name: string;
	description?: string;
	report_types?: string[];
	published: Timestamp;
	object_refs: Identifier[];
}
