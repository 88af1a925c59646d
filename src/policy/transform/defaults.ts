// Which properties a treatment touches when a rule names none, and how each property's value is shaped.
import type { Treatment } from "../model.ts";
import type { PseudonymKind } from "./pseudonym.ts";

/**
 * The personal data of each type when a rule gives no `fields` (PersonalDataRule: "absent means the
 * identifying value(s) of the type"). Reference properties here carry the treatment on to the
 * objects they point at (e.g. pseudonymise an e-mail's recipients).
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
	"ipv4-addr": ["value"],
	"ipv6-addr": ["value"],
	"mac-addr": ["value"],
	"domain-name": ["value"],
	url: ["value"],
	"email-addr": ["value", "display_name"],
	"user-account": ["user_id", "account_login", "display_name"],
	"email-message": ["to_refs", "cc_refs", "bcc_refs", "body", "body_multipart"],
	"network-traffic": ["src_ref", "dst_ref"],
	identity: ["name", "contact_information"],
	sighting: ["where_sighted_refs"],
	location: ["street_address", "city", "postal_code", "latitude", "longitude"],
};

/** Free text per type for `scrub` without fields; `description` is scrubbed on every type. */
export const FREE_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
	url: ["value"],
	process: ["command_line"],
	directory: ["path"],
	note: ["abstract", "content"],
	opinion: ["explanation"],
	"email-message": ["subject", "body"],
	identity: ["contact_information"],
};

/** The fields a treatment applies to on an object of `type` when the rule names none. */
export function defaultFields(treatment: Treatment, type: string): readonly string[] | undefined {
	if (treatment === "scrub") return ["description", ...(FREE_TEXT_FIELDS[type] ?? [])];
	return PERSONAL_FIELDS[type];
}

/** Location properties that `coarsen` keeps: the country and region, never finer. */
export const COARSE_LOCATION_FIELDS = new Set(["country", "region"]);

/** Location properties that `coarsen` removes (anything finer than a country or region). */
export const FINE_LOCATION_FIELDS = [
	"name",
	"description",
	"street_address",
	"city",
	"postal_code",
	"administrative_area",
	"latitude",
	"longitude",
	"precision",
] as const;

/** Properties an object cannot lose and stay valid (common ones for all, then per type). */
const ALWAYS_REQUIRED = ["type", "id", "spec_version", "created", "modified"];
export const REQUIRED_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
	"ipv4-addr": ["value"],
	"ipv6-addr": ["value"],
	"mac-addr": ["value"],
	"domain-name": ["value"],
	url: ["value"],
	"email-addr": ["value"],
	directory: ["path"],
	mutex: ["name"],
	"autonomous-system": ["number"],
	"network-traffic": ["protocols"],
	identity: ["name"],
	indicator: ["pattern", "pattern_type", "valid_from"],
	relationship: ["relationship_type", "source_ref", "target_ref"],
	sighting: ["sighting_of_ref"],
	report: ["name", "published", "object_refs"],
	grouping: ["context", "object_refs"],
	note: ["content", "object_refs"],
	opinion: ["opinion", "object_refs"],
	"observed-data": ["first_observed", "last_observed", "number_observed", "object_refs"],
};

/** True when losing the top-level property `name` would leave an invalid `type` object. */
export function isRequired(type: string, name: string): boolean {
	return ALWAYS_REQUIRED.includes(name) || (REQUIRED_PROPERTIES[type]?.includes(name) ?? false);
}

/** The pseudonym format for a property of a type: typed values keep their type, the rest are text. */
export function pseudonymKind(type: string, property: string): PseudonymKind {
	if (property !== "value") return "text";
	switch (type) {
		case "ipv4-addr":
			return "ipv4";
		case "ipv6-addr":
			return "ipv6";
		case "email-addr":
			return "email";
		case "mac-addr":
			return "mac";
		case "domain-name":
			return "domain";
		case "url":
			return "url";
		default:
			return "text";
	}
}

/** Treatments that replace a value by another that stands for it (so mentions elsewhere follow). */
export function isValueReplacing(treatment: Treatment): boolean {
	return treatment === "pseudonymise" || treatment === "generalise" || treatment === "coarsen";
}
