// Hands an indicator's STIX pattern to the patterning checker and maps its findings to issues.
import { checkPattern } from "../pattern/index.ts";
import type { Walk } from "./walk.ts";

/** For `pattern_type: "stix"`, reports every pattern problem at `$.pattern` with its offset. */
export function checkIndicatorPattern(object: Record<string, unknown>, walk: Walk): void {
	if (object.pattern_type !== "stix" || typeof object.pattern !== "string") return;
	for (const problem of checkPattern(object.pattern)) {
		walk.error("pattern", `at offset ${problem.offset}: ${problem.message}`, "pattern");
	}
}
