// The bundle (§8): a transient wrapper for moving objects, itself not a STIX object.
import type { Identifier } from "./common.ts";
import type { ExtensionDefinition, LanguageContent, MarkingDefinition } from "./meta.ts";
import type { CyberObservable } from "./sco.ts";
import type {
	AttackPattern,
	Campaign,
	CourseOfAction,
	Infrastructure,
	IntrusionSet,
	Malware,
	ThreatActor,
	Tool,
	Vulnerability,
} from "./sdo.ts";
import type {
	Grouping,
	Identity,
	Incident,
	Indicator,
	Location,
	MalwareAnalysis,
	Note,
	ObservedData,
	Opinion,
	Report,
} from "./sdo-context.ts";
import type { Relationship, Sighting } from "./sro.ts";

/** Any of the 19 SDO types of STIX 2.1. */
export type DomainObject =
	| AttackPattern
	| Campaign
	| CourseOfAction
	| Grouping
	| Identity
	| Incident
	| Indicator
	| Infrastructure
	| IntrusionSet
	| Location
	| Malware
	| MalwareAnalysis
	| Note
	| ObservedData
	| Opinion
	| Report
	| ThreatActor
	| Tool
	| Vulnerability;

export type RelationshipObject = Relationship | Sighting;
export type MetaObject = LanguageContent | MarkingDefinition | ExtensionDefinition;

/** Any object type STIX 2.1 defines (custom types travel as `StixObject` from core.ts). */
export type StixCoreObject = DomainObject | RelationshipObject | CyberObservable | MetaObject;

export interface Bundle {
	type: "bundle";
	id: Identifier<"bundle">;
	objects?: Array<StixCoreObject | { type: string; id: string; [property: string]: unknown }>;
}
