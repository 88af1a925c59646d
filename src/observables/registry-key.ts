// Windows registry keys: the hive written in full (as STIX windows-registry-key.key requires), the rest as written.

/** Hive names and abbreviations, upper case, to the full name STIX 2.1 §6.13 requires. */
const HIVES: ReadonlyMap<string, string> = new Map([
	["HKLM", "HKEY_LOCAL_MACHINE"],
	["HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"],
	["\\REGISTRY\\MACHINE", "HKEY_LOCAL_MACHINE"],
	["HKCU", "HKEY_CURRENT_USER"],
	["HKEY_CURRENT_USER", "HKEY_CURRENT_USER"],
	["HKCR", "HKEY_CLASSES_ROOT"],
	["HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"],
	["HKU", "HKEY_USERS"],
	["HKEY_USERS", "HKEY_USERS"],
	["\\REGISTRY\\USER", "HKEY_USERS"],
	["HKCC", "HKEY_CURRENT_CONFIG"],
	["HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"],
	["HKPD", "HKEY_PERFORMANCE_DATA"],
	["HKEY_PERFORMANCE_DATA", "HKEY_PERFORMANCE_DATA"],
]);

const HIVE = /^(\\REGISTRY\\(?:MACHINE|USER)|[A-Z_]+):?(?=\\|$)/i;
const PROVIDER_PREFIX = /^(?:Microsoft\.PowerShell\.Core\\)?Registry::/i;
const REPEATED_BACKSLASHES = /\\{2,}/g;

/**
 * The normal form of a registry key, or a sentence saying why it is none: the hive in full and upper case
 * (`HKLM`, `HKLM:` and `\REGISTRY\MACHINE` → `HKEY_LOCAL_MACHINE`), a PowerShell `Registry::` prefix dropped,
 * runs of backslashes (JSON double-escaping) made one, trailing backslashes and spaces dropped. The path keeps its case:
 * Windows compares keys case-insensitively but reports them as created, and STIX keeps them as written (D45).
 */
export function normalRegistryKey(text: string): string | { error: string } {
	const key = text.replace(PROVIDER_PREFIX, "").replace(REPEATED_BACKSLASHES, "\\");
	const match = HIVE.exec(key);
	const hive = match === null ? undefined : HIVES.get((match[1] as string).toUpperCase());
	if (match === null || hive === undefined)
		return {
			error:
				"a registry key starts with its hive: HKEY_LOCAL_MACHINE (HKLM), HKEY_CURRENT_USER (HKCU), HKEY_CLASSES_ROOT (HKCR), HKEY_USERS (HKU) or HKEY_CURRENT_CONFIG (HKCC), then \\ and the path",
		};
	return hive + withoutTrailingSeparators(key.slice(match[0].length));
}

/** Trailing backslashes and white space, in a loop: /[\\\s]+$/ backtracks quadratically over spaces inside a key. */
function withoutTrailingSeparators(path: string): string {
	let rest = path;
	for (;;) {
		const trimmed = rest.trimEnd();
		let end = trimmed.length;
		while (end > 0 && trimmed.charCodeAt(end - 1) === 92) end--;
		if (end === rest.length) return rest;
		rest = trimmed.slice(0, end);
	}
}
