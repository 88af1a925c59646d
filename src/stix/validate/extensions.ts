// The `extensions` property (§3.2, §7.3): keys, extension_type, and predefined SCO extensions' contents.
import { checkNested, checkValue, isPlainObject } from "./check-value.ts";
import { isIdentifier, refersTo } from "./formats.ts";
import type { PropSpec } from "./property-spec.ts";
import { PREDEFINED_EXTENSIONS } from "./sco-extensions.ts";
import { EXTENSION_TYPE } from "./vocabularies.ts";
import type { Walk } from "./walk.ts";

const EXTENSION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-ext$/;
const DEFINITION = ["extension-definition"];

/**
 * Checks `object.extensions`; `walk` is at the object. Keys are extension-definition ids (then
 * `extension_type` MUST be present) or predefined `*-ext` names (no `extension_type`), whose
 * contents are checked when this object type defines them.
 */
export function checkExtensions(
	type: string,
	extensions: unknown,
	allowPredefined: boolean,
	walk: Walk,
): void {
	walk.enter("extensions");
	if (!isPlainObject(extensions)) {
		walk.error("type", "extensions must be a dictionary");
		walk.leave();
		return;
	}
	const predefined = PREDEFINED_EXTENSIONS[type];
	let empty = true;
	for (const key in extensions) {
		empty = false;
		const body = extensions[key];
		walk.enter(key);
		if (!isPlainObject(body)) {
			walk.error("type", "an extension must be a dictionary");
		} else if (refersTo(key, DEFINITION)) {
			checkDefinedExtension(key, body, walk);
		} else if (allowPredefined && EXTENSION_NAME.test(key)) {
			const spec = predefined !== undefined && Object.hasOwn(predefined, key) ? predefined[key] : undefined;
			if (spec !== undefined) checkNested(spec, body, walk);
			else if (Object.keys(body).length === 0) walk.error("extension", "an extension must not be empty");
		} else {
			walk.error(
				"extension",
				`"${key}" is neither an extension-definition id nor a predefined extension name`,
			);
		}
		walk.leave();
	}
	if (empty) walk.error("empty-dict", "extensions must not be empty; omit the property instead");
	walk.leave();
}

function checkDefinedExtension(key: string, body: Record<string, unknown>, walk: Walk): void {
	if (!isIdentifier(key)) walk.error("extension", `"${key}" is not a valid extension-definition id`);
	if (body.extension_type === undefined) {
		walk.error(
			"extension",
			"an extension keyed by an extension-definition id requires extension_type",
			"extension_type",
		);
		return;
	}
	walk.enter("extension_type");
	checkValue(EXTENSION_TYPE as PropSpec, body.extension_type, walk);
	walk.leave();
}

/** True when some extension declares itself a toplevel-property-extension (its properties sit at the top). */
export function hasToplevelExtension(extensions: unknown): boolean {
	if (!isPlainObject(extensions)) return false;
	for (const key in extensions) {
		const body = extensions[key];
		if (isPlainObject(body) && body.extension_type === "toplevel-property-extension") return true;
	}
	return false;
}
