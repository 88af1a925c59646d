// What a pattern's object paths may name (§9.7): the SCO table of stix/types, read as sets, and the
// STIX 2.0 names renamed in 2.1, for a hint in the error message.
import { SCO_COMMON_PROPERTIES, SCO_EXTENSIONS, SCO_PROPERTIES } from "../types/index.ts";

const COMMON: ReadonlySet<string> = new Set(SCO_COMMON_PROPERTIES);
const PROPERTIES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
	Object.entries(SCO_PROPERTIES).map(([type, names]) => [type, new Set(names)]),
);
const EXTENSIONS: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>> = new Map(
	Object.entries(SCO_EXTENSIONS).map(([type, extensions]) => [
		type,
		new Map(Object.entries<readonly string[]>(extensions).map(([name, names]) => [name, new Set(names)])),
	]),
);

/** True when `type` is one of the 18 STIX 2.1 SCO types. */
export function isScoType(type: string): boolean {
	return PROPERTIES.has(type);
}

/** True when `name` is a property of SCO type `type`, its own or a common one. */
export function isScoProperty(type: string, name: string): boolean {
	return PROPERTIES.get(type)?.has(name) === true || COMMON.has(name);
}

/** The properties of `type`'s predefined extension `extension`; undefined when it has no such extension. */
export function extensionProperties(type: string, extension: string): ReadonlySet<string> | undefined {
	return EXTENSIONS.get(type)?.get(extension);
}

/** The predefined extensions of `type`, e.g. `file` → ntfs-ext, raster-image-ext, … */
export function extensionNames(type: string): string[] {
	return [...(EXTENSIONS.get(type)?.keys() ?? [])];
}

/** The owner of a predefined extension name, e.g. `tcp-ext` → `network-traffic`. */
export function extensionOwner(extension: string): string | undefined {
	for (const [type, extensions] of EXTENSIONS) if (extensions.has(extension)) return type;
	return undefined;
}

/** STIX 2.0 property names renamed in 2.1, for a hint in the error message. */
export const RENAMED_IN_21: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	file: { created: "ctime", modified: "mtime", accessed: "atime" },
	directory: { created: "ctime", modified: "mtime", accessed: "atime" },
	process: {
		created: "created_time",
		arguments: "command_line",
		binary_ref: "image_ref",
		name: "image_ref.name",
	},
	"windows-registry-key": { modified: "modified_time" },
	"user-account": { password_last_changed: "credential_last_changed" },
};
