// MISP galaxies (clusters, or misp-galaxy:… tags) → STIX domain objects, after misp_galaxies_to_stix21.json.
import type { StixObject } from "../../stix/core.ts";
import { uuidV5 } from "../../stix/ids/index.ts";
import type { EventContext } from "./context.ts";
import { MISP_NAMESPACE } from "./ids.ts";
import { type Json, optionalText, records, text, uuidOf } from "./read.ts";
import type { GalaxyTag } from "./tags.ts";
import { stamp } from "./time.ts";

/** A galaxy's type → the STIX type its clusters become; undefined: no STIX equivalent (kept as a label). */
export function stixTypeOfGalaxy(type: string): string | undefined {
	const lower = type.toLowerCase();
	if (lower.includes("attack-pattern") || lower === "mitre-enterprise-attack-attack-pattern")
		return "attack-pattern";
	if (lower.includes("course-of-action")) return "course-of-action";
	if (lower.includes("intrusion-set")) return "intrusion-set";
	if (lower.includes("threat-actor") || lower === "microsoft-activity-group") return "threat-actor";
	if (lower.includes("vulnerability")) return "vulnerability";
	if (lower.includes("campaign")) return "campaign";
	if (lower.includes("tool")) return "tool";
	if (MALWARE_GALAXIES.has(lower) || lower.includes("malware")) return "malware";
	return undefined;
}

const MALWARE_GALAXIES = new Set([
	"malpedia",
	"android",
	"banker",
	"backdoor",
	"botnet",
	"ransomware",
	"rat",
	"stealer",
	"exploit-kit",
	"cryptominers",
]);

/** Tag-made galaxy objects have no version in MISP: one fixed time, so every event naming them agrees. */
const TAG_GALAXY_TIME = "2012-01-01T00:00:00.000Z";

interface ClusterInput {
	uuid: string;
	type: string;
	galaxyName: string | undefined;
	value: string;
	description: string | undefined;
	meta: Json;
	time: string;
}

/** The domain object of one cluster of `galaxy` at `path`, or undefined (with a note) when its type has none. */
export function clusterObjects(context: EventContext, galaxy: Json, path: string): StixObject[] {
	const type = text(galaxy, "type", path);
	const made: StixObject[] = [];
	records(galaxy, "GalaxyCluster", path).forEach((cluster, index) => {
		const clusterPath = `${path}.GalaxyCluster[${index}]`;
		const input: ClusterInput = {
			uuid: uuidOf(cluster, clusterPath),
			type: optionalText(cluster, "type", clusterPath) ?? type,
			galaxyName: optionalText(galaxy, "name", path),
			value: text(cluster, "value", clusterPath),
			description: optionalText(cluster, "description", clusterPath),
			meta: isJson(cluster.meta) ? cluster.meta : {},
			time: stamp(context.eventMs),
		};
		const object = galaxyObject(input);
		if (object === undefined)
			context.note(
				clusterPath,
				`galaxy type '${input.type}' has no STIX 2.1 object; kept as the label '${labelOf(input)}'`,
			);
		else made.push(object);
	});
	return made;
}

/** The domain object of a galaxy tag, under an id derived from the tag (the same in every event). */
export function tagObject(tag: GalaxyTag): StixObject | undefined {
	return galaxyObject({
		uuid: uuidV5(MISP_NAMESPACE, tag.tag),
		type: tag.type,
		galaxyName: undefined,
		value: tag.value,
		description: undefined,
		meta: {},
		time: TAG_GALAXY_TIME,
	});
}

function labelOf(input: ClusterInput): string {
	return `misp-galaxy:${input.type}="${input.value}"`;
}

const MITRE_ID = /^(.*) - ((?:T|TA|S|G|M|C)\d{4}(?:\.\d{3})?)$/;

function galaxyObject(input: ClusterInput): StixObject | undefined {
	const type = stixTypeOfGalaxy(input.type);
	if (type === undefined) return undefined;
	const named = MITRE_ID.exec(input.value);
	const name = named?.[1] ?? input.value;
	const externalId = named?.[2] ?? firstText(input.meta.external_id);
	const references: Record<string, string>[] = [];
	if (externalId !== undefined)
		references.push({ source_name: sourceOf(externalId, type), external_id: externalId });
	for (const url of texts(input.meta.refs)) references.push({ source_name: "url", url });
	const phases = texts(input.meta.kill_chain).flatMap((phase) => {
		const at = phase.indexOf(":");
		return at > 0 ? [{ kill_chain_name: phase.slice(0, at), phase_name: phase.slice(at + 1) }] : [];
	});
	return {
		type,
		spec_version: "2.1",
		id: `${type}--${input.uuid}`,
		created: input.time,
		modified: input.time,
		name,
		...(input.description === undefined || input.description === ""
			? {}
			: { description: input.description }),
		...(type === "malware" ? { is_family: true } : {}),
		...(phases.length > 0 && (type === "attack-pattern" || type === "malware" || type === "tool")
			? { kill_chain_phases: phases }
			: {}),
		labels: [
			...(input.galaxyName === undefined ? [] : [`misp:galaxy-name="${input.galaxyName}"`]),
			`misp:galaxy-type="${input.type}"`,
		],
		...(references.length > 0 ? { external_references: references } : {}),
	};
}

function sourceOf(externalId: string, type: string): string {
	if (/^CVE-/i.test(externalId)) return "cve";
	if (/^CAPEC-/i.test(externalId)) return "capec";
	return type === "vulnerability" ? "cve" : "mitre-attack";
}

function isJson(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function texts(value: unknown): string[] {
	if (typeof value === "string") return [value];
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function firstText(value: unknown): string | undefined {
	return texts(value)[0];
}
