// TLP 1.0 as built into STIX 2.1 (§7.2.1.4): four marking definitions whose ids every STIX tool knows.
import type { KnownMarking, MarkingDefinition } from "./known-marking.ts";

export const TLP1_LEVELS = ["white", "green", "amber", "red"] as const;
export type Tlp1Level = (typeof TLP1_LEVELS)[number];

const CREATED = "2017-01-20T00:00:00.000Z";

function tlp1(id: string, level: Tlp1Level): MarkingDefinition {
	return Object.freeze({
		type: "marking-definition",
		spec_version: "2.1",
		id,
		created: CREATED,
		definition_type: "tlp",
		name: `TLP:${level.toUpperCase()}`,
		definition: Object.freeze({ tlp: level }),
	});
}

/** The four TLP 1.0 marking-definition objects exactly as STIX 2.1 §7.2.1.4 gives them. */
export const TLP1_DEFINITIONS: Readonly<Record<Tlp1Level, MarkingDefinition>> = Object.freeze({
	white: tlp1("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white"),
	green: tlp1("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green"),
	amber: tlp1("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber"),
	red: tlp1("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red"),
});

/** TLP 1.0 markings in catalogue form. */
export const TLP1_MARKINGS: readonly KnownMarking[] = TLP1_LEVELS.map((level) => ({
	kind: "tlp1",
	level,
	id: TLP1_DEFINITIONS[level].id,
	name: TLP1_DEFINITIONS[level].name,
}));
