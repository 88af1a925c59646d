// The one table of STIX reference properties (`*_ref`, `*_refs`), read off the validator's specs: every
// SDO, SRO, SCO and meta type, their nested types (MIME parts …) and the SCOs' predefined extensions.
import type { NestedSpec, PropSpec } from "../validate/property-spec.ts";
import { META_SPECS, SRO_SPECS } from "../validate/relationship-specs.ts";
import { PREDEFINED_EXTENSIONS } from "../validate/sco-extensions.ts";
import { SCO_SPECS } from "../validate/sco-specs.ts";
import { SDO_SPECS } from "../validate/sdo-specs.ts";

/** One reference property of a type, where it sits and what its holder needs of it. */
export interface ReferenceProperty {
	/**
	 * Dotted path from the top of the object; lists along the way are walked (`body_multipart.body_raw_ref`
	 * is the `body_raw_ref` of every MIME part), extensions by name (`extensions.archive-ext.contains_refs`).
	 */
	readonly path: string;
	/** The property's own name (the path's last step). */
	readonly name: string;
	/** A list of ids (`*_refs`) rather than one id. */
	readonly many: boolean;
	/** The holder (the object, or the nested object at the path's parent) is invalid without it. */
	readonly required: boolean;
	/** The holder must keep at least one of these properties, this one among them (`src_ref`, `dst_ref`). */
	readonly oneOf?: readonly string[];
	/** Types the spec allows it to name; absent: any. */
	readonly to?: readonly string[];
}

function referenceOf(spec: PropSpec): { many: boolean; to?: readonly string[] } | undefined {
	if (spec.t === "ref") return spec.to === undefined ? { many: false } : { many: false, to: spec.to };
	if (spec.t === "list" && spec.of.t === "ref")
		return spec.of.to === undefined ? { many: true } : { many: true, to: spec.of.to };
	return undefined;
}

/** The nested spec a property holds (a nested object, or a list of them), if any. */
function nestedOf(spec: PropSpec): NestedSpec | undefined {
	if (spec.t === "object") return spec.spec;
	if (spec.t === "list") return nestedOf(spec.of);
	return undefined;
}

function collect(spec: NestedSpec, prefix: string, out: ReferenceProperty[]): void {
	for (const [name, property] of Object.entries(spec.properties)) {
		const path = prefix === "" ? name : `${prefix}.${name}`;
		const reference = referenceOf(property);
		if (reference !== undefined) {
			const oneOf = spec.atLeastOne?.includes(name) === true ? spec.atLeastOne : undefined;
			out.push({
				path,
				name,
				many: reference.many,
				required: spec.required?.includes(name) === true,
				...(oneOf === undefined ? {} : { oneOf }),
				...(reference.to === undefined ? {} : { to: reference.to }),
			});
			continue;
		}
		const nested = nestedOf(property);
		if (nested !== undefined) collect(nested, path, out);
	}
}

function buildTable(): ReadonlyMap<string, readonly ReferenceProperty[]> {
	const table = new Map<string, readonly ReferenceProperty[]>();
	const specs: Readonly<Record<string, NestedSpec>> = {
		...SDO_SPECS,
		...SCO_SPECS,
		...SRO_SPECS,
		...META_SPECS,
	};
	for (const [type, spec] of Object.entries(specs)) {
		const out: ReferenceProperty[] = [];
		collect(spec, "", out);
		for (const [extension, extensionSpec] of Object.entries(PREDEFINED_EXTENSIONS[type] ?? {}))
			collect(extensionSpec, `extensions.${extension}`, out);
		table.set(type, out);
	}
	return table;
}

/**
 * Every reference property of every STIX 2.1 type, by type: derived from the validator's specs, so a
 * property the validator knows is a reference is one here, and no list of names is kept twice.
 * Custom properties and custom extensions are not in it: see `forEachReference` for how they are found.
 */
export const REFERENCE_PROPERTIES: ReadonlyMap<string, readonly ReferenceProperty[]> = buildTable();

const BY_PATH: ReadonlyMap<string, ReadonlyMap<string, ReferenceProperty>> = new Map(
	[...REFERENCE_PROPERTIES].map(([type, list]) => [type, new Map(list.map((p) => [p.path, p]))]),
);

/**
 * The spec's reference property of `type` at `path` (list steps omitted), or undefined for a custom one.
 * @example referenceProperty("network-traffic", "src_ref")?.oneOf // ["src_ref", "dst_ref"]
 */
export function referenceProperty(type: string, path: string): ReferenceProperty | undefined {
	return BY_PATH.get(type)?.get(path);
}
