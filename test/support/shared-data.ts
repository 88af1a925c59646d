// Locates ../shared/data beside the checkout, where tests and benchmarks read public data in place.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "..", "..");

/** Absolute path of a file or folder under ../shared/data; throws with the fix when it is missing. */
export function sharedData(...parts: string[]): string {
	const path = join(repoRoot, "..", "shared", "data", ...parts);
	if (!existsSync(path)) {
		throw new Error(`${path} is missing: tests expect ../shared beside the checkout (see README)`);
	}
	return path;
}
