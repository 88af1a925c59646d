// Threat actors, malware, attack patterns and the other SDOs MISP knows as galaxy clusters (misp-stix's
// stix21_to_misp_galaxies.json and external_stix21_to_misp_galaxies.json). The cluster's uuid is the SDO's, so the
// same actor named by two events is one cluster.
import type { StixObject } from "../../stix/core.ts";
import { uuidV5In } from "../../stix/ids/index.ts";
import { noteLeftovers, uuidOf } from "./leftovers.ts";
import type { ConversionNote, MispGalaxy, MispGalaxyCluster } from "./misp-json.ts";
import { labelsOf, mispLabel } from "./tags.ts";

/** The SDO types that become galaxy clusters. */
export const GALAXY_TYPES: ReadonlySet<string> = new Set([
	"attack-pattern",
	"campaign",
	"course-of-action",
	"intrusion-set",
	"malware",
	"threat-actor",
	"tool",
	"vulnerability",
]);

const GALAXY_NAMESPACE = "0f3ed8a6-55a7-4bd2-8e0f-2a0b8c6b5f51";
const galaxyUuid = uuidV5In(GALAXY_NAMESPACE);

const READ = ["name", "description", "aliases", "external_references", "kill_chain_phases"];

/** An SDO as its galaxy (one cluster in it). Properties with no place in a cluster are noted at `path`. */
export function galaxyOf(sdo: StixObject, path: string, notes: ConversionNote[]): MispGalaxy {
	const type = mispLabel(sdo, "galaxy-type") ?? `stix-2.1-${sdo.type}`;
	const name = mispLabel(sdo, "galaxy-name") ?? `STIX 2.1 ${titleOf(sdo.type)}`;
	const meta: Record<string, string[]> = {};
	const add = (key: string, values: readonly string[]): void => {
		if (values.length > 0) meta[key] = [...(meta[key] ?? []), ...values];
	};
	add("synonyms", strings(sdo.aliases));
	const references = Array.isArray(sdo.external_references) ? sdo.external_references : [];
	add(
		"external_id",
		references.flatMap((reference: { external_id?: unknown }) => strings([reference.external_id])),
	);
	add(
		"refs",
		references.flatMap((reference: { url?: unknown }) => strings([reference.url])),
	);
	const phases = Array.isArray(sdo.kill_chain_phases) ? sdo.kill_chain_phases : [];
	add(
		"kill_chain",
		phases.flatMap((phase: { kill_chain_name?: unknown; phase_name?: unknown }) =>
			strings([`${String(phase.kill_chain_name)}:${String(phase.phase_name)}`]),
		),
	);
	const custom = Object.keys(sdo).filter((key) => key.startsWith("x_misp_"));
	for (const key of custom) add(key.slice("x_misp_".length).replaceAll("_", "-"), strings([sdo[key]].flat()));
	// Any other property of plain values (is_family, revoked, x_mitre_platforms…) keeps its STIX name as a meta key,
	// so an importer can give it back under that name; structured ones are noted.
	const plain = Object.keys(sdo).filter(
		(key) =>
			!READ.includes(key) &&
			!custom.includes(key) &&
			!ALWAYS_NOTED.has(key) &&
			plainValues(sdo[key]) !== undefined,
	);
	for (const key of plain) add(key, plainValues(sdo[key]) ?? []);
	if (
		references.some((reference: Record<string, unknown>) =>
			Object.keys(reference).some((key) => !["source_name", "external_id", "url"].includes(key)),
		)
	) {
		notes.push({
			path: `${path}.external_references`,
			reason: "a galaxy cluster keeps external ids and URLs only",
		});
	}
	noteLeftovers(sdo, [...READ, ...custom, ...plain], path, "a MISP galaxy cluster", notes);
	if (labelsOf(sdo).some((label) => !label.startsWith("misp:"))) {
		notes.push({
			path: `${path}.labels`,
			reason: "a galaxy cluster in an event carries no tags; its labels are not kept",
		});
	}
	const value = typeof sdo.name === "string" ? sdo.name : sdo.id;
	const cluster: MispGalaxyCluster = {
		uuid: uuidOf(sdo.id),
		type,
		value,
		description: typeof sdo.description === "string" ? sdo.description : "",
		tag_name: `misp-galaxy:${type}="${value}"`,
		meta,
	};
	return {
		uuid: galaxyUuid(type),
		name,
		type,
		namespace: type.startsWith("stix-2.1-") ? "stix" : "misp",
		description: name,
		GalaxyCluster: [cluster],
	};
}

/** Adds `galaxy`'s clusters to the list, one galaxy per type, each cluster once. */
export function mergeGalaxy(into: MispGalaxy[], galaxy: MispGalaxy): void {
	const same = into.find((existing) => existing.type === galaxy.type);
	if (same === undefined) {
		into.push(galaxy);
		return;
	}
	for (const cluster of galaxy.GalaxyCluster) {
		if (!same.GalaxyCluster.some((existing) => existing.uuid === cluster.uuid))
			same.GalaxyCluster.push(cluster);
	}
}

function titleOf(type: string): string {
	return type
		.split("-")
		.map((word) => (word.length === 0 ? word : word[0]?.toUpperCase() + word.slice(1)))
		.join(" ");
}

/** Read for every object elsewhere (ids, versions, markings, labels): never copied into meta. */
const ALWAYS_NOTED = new Set([
	"type",
	"id",
	"spec_version",
	"created",
	"modified",
	"object_marking_refs",
	"granular_markings",
	"labels",
	"created_by_ref",
]);

/** A value of plain strings, numbers or booleans (one, or a list) as strings; undefined for anything structured. */
function plainValues(value: unknown): string[] | undefined {
	const list = Array.isArray(value) ? value : [value];
	if (list.length === 0) return undefined;
	const out: string[] = [];
	for (const item of list) {
		if (typeof item !== "string" && typeof item !== "number" && typeof item !== "boolean") return undefined;
		out.push(String(item));
	}
	return out;
}

function strings(values: unknown): string[] {
	return Array.isArray(values) ? values.filter((value): value is string => typeof value === "string") : [];
}
