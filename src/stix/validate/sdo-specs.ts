// Property tables of the 19 STIX Domain Objects (§4).
import { SCO_TYPES, SDO_TYPES } from "../types/categories.ts";
import { DOMAIN_COMMON, DOMAIN_REQUIRED, KILL_CHAIN_PHASE } from "./common-properties.ts";
import { checkIndicatorPattern } from "./indicator-pattern.ts";
import {
	anyRefs,
	bool,
	list,
	nested,
	type ObjectRule,
	type ObjectSpec,
	type PropSpec,
	range,
	ref,
	refs,
	str,
	strings,
	timestamp,
} from "./property-spec.ts";
import { exclusive, requires, timeOrder, when } from "./rules.ts";
import * as V from "./vocabularies.ts";
import type { Walk } from "./walk.ts";

function sdo(
	properties: Record<string, PropSpec>,
	required: readonly string[],
	rules: readonly ObjectRule[] = [],
	atLeastOne?: readonly string[],
): ObjectSpec {
	return {
		name: "",
		category: "sdo",
		properties: { ...DOMAIN_COMMON, ...properties },
		required: [...DOMAIN_REQUIRED, ...required],
		rules: [timeOrder("created", "modified"), ...rules],
		...(atLeastOne === undefined ? {} : { atLeastOne }),
	};
}

const killChainPhases = list(nested(KILL_CHAIN_PHASE));
const listOf = (spec: PropSpec): PropSpec => list(spec);
const seen = { first_seen: timestamp, last_seen: timestamp };
const seenOrder = timeOrder("first_seen", "last_seen");

