// STIX Meta Objects (§7): translations, data markings and extension definitions.
import type { BaseObject, ExtensionType, ExternalReference, Identifier, Timestamp } from "./common.ts";

export interface LanguageContent extends BaseObject {
	type: "language-content";
	spec_version: "2.1";
	created: Timestamp;
	modified: Timestamp;
	created_by_ref?: Identifier<"identity">;
	revoked?: boolean;
	labels?: string[];
	confidence?: number;
	external_references?: ExternalReference[];
	object_ref: Identifier;
	object_modified?: Timestamp;
	/** language tag → property name → translated text (or list/object of them). */
	contents: Record<string, Record<string, unknown>>;
}

export type TlpLevel = "white" | "green" | "amber" | "red";

/** §7.2.1. Never versioned: there is no `modified`. */
export interface MarkingDefinition extends BaseObject {
	type: "marking-definition";
	spec_version: "2.1";
	created: Timestamp;
	created_by_ref?: Identifier<"identity">;
	external_references?: ExternalReference[];
	name?: string;
	definition_type?: string;
	definition?: { statement: string } | { tlp: TlpLevel } | Record<string, unknown>;
}

/** §7.3 extension-definition. */
export interface ExtensionDefinition extends BaseObject {
	type: "extension-definition";
	spec_version: "2.1";
	created: Timestamp;
	modified: Timestamp;
	created_by_ref: Identifier<"identity">;
	revoked?: boolean;
	labels?: string[];
	external_references?: ExternalReference[];
	name: string;
	description?: string;
	schema: string;
	version: string;
	extension_types: ExtensionType[];
	extension_properties?: string[];
}
