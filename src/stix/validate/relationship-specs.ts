// Property tables of the STIX Relationship Objects (§5) and Meta Objects (§7).
import { DOMAIN_COMMON, DOMAIN_REQUIRED, MARKING_COMMON } from "./common-properties.ts";
import { checkMarkingDefinition } from "./marking-definition.ts";
import {
	bool,
	dict,
	list,
	type ObjectSpec,
	pattern,
	range,
	refs,
	str,
	strings,
	timestamp,
} from "./property-spec.ts";
import { timeOrder } from "./rules.ts";
import { EXTENSION_TYPE } from "./vocabularies.ts";

/** §5.1: relationships join SDOs, SCOs and custom objects, never SROs, meta objects or bundles. */
const NOT_RELATABLE = [
	"relationship",
	"sighting",
	"bundle",
	"marking-definition",
	"language-content",
	"extension-definition",
];
const relatable = { t: "ref", notTo: NOT_RELATABLE } as const;
const versioned = timeOrder("created", "modified");

export const SRO_SPECS: Readonly<Record<string, ObjectSpec>> = {
	relationship: {
		name: "",
		category: "sro",
		properties: {
			...DOMAIN_COMMON,
			relationship_type: pattern(/^[a-z0-9-]+$/, "lowercase letters, digits and hyphens"),
			description: str,
			source_ref: relatable,
			target_ref: relatable,
			start_time: timestamp,
			stop_time: timestamp,
		},
		required: [...DOMAIN_REQUIRED, "relationship_type", "source_ref", "target_ref"],
		rules: [versioned, timeOrder("start_time", "stop_time", true)],
	},
	sighting: {
		name: "",
		category: "sro",
		properties: {
			...DOMAIN_COMMON,
			description: str,
			first_seen: timestamp,
			last_seen: timestamp,
			count: range("integer", 0, 999_999_999),
			sighting_of_ref: relatable,
			observed_data_refs: refs("observed-data"),
			where_sighted_refs: refs("identity", "location"),
			summary: bool,
		},
		required: [...DOMAIN_REQUIRED, "sighting_of_ref"],
		rules: [versioned, timeOrder("first_seen", "last_seen")],
	},
};

export const META_SPECS: Readonly<Record<string, ObjectSpec>> = {
	"language-content": {
		name: "",
		category: "meta",
		properties: {
			...DOMAIN_COMMON,
			object_ref: { t: "ref", notTo: ["bundle", "language-content"] },
			object_modified: { t: "timestamp", millis: true },
			contents: dict(dict()),
		},
		required: [...DOMAIN_REQUIRED, "object_ref", "contents"],
		rules: [versioned],
	},
	"marking-definition": {
		name: "",
		category: "meta",
		properties: { ...MARKING_COMMON, name: str, definition_type: str, definition: { t: "any" } },
		required: ["type", "spec_version", "id", "created"],
		rules: [checkMarkingDefinition],
	},
	"extension-definition": {
		name: "",
		category: "meta",
		properties: {
			...DOMAIN_COMMON,
			name: str,
			description: str,
			schema: str,
			version: str,
			extension_types: list(EXTENSION_TYPE),
			extension_properties: strings,
		},
		required: [...DOMAIN_REQUIRED, "created_by_ref", "name", "schema", "version", "extension_types"],
		rules: [
			versioned,
			(object, walk) => {
				const types = object.extension_types;
				if (
					object.extension_properties !== undefined &&
					Array.isArray(types) &&
					!types.includes("toplevel-property-extension")
				) {
					walk.error(
						"conflict",
						"extension_properties is only for toplevel-property-extension definitions",
						"extension_properties",
					);
				}
			},
		],
	},
};
