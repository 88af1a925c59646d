// Law-enforcement handling codes H0–H3 (as used on Europol's secure exchange) as Entente statement markings.
import type { KnownMarking, MarkingDefinition } from "./known-marking.ts";

export const HANDLING_CODES = ["h0", "h1", "h2", "h3"] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

/** What each code obliges the recipient to do. */
export const HANDLING_MEANINGS: Readonly<Record<HandlingCode, string>> = Object.freeze({
	h0: "H0: use only to prevent and combat crime within the legal mandate",
	h1: "H1: not to be disclosed in judicial proceedings without the provider's permission",
	h2: "H2: not to be disseminated further without the provider's permission",
	h3: "H3: other restrictions, stated in text",
});

/**
 * No public STIX ids exist for handling codes, so Entente pins its own (random UUIDv4, fixed here
 * forever) and publishes them as statement marking definitions; peers learn them from the objects.
 */
export const HANDLING_IDS: Readonly<Record<HandlingCode, string>> = Object.freeze({
	h0: "marking-definition--fe049790-cadd-4c91-b2a7-f1ac73c379e9",
	h1: "marking-definition--33bcc58c-4fcf-4a09-a3dc-ce9daf9bdecf",
	h2: "marking-definition--65358fe6-9c8b-4c08-9c56-a66d45662a01",
	h3: "marking-definition--2534fb03-d285-492f-9eb5-9e482335aecf",
});

/** The marking-definition objects that carry the handling codes. */
export const HANDLING_DEFINITIONS: Readonly<Record<HandlingCode, MarkingDefinition>> = Object.freeze({
	h0: handlingDefinition("h0"),
	h1: handlingDefinition("h1"),
	h2: handlingDefinition("h2"),
	h3: handlingDefinition("h3"),
});

function handlingDefinition(code: HandlingCode): MarkingDefinition {
	return Object.freeze({
		type: "marking-definition",
		spec_version: "2.1",
		id: HANDLING_IDS[code],
		created: "2025-01-01T00:00:00.000Z",
		name: code.toUpperCase(),
		definition_type: "statement",
		definition: Object.freeze({ statement: HANDLING_MEANINGS[code] }),
	});
}

/** Handling codes in catalogue form. */
export const HANDLING_MARKINGS: readonly KnownMarking[] = HANDLING_CODES.map((code) => ({
	kind: "handling",
	level: code,
	id: HANDLING_IDS[code],
	name: code.toUpperCase(),
}));
