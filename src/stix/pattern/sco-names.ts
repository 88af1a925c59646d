// What a pattern's object paths may name (§9.7): the SCO table of stix/types, read as sets, and the
// STIX 2.0 names renamed in 2.1, for a hint in the error message.
import {
	META_TYPES,
	SCO_COMMON_PROPERTIES,
	SCO_EXTENSIONS,
	SCO_PROPERTIES,
	SDO_TYPES,
	SRO_TYPES,
} from "../types/index.ts";

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

/** Types STIX 2.1 defines as something other than an observable: never an object path's type. */
const NOT_OBSERVABLE: ReadonlySet<string> = new Set([...SDO_TYPES, ...SRO_TYPES, ...META_TYPES]);
/** §3.1 type names: 3–250 of a–z, 0–9 and '-', starting and ending with a letter or digit. */
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;

/**
 * True when `type` may name a custom observable (§9.3 object path, §7.3 `new-sco`): a well-formed type name
 * STIX does not define otherwise. 2.1 custom SCOs need no `x-` prefix, which only STIX 2.0 required.
 */
export function isCustomObservableType(type: string): boolean {
	return TYPE_NAME.test(type) && !type.includes("--") && !NOT_OBSERVABLE.has(type);
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
