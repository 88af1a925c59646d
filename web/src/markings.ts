// How markings look: the node's pinned catalogue (TLP 1.0/2.0, PAP, handling codes) with FIRST's TLP colours.
import {
	classifyMarking,
	classifyMarkingDefinition,
	IEP_EXTENSION_ID,
} from "../../src/stix/markings/index.ts";

export interface MarkingLook {
	label: string;
	/** Text colour; TLP and PAP labels are coloured text on black, as FIRST's TLP 2.0 standard prescribes. */
	color: string;
	background: string;
	/** What the marking is, for the tooltip. */
	description: string;
	/** For sorting: TLP first, then PAP, then the rest. */
	rank: number;
}

/** FIRST TLP 2.0 colours (RGB), also used for PAP levels of the same name. */
const LEVEL_COLOURS: Readonly<Record<string, string>> = {
	red: "#FF2B2B",
	"amber+strict": "#FFC000",
	amber: "#FFC000",
	green: "#33FF00",
	clear: "#FFFFFF",
	white: "#FFFFFF",
};

const KIND_NAMES: Readonly<Record<string, string>> = {
	tlp1: "Traffic Light Protocol 1.0",
	tlp2: "Traffic Light Protocol 2.0",
	pap: "Permissible Actions Protocol",
	handling: "law-enforcement handling code",
};

const KIND_RANK: Readonly<Record<string, number>> = { tlp2: 0, tlp1: 0, pap: 1, handling: 2 };

/**
 * The chip for a marking-definition id. One the catalogue does not pin (a statement, an IEP, a custom marking) is
 * named by its definition (`definitionLabel`), which the caller fetches; until then, or when the node does not
 * release it, it reads "marking", never its id (the id is in the tooltip).
 */
export function markingLook(ref: string): MarkingLook {
	const known = classifyMarking(ref);
	if (known === undefined) {
		return {
			label: "marking",
			color: "#1a1b1e",
			background: "#e9ecef",
			description: `${ref} (a marking definition this catalogue does not pin: statement, IEP, or custom)`,
			rank: 3,
		};
	}
	const colour = LEVEL_COLOURS[known.level];
	return {
		label: known.name,
		color: colour ?? "#FFFFFF",
		background: colour === undefined ? "#495057" : "#000000",
		description: `${known.name}: ${KIND_NAMES[known.kind] ?? known.kind}`,
		rank: KIND_RANK[known.kind] ?? 3,
	};
}

/** Marking refs of an object, TLP first. */
export function sortedMarkings(refs: readonly string[] | undefined): string[] {
	return [...(refs ?? [])].sort((a, b) => markingLook(a).rank - markingLook(b).rank);
}

/** True when `ref` is a marking the catalogue pins (TLP, PAP, handling codes): named without its definition. */
export function isPinnedMarking(ref: string): boolean {
	return classifyMarking(ref) !== undefined;
}

/** Words of a statement enough to tell it apart: its first five, or 40 characters, with "…" when cut. */
export function firstWords(text: string, words = 5, characters = 40): string {
	const all = text.trim().split(/\s+/);
	let shown = all.slice(0, words).join(" ");
	if (shown.length > characters) shown = shown.slice(0, characters).trimEnd();
	return shown.length < text.trim().length ? `${shown}…` : shown;
}

/**
 * What a marking definition is called: a pinned marking's name, an IEP's name, a statement's first words, else
 * the definition's own `name`; undefined when it says nothing that names it.
 * @example definitionLabel({ type: "marking-definition", id, definition_type: "statement",
 *   definition: { statement: "Copyright 2026 ACME, all rights reserved" } }) // "Copyright 2026 ACME, all rights…"
 */
export function definitionLabel(object: unknown): string | undefined {
	const classified = classifyMarkingDefinition(object);
	const name = (object as { name?: unknown }).name;
	const own = typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
	switch (classified.kind) {
		case "known":
			return classified.marking.name;
		case "statement":
			return own ?? firstWords(classified.statement);
		case "iep":
			return `IEP: ${classified.policy?.name ?? iepName(object) ?? own ?? "unnamed policy"}`;
		case "suspicious":
			return own === undefined ? undefined : `${own} (unverified)`;
		case "unknown":
			return own;
	}
}

/** The name an IEP extension gives, even when the rest of the policy does not validate. */
function iepName(object: unknown): string | undefined {
	const extensions = (object as { extensions?: Record<string, { name?: unknown } | undefined> }).extensions;
	const name = extensions?.[IEP_EXTENSION_ID]?.name;
	return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}
