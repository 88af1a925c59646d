// Building blocks shared by every STIX 2.1 object type (§2 data types, §3.2 common properties).

/** An identifier `type--UUID` (§2.9); the template narrows it to the referenced type. */
export type Identifier<T extends string = string> = `${T}--${string}`;

/** An RFC 3339 UTC timestamp, `YYYY-MM-DDTHH:MM:SS[.s+]Z` (§2.14). */
export type Timestamp = string;

/** Hashes (§2.7): algorithm name → digest. */
export type Hashes = Partial<
	Record<"MD5" | "SHA-1" | "SHA-256" | "SHA-512" | "SHA3-256" | "SHA3-512" | "SSDEEP" | "TLSH", string>
> &
	Record<string, string>;

/** §2.5 external-reference. */
export interface ExternalReference {
	source_name: string;
	description?: string;
	url?: string;
	hashes?: Hashes;
	external_id?: string;
}

/** §2.8 kill-chain-phase. */
export interface KillChainPhase {
	kill_chain_name: string;
	phase_name: string;
}

/** §7.2.3 granular marking: a marking (or a language) applied to the properties the selectors name. */
export interface GranularMarking {
	selectors: string[];
	marking_ref?: Identifier<"marking-definition">;
	lang?: string;
}

/** §3.2 extension instance keyed by an extension-definition id (§7.3) or a predefined `*-ext` name. */
export interface ExtensionInstance {
	extension_type?: ExtensionType;
	[property: string]: unknown;
}

export const EXTENSION_TYPES = [
	"new-sdo",
	"new-sco",
	"new-sro",
	"property-extension",
	"toplevel-property-extension",
] as const;
export type ExtensionType = (typeof EXTENSION_TYPES)[number];

/** Properties every STIX object may carry. Custom properties stay open (`x_…`). */
export interface BaseObject {
	type: string;
	id: Identifier;
	spec_version?: "2.1";
	object_marking_refs?: Identifier<"marking-definition">[];
	granular_markings?: GranularMarking[];
	extensions?: Record<string, ExtensionInstance | object>;
	[custom: `x_${string}`]: unknown;
}

/** Common properties of SDOs and SROs (§3.2): versioned, attributed, markable. */
export interface DomainObjectBase extends BaseObject {
	spec_version: "2.1";
	created: Timestamp;
	modified: Timestamp;
	created_by_ref?: Identifier<"identity">;
	revoked?: boolean;
	labels?: string[];
	confidence?: number;
	lang?: string;
	external_references?: ExternalReference[];
}

/** Common properties of SCOs (§3.2, §6): unversioned, optionally defanged. */
export interface CyberObservableBase extends BaseObject {
	defanged?: boolean;
}
