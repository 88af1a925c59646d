// Specs of the common properties (§3.2) and of the nested types every object may carry (§2.5, §2.8, §7.2.3).
import type { ScoCommonProperty } from "../types/index.ts";
import {
	bool,
	hashes,
	list,
	type NestedSpec,
	nested,
	type PropSpec,
	pattern,
	range,
	ref,
	refs,
	str,
	strings,
	timestamp,
	url,
} from "./property-spec.ts";

const CVE_ID = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;
const CAPEC_ID = /^CAPEC-\d+$/;

/** §2.5: cve and capec entries carry their ids; any other entry needs one of description, url, external_id. */
export const EXTERNAL_REFERENCE: NestedSpec = {
	name: "external-reference",
	properties: { source_name: str, description: str, url, hashes, external_id: str },
	required: ["source_name"],
	rules: [
		(object, walk) => {
			const source = object.source_name;
			const id = object.external_id;
			const known = source === "cve" ? CVE_ID : source === "capec" ? CAPEC_ID : undefined;
			if (known === undefined) {
				if (object.description === undefined && object.url === undefined && id === undefined) {
					walk.error("required-one-of", "an external reference needs one of description, url or external_id");
				}
				// The schemas reserve CVE and CAPEC ids to their own source names.
				if (typeof id === "string" && (CVE_ID.test(id) || CAPEC_ID.test(id))) {
					walk.error(
						"format",
						`external_id ${id} belongs to source_name ${id.startsWith("CVE") ? "cve" : "capec"}`,
						"external_id",
					);
				}
			} else if (id === undefined) {
				walk.error("required", `source_name ${String(source)} requires external_id`, "external_id");
			} else if (typeof id === "string" && !known.test(id)) {
				walk.error("format", `external_id must be a ${String(source).toUpperCase()} id`, "external_id");
			}
		},
	],
};

export const KILL_CHAIN_PHASE: NestedSpec = {
	name: "kill-chain-phase",
	properties: { kill_chain_name: str, phase_name: str },
	required: ["kill_chain_name", "phase_name"],
};

/** A property name, then `.name` (a property, or a dictionary key such as `hashes.SHA-256`) or `.[n]` steps. */
const SELECTOR = /^([a-z0-9_-]{3,249}(\.(\[\d+\]|[A-Za-z0-9_-]{1,250}))*|id)$/;

/** §7.2.3: selectors plus exactly one of marking_ref and lang. Selector resolution is `granular-markings.ts`. */
export const GRANULAR_MARKING: NestedSpec = {
	name: "granular-marking",
	properties: {
		selectors: list(pattern(SELECTOR, "a selector (property, then .name or .[index] steps)")),
		marking_ref: ref("marking-definition"),
		lang: { t: "lang" },
	},
	required: ["selectors"],
	rules: [
		(object, walk) => {
			const hasRef = object.marking_ref !== undefined;
			if (hasRef && object.lang !== undefined)
				walk.error("exclusive", "lang must not be present with marking_ref", "lang");
			else if (!hasRef && object.lang === undefined)
				walk.error("required-one-of", "a granular marking needs marking_ref or lang");
		},
	],
};

/** Handled by dedicated code (id, type, spec_version, extensions), listed so they count as defined. */
const handled: PropSpec = { t: "any" };

const markingProperties = {
	object_marking_refs: refs("marking-definition"),
	granular_markings: list(nested(GRANULAR_MARKING)),
	extensions: handled,
} as const;

/** Common properties of SDOs, SROs, language-content and extension-definition. */
export const DOMAIN_COMMON: Readonly<Record<string, PropSpec>> = {
	type: handled,
	spec_version: handled,
	id: handled,
	created_by_ref: ref("identity"),
	created: { t: "timestamp", millis: true },
	modified: { t: "timestamp", millis: true },
	revoked: bool,
	labels: strings,
	confidence: range("integer", 0, 100),
	lang: { t: "lang" },
	external_references: list(nested(EXTERNAL_REFERENCE)),
	defanged: bool,
	...markingProperties,
};

export const DOMAIN_REQUIRED = ["type", "spec_version", "id", "created", "modified"] as const;

/** Common properties of SCOs (the names stix/types lists): no versioning, no attribution, optional spec_version. */
export const OBSERVABLE_COMMON: { readonly [P in ScoCommonProperty]: PropSpec } = {
	type: handled,
	spec_version: handled,
	id: handled,
	defanged: bool,
	...markingProperties,
};

/** Common properties of marking definitions: created but never modified. */
export const MARKING_COMMON: Readonly<Record<string, PropSpec>> = {
	type: handled,
	spec_version: handled,
	id: handled,
	created_by_ref: ref("identity"),
	created: timestamp,
	external_references: list(nested(EXTERNAL_REFERENCE)),
	defanged: bool,
	...markingProperties,
};
