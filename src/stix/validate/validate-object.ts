// Validates one STIX 2.1 object against the specification and reports every issue with its path.
import type { ValidationIssue } from "../core.ts";
import { checkAtLeastOne, checkValue, isPlainObject } from "./check-value.ts";
import { DOMAIN_COMMON, DOMAIN_REQUIRED, OBSERVABLE_COMMON } from "./common-properties.ts";
import { checkCustomProperty } from "./custom-properties.ts";
import { checkExtensions, hasToplevelExtension } from "./extensions.ts";
import { isTypeName } from "./formats.ts";
import { checkSelectors } from "./granular-markings.ts";
import { checkObjectId } from "./object-id.ts";
import type { ObjectSpec, PropSpec } from "./property-spec.ts";
import { META_SPECS, SRO_SPECS } from "./relationship-specs.ts";
import { timeOrder } from "./rules.ts";
import { SCO_SPECS } from "./sco-specs.ts";
import { SDO_SPECS } from "./sdo-specs.ts";
import { Walk } from "./walk.ts";

interface CompiledSpec {
	readonly spec: ObjectSpec;
	readonly properties: ReadonlyMap<string, PropSpec>;
	readonly custom: boolean;
}

function compile(spec: ObjectSpec, custom = false): CompiledSpec {
	return { spec, properties: new Map(Object.entries(spec.properties)), custom };
}

const SPECS: ReadonlyMap<string, CompiledSpec> = new Map(
	Object.entries({ ...SDO_SPECS, ...SCO_SPECS, ...SRO_SPECS, ...META_SPECS }).map(([type, spec]) => [
		type,
		compile({ ...spec, name: type }),
	]),
);

/** Custom types get the common properties of the kind they look like (§11.2 custom objects). */
const CUSTOM_DOMAIN = compile(
	{
		name: "custom object",
		category: "sdo",
		properties: DOMAIN_COMMON,
		required: DOMAIN_REQUIRED,
		rules: [timeOrder("created", "modified")],
	},
	true,
);
const CUSTOM_OBSERVABLE = compile(
	{ name: "custom observable", category: "sco", properties: OBSERVABLE_COMMON, required: ["type", "id"] },
	true,
);

/** True when `type` is one of the object types STIX 2.1 defines. */
export function isKnownType(type: string): boolean {
	return SPECS.has(type);
}

/**
 * Validates one STIX 2.1 object and returns every issue found (empty when valid), each with a
 * JSONPath-like path, a stable code (see ISSUE_CODES) and a severity. Errors make the object
 * invalid; warnings (open vocabularies, custom names, id derivation) do not.
 * @example validateObject({ type: "ipv4-addr", id: "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", value: "198.51.100.3" }) // []
 */
export function validateObject(object: unknown): ValidationIssue[] {
	const walk = new Walk();
	if (!isPlainObject(object)) {
		walk.error("not-object", "a STIX object must be a JSON object");
		return walk.issues;
	}
	const type = object.type;
	let compiled: CompiledSpec | undefined;
	if (typeof type !== "string") {
		walk.error(type === undefined ? "required" : "type", "type is required and must be a string", "type");
	} else {
		compiled = SPECS.get(type);
		if (compiled === undefined && !isTypeName(type)) {
			walk.error("type-name", `"${type}" is not a valid type name`, "type");
		}
	}
	if (compiled === undefined) {
		compiled =
			object.created !== undefined || object.modified !== undefined ? CUSTOM_DOMAIN : CUSTOM_OBSERVABLE;
		if (typeof type === "string") {
			walk.warn(
				"custom-object",
				`"${type}" is not a STIX 2.1 type; only its common properties are checked`,
				"type",
			);
		}
	}
	checkObject(object, typeof type === "string" ? type : "", compiled, walk);
	return walk.issues;
}

function checkObject(
	object: Record<string, unknown>,
	type: string,
	compiled: CompiledSpec,
	walk: Walk,
): void {
	const { spec, properties } = compiled;
	const observable = spec.category === "sco";
	if (type !== "") checkObjectId(object, type, observable, walk);
	const specVersion = object.spec_version;
	if (specVersion !== undefined && specVersion !== "2.1") {
		walk.error(
			"spec-version",
			`spec_version must be "2.1", not ${JSON.stringify(specVersion)}`,
			"spec_version",
		);
	}
	if (spec.required !== undefined) {
		for (const name of spec.required) {
			if (object[name] === undefined && name !== "id" && name !== "type") {
				walk.error("required", `${spec.name} requires ${name}`, name);
			}
		}
	}
	const expectPrefix = !compiled.custom && !hasToplevelExtension(object.extensions);
	for (const key in object) {
		const property = properties.get(key);
		const value = object[key];
		if (property === undefined) {
			checkCustomProperty(key, value, expectPrefix, walk);
		} else if (property.t !== "any") {
			walk.enter(key);
			checkValue(property, value, walk);
			walk.leave();
		}
	}
	if (object.defanged !== undefined && !observable) {
		walk.error("not-allowed", "defanged is only for SCOs", "defanged");
	}
	if (object.extensions !== undefined) {
		checkExtensions(type, object.extensions, spec.category === "sco", walk);
	}
	if (object.granular_markings !== undefined) checkSelectors(object, walk);
	if (spec.atLeastOne !== undefined) checkAtLeastOne(spec.name, spec.atLeastOne, object, walk);
	if (spec.rules !== undefined) for (const rule of spec.rules) rule(object, walk);
	if (type === "observed-data" && object.objects !== undefined) checkEmbedded(object.objects, walk);
}

/** observed-data `objects` (deprecated in 2.1): a non-empty dictionary of SCOs, checked as such. */
function checkEmbedded(objects: unknown, walk: Walk): void {
	walk.enter("objects");
	if (!isPlainObject(objects)) {
		walk.error("type", "objects must be a dictionary of SCOs");
	} else {
		let empty = true;
		for (const key in objects) {
			empty = false;
			walk.enter(key);
			walk.adopt(validateObject(objects[key]));
			walk.leave();
		}
		if (empty) walk.error("empty-dict", "objects must not be empty");
	}
	walk.leave();
}
