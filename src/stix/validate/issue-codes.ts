// The registry of validation issue codes: stable, documented, never reused (like AppError codes).

/**
 * Every code `validateObject` reports, with what it means. Codes are part of the contract: callers
 * match on them and tests assert them. Add new ones; never rename or reuse one.
 */
export const ISSUE_CODES = {
	"not-object": "the value is not a JSON object",
	required: "a required property is missing",
	"required-one-of": "none of a group of properties, one of which is required, is present",
	exclusive: "two properties that exclude each other are both present",
	conflict: "a property's value contradicts another property (e.g. is_active with end)",
	type: "a property has the wrong JSON type (string, integer, boolean, list, dictionary …)",
	"empty-list": "a list is empty; STIX forbids empty lists (omit the property instead)",
	"empty-dict": "a dictionary is empty",
	"dict-key": "a dictionary key is not 1–250 characters of a–z, A–Z, 0–9, '_' or '-'",
	range: "a number lies outside its allowed range",
	format: "a string does not have the format its property requires (pattern, hex, base64 …)",
	"hash-value": "a hash value does not fit its algorithm (e.g. MD5 is 32 hex digits)",
	timestamp: "not an RFC 3339 UTC timestamp YYYY-MM-DDTHH:MM:SS[.s+]Z",
	"timestamp-calendar": "a timestamp names a day that does not exist (e.g. 2021-02-30)",
	"timestamp-precision": "created/modified lack the required millisecond precision",
	"time-order": "two timestamps are in the wrong order (e.g. modified before created)",
	"id-format": "the object's id is not `type--UUID` with an RFC 4122 UUID",
	"id-type-mismatch": "the type part of the id differs from the object's type",
	"uuid-version": "an SDO/SRO/meta object id is not a UUIDv4 (the spec says SHOULD)",
	"sco-id-mismatch": "an SCO's UUIDv5 id differs from the one derived from its ID contributing properties",
	"ref-format": "a reference is not a `type--UUID` identifier",
	"ref-type": "a reference points to an object type the property does not allow",
	"type-name": "the type is not 3–250 characters of a–z, 0–9 and '-' (or is reserved)",
	"spec-version": 'spec_version is not "2.1"',
	enum: "a value is not in a closed enumeration (MUST)",
	vocab: "a value is not in an open vocabulary (SHOULD): a warning",
	lang: "not an RFC 5646 language tag",
	url: "not a URL (scheme followed by ':' and no whitespace)",
	"property-name": "a custom property name is not 3–250 characters of a–z, 0–9, '_' starting with a letter",
	"reserved-property": "a property name the spec reserves (severity, action, username, phone_numbers)",
	"not-allowed": "a property this kind of object must not carry (e.g. defanged on an SDO)",
	"custom-property-prefix": "a custom property does not start with x_ (SHOULD): a warning",
	"custom-object": "an object type STIX 2.1 does not define: only common properties are checked",
	extension: "an extensions entry is malformed (key, extension_type, or a predefined extension's content)",
	selector: "a granular marking selector does not resolve to a property of the object",
	tlp: "a TLP 1.0 marking definition differs from the one §7.2.1.4 defines",
	unversioned: "a marking definition carries versioning properties; marking definitions are never versioned",
	pattern: "the indicator's STIX pattern does not parse or breaks a patterning rule",
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;
