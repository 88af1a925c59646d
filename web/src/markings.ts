// How markings look: the node's pinned catalogue (TLP 1.0/2.0, PAP, handling codes) with FIRST's TLP colours.
import { classifyMarking } from "../../src/stix/markings/index.ts";

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

/** The chip for a marking-definition id; one the catalogue does not pin shows its id, shortened. */
export function markingLook(ref: string): MarkingLook {
	const known = classifyMarking(ref);
	if (known === undefined) {
		return {
			label: `marking ${ref.replace(/^marking-definition--/, "").slice(0, 8)}…`,
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
