// TLP 2.0 (FIRST) as a STIX 2.1 extension: five marking definitions from oasis-open/cti-stix-common-objects.
import type { KnownMarking, MarkingDefinition } from "./known-marking.ts";

/** The TLP 2.0 extension definition; its property `tlp_2_0` holds the level. */
export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

export const TLP2_LEVELS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type Tlp2Level = (typeof TLP2_LEVELS)[number];

const CREATED = "2022-10-01T00:00:00.000Z";

function tlp2(id: string, level: Tlp2Level): MarkingDefinition {
	return Object.freeze({
		type: "marking-definition",
		spec_version: "2.1",
		id,
		created: CREATED,
		name: `TLP:${level.toUpperCase()}`,
		extensions: Object.freeze({
			[TLP2_EXTENSION_ID]: Object.freeze({ extension_type: "property-extension", tlp_2_0: level }),
		}),
	});
}

/**
 * The five TLP 2.0 marking definitions. They are not built into STIX: a bundle that uses one must
 * carry the object, which these constants let us add.
 */
export const TLP2_DEFINITIONS: Readonly<Record<Tlp2Level, MarkingDefinition>> = Object.freeze({
	clear: tlp2("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear"),
	green: tlp2("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green"),
	amber: tlp2("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber"),
	"amber+strict": tlp2("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict"),
	red: tlp2("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red"),
});

/** TLP 2.0 markings in catalogue form. */
export const TLP2_MARKINGS: readonly KnownMarking[] = TLP2_LEVELS.map((level) => ({
	kind: "tlp2",
	level,
	id: TLP2_DEFINITIONS[level].id,
	name: TLP2_DEFINITIONS[level].name,
}));
