// Properties a type does not define (§11.1): name rules, reserved names and value shapes.
import { isBase64, isHex } from "./formats.ts";
import type { Walk } from "./walk.ts";

const PROPERTY_NAME = /^[a-z][a-z0-9_]{2,249}$/;
/** §3.1: names reserved for future use. */
const RESERVED = new Set(["severity", "action", "username", "phone_numbers"]);

/**
 * Checks one property the object's type does not define. `expectPrefix` is false for custom
 * objects and objects with a toplevel-property-extension, whose own properties need no `x_`.
 */
export function checkCustomProperty(key: string, value: unknown, expectPrefix: boolean, walk: Walk): void {
	if (RESERVED.has(key)) {
		walk.error("reserved-property", `"${key}" is a reserved property name`, key);
		return;
	}
	if (!PROPERTY_NAME.test(key)) {
		walk.error(
			"property-name",
			`"${key}" is not a valid property name (a–z, 0–9, _; 3–250; starting with a letter)`,
			key,
		);
		return;
	}
	if (expectPrefix && !key.startsWith("x_")) {
		walk.warn("custom-property-prefix", `custom property "${key}" should start with x_`, key);
	}
	if (value === null) walk.error("type", "null is not a STIX value; omit the property instead", key);
	else if (Array.isArray(value) && value.length === 0)
		walk.error("empty-list", "lists must not be empty", key);
	else if (key.endsWith("_bin") && (typeof value !== "string" || !isBase64(value))) {
		walk.error("format", "properties ending in _bin hold base64 binary", key);
	} else if (key.endsWith("_hex") && (typeof value !== "string" || !isHex(value))) {
		walk.error("format", "properties ending in _hex hold hex", key);
	}
}
