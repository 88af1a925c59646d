// The category of every STIX 2.1 type name, as literal lists the validator and others can share.

export const SDO_TYPES = [
	"attack-pattern",
	"campaign",
	"course-of-action",
	"grouping",
	"identity",
	"incident",
	"indicator",
	"infrastructure",
	"intrusion-set",
	"location",
	"malware",
	"malware-analysis",
	"note",
	"observed-data",
	"opinion",
	"report",
	"threat-actor",
	"tool",
	"vulnerability",
] as const;

export const SCO_TYPES = [
	"artifact",
	"autonomous-system",
	"directory",
	"domain-name",
	"email-addr",
	"email-message",
	"file",
	"ipv4-addr",
	"ipv6-addr",
	"mac-addr",
	"mutex",
	"network-traffic",
	"process",
	"software",
	"url",
	"user-account",
	"windows-registry-key",
	"x509-certificate",
] as const;

export const SRO_TYPES = ["relationship", "sighting"] as const;
export const META_TYPES = ["language-content", "marking-definition", "extension-definition"] as const;

export type SdoType = (typeof SDO_TYPES)[number];
export type ScoType = (typeof SCO_TYPES)[number];
export type SroType = (typeof SRO_TYPES)[number];
export type MetaType = (typeof META_TYPES)[number];
export type ObjectCategory = "sdo" | "sco" | "sro" | "meta";