export const SDO_SPECS: Readonly<Record<string, ObjectSpec>> = {
	"attack-pattern": sdo(
		{ name: str, description: str, aliases: strings, kill_chain_phases: killChainPhases },
		["name"],
	),
	campaign: sdo(
		{ name: str, description: str, aliases: strings, ...seen, objective: str },
		["name"],
		[seenOrder],
	),
	"course-of-action": sdo({ name: str, description: str }, ["name"]),
	grouping: sdo({ name: str, description: str, context: V.GROUPING_CONTEXT, object_refs: anyRefs }, [
		"context",
		"object_refs",
	]),
	identity: sdo(
		{
			name: str,
			description: str,
			roles: strings,
			identity_class: V.IDENTITY_CLASS,
			sectors: listOf(V.INDUSTRY_SECTOR),
			contact_information: str,
		},
		["name"],
	),
	incident: sdo({ name: str, description: str, kill_chain_phases: killChainPhases }, ["name"]),
	indicator: sdo(
		{
			name: str,
			description: str,
			indicator_types: listOf(V.INDICATOR_TYPE),
			pattern: str,
			pattern_type: V.PATTERN_TYPE,
			pattern_version: str,
			valid_from: timestamp,
			valid_until: timestamp,
			kill_chain_phases: killChainPhases,
		},
		["pattern", "pattern_type", "valid_from"],
		[timeOrder("valid_from", "valid_until", true), checkIndicatorPattern],
	),
	infrastructure: sdo(
		{
			name: str,
			description: str,
			infrastructure_types: listOf(V.INFRASTRUCTURE_TYPE),
			aliases: strings,
			kill_chain_phases: killChainPhases,
			...seen,
		},
		["name"],
		[seenOrder],
	),
	"intrusion-set": sdo(
		{
			name: str,
			description: str,
			aliases: strings,
			...seen,
			goals: strings,
			resource_level: V.ATTACK_RESOURCE_LEVEL,
			primary_motivation: V.ATTACK_MOTIVATION,
			secondary_motivations: listOf(V.ATTACK_MOTIVATION),
		},
		["name"],
		[seenOrder],
	),
	location: sdo(
		{
			name: str,
			description: str,
			latitude: range("number", -90, 90),
			longitude: range("number", -180, 180),
			precision: range("number", 0),
			region: V.REGION,
			country: str,
			administrative_area: str,
			city: str,
			street_address: str,
			postal_code: str,
		},
		[],
		[checkLocation],
	),
	malware: sdo(
		{
			name: str,
			description: str,
			malware_types: listOf(V.MALWARE_TYPE),
			is_family: bool,
			aliases: strings,
			kill_chain_phases: killChainPhases,
			...seen,
			operating_system_refs: refs("software"),
			architecture_execution_envs: listOf(V.PROCESSOR_ARCHITECTURE),
			implementation_languages: listOf(V.IMPLEMENTATION_LANGUAGE),
			capabilities: listOf(V.MALWARE_CAPABILITIES),
			sample_refs: refs("file", "artifact"),
		},
		["is_family"],
		[seenOrder, when((object) => object.is_family === true, requires("is_family", "name"))],
	),
	"malware-analysis": sdo(
		{
			product: str,
			version: str,
			host_vm_ref: ref("software"),
			operating_system_ref: ref("software"),
			installed_software_refs: refs("software"),
			configuration_version: str,
			modules: strings,
			analysis_engine_version: str,
			analysis_definition_version: str,
			submitted: timestamp,
			analysis_started: timestamp,
			analysis_ended: timestamp,
			result_name: str,
			result: V.MALWARE_RESULT,
			analysis_sco_refs: refs(...SCO_TYPES),
			sample_ref: ref("file", "artifact", "network-traffic"),
		},
		["product"],
		[timeOrder("analysis_started", "analysis_ended")],
		["result", "analysis_sco_refs"],
	),
	note: sdo({ abstract: str, content: str, authors: strings, object_refs: anyRefs }, [
		"content",
		"object_refs",
	]),
	"observed-data": sdo(
		{
			first_observed: timestamp,
			last_observed: timestamp,
			number_observed: range("integer", 1, 999_999_999),
			objects: { t: "any" },
			object_refs: { t: "list", of: { t: "ref", notTo: SDO_TYPES } },
		},
		["first_observed", "last_observed", "number_observed"],
		[timeOrder("first_observed", "last_observed"), exclusive("objects", "object_refs")],
		["objects", "object_refs"],
	),
	opinion: sdo({ explanation: str, authors: strings, opinion: V.OPINION, object_refs: anyRefs }, [
		"opinion",
		"object_refs",
	]),
	report: sdo(
		{
			name: str,
			description: str,
			report_types: listOf(V.REPORT_TYPE),
			published: timestamp,
			object_refs: anyRefs,
		},
		["name", "published", "object_refs"],
	),
	"threat-actor": sdo(
		{
			name: str,
			description: str,
			threat_actor_types: listOf(V.THREAT_ACTOR_TYPE),
			aliases: strings,
			...seen,
			roles: listOf(V.THREAT_ACTOR_ROLE),
			goals: strings,
			sophistication: V.THREAT_ACTOR_SOPHISTICATION,
			resource_level: V.ATTACK_RESOURCE_LEVEL,
			primary_motivation: V.ATTACK_MOTIVATION,
			secondary_motivations: listOf(V.ATTACK_MOTIVATION),
			personal_motivations: listOf(V.ATTACK_MOTIVATION),
		},
		["name"],
		[seenOrder],
	),
	tool: sdo(
		{
			name: str,
			description: str,
			tool_types: listOf(V.TOOL_TYPE),
			aliases: strings,
			kill_chain_phases: killChainPhases,
			tool_version: str,
		},
		["name"],
	),
	vulnerability: sdo({ name: str, description: str }, ["name"]),
};

/** §4.11: region, country, or latitude+longitude; the coordinates come as a pair; precision needs them. */
function checkLocation(object: Record<string, unknown>, walk: Walk): void {
	const hasLat = object.latitude !== undefined;
	const hasLong = object.longitude !== undefined;
	if (object.region === undefined && object.country === undefined && !(hasLat && hasLong)) {
		walk.error("required-one-of", "location requires region, country, or latitude and longitude");
	}
	if (hasLat !== hasLong)
		walk.error("required", "latitude and longitude come together", hasLat ? "longitude" : "latitude");
	if (object.precision !== undefined && !(hasLat && hasLong)) {
		walk.error("required", "precision requires latitude and longitude", hasLat ? "longitude" : "latitude");
	}
}
