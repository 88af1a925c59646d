// Marking definitions (§7.2.1): statement and TLP 1.0 definitions, TLP 2.0 by extension, never versioned.
import { isPlainObject } from "./check-value.ts";
import type { Walk } from "./walk.ts";

/** §7.2.1.4: the four TLP 1.0 marking definitions, which producers must copy exactly. */
const TLP_V1: Readonly<Record<string, string>> = {
	white: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
	amber: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
	red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
};
const TLP_V1_CREATED = "2017-01-20T00:00:00.000Z";
const TLP_V1_PROPERTIES = new Set([
	"type",
	"spec_version",
	"id",
	"created",
	"definition_type",
	"definition",
	"name",
]);
const VERSIONING = ["modified", "revoked"] as const;

/** Checks definition_type/definition (unless an extension defines the marking) and TLP canonical form. */
export function checkMarkingDefinition(object: Record<string, unknown>, walk: Walk): void {
	for (const name of VERSIONING) {
		if (object[name] !== undefined)
			walk.warn(
				"unversioned",
				`marking definitions are never versioned; ${name} is not defined for them`,
				name,
			);
	}
	const kind = object.definition_type;
	const definition = object.definition;
	if (kind === undefined && definition === undefined) {
		if (object.extensions === undefined) {
			walk.error(
				"required",
				"definition_type and definition are required unless an extension defines the marking",
				"definition_type",
			);
		}
		return;
	}
	if (kind === undefined) {
		walk.error("required", "definition requires definition_type", "definition_type");
		return;
	}
	if (definition === undefined) {
		walk.error("required", "definition_type requires definition", "definition");
		return;
	}
	if (!isPlainObject(definition)) {
		walk.error("type", "definition must be a dictionary", "definition");
		return;
	}
	if (kind === "statement") {
		if (typeof definition.statement !== "string") {
			walk.enter("definition");
			walk.error(
				definition.statement === undefined ? "required" : "type",
				"a statement marking needs a statement string",
				"statement",
			);
			walk.leave();
		}
	} else if (kind === "tlp") {
		checkTlp(object, definition, walk);
	}
}

function checkTlp(object: Record<string, unknown>, definition: Record<string, unknown>, walk: Walk): void {
	const level = definition.tlp;
	const id = typeof level === "string" && Object.hasOwn(TLP_V1, level) ? TLP_V1[level] : undefined;
	if (id === undefined) {
		walk.error("tlp", "definition.tlp must be white, green, amber or red", "definition");
		return;
	}
	if (object.id !== id)
		walk.error("tlp", `the TLP:${String(level).toUpperCase()} marking definition has id ${id}`, "id");
	if (object.created !== TLP_V1_CREATED)
		walk.error("tlp", `TLP 1.0 marking definitions are created ${TLP_V1_CREATED}`, "created");
	if (object.name !== `TLP:${String(level).toUpperCase()}`) {
		walk.error("tlp", `the name of this marking definition is TLP:${String(level).toUpperCase()}`, "name");
	}
	for (const key in object) {
		if (!TLP_V1_PROPERTIES.has(key))
			walk.error("tlp", "TLP 1.0 marking definitions carry no other properties", key);
	}
}
