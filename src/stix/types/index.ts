// Public face of the STIX 2.1 object model: one TypeScript type per object, grouped by category.
export type { Bundle, DomainObject, MetaObject, RelationshipObject, StixCoreObject } from "./bundle.ts";
export type { MetaType, ObjectCategory, ScoType, SdoType, SroType } from "./categories.ts";
export { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES } from "./categories.ts";
export type {
	BaseObject,
	CyberObservableBase,
	DomainObjectBase,
	ExtensionInstance,
	ExtensionType,
	ExternalReference,
	GranularMarking,
	Hashes,
	Identifier,
	KillChainPhase,
	Timestamp,
} from "./common.ts";
export { EXTENSION_TYPES } from "./common.ts";
export type { ExtensionDefinition, LanguageContent, MarkingDefinition, TlpLevel } from "./meta.ts";
export type * from "./sco.ts";
export { ENCRYPTION_ALGORITHMS } from "./sco.ts";
export type * from "./sco-parts.ts";
export {
	INTEGRITY_LEVELS,
	REGISTRY_DATA_TYPES,
	SERVICE_START_TYPES,
	SERVICE_STATUSES,
	SERVICE_TYPES,
	SOCKET_ADDRESS_FAMILIES,
	SOCKET_TYPES,
} from "./sco-parts.ts";
export {
	SCO_COMMON_PROPERTIES,
	SCO_EXTENSIONS,
	SCO_PROPERTIES,
	type ScoCommonProperty,
	type ScoExtensionName,
	type ScoExtensionOwner,
	type ScoExtensionProperty,
	type ScoProperty,
} from "./sco-properties.ts";
export type * from "./sdo.ts";
export type * from "./sdo-context.ts";
export { OPINION_VALUES } from "./sdo-context.ts";
export type * from "./sro.ts";
