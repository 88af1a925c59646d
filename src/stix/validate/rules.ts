// Reusable cross-property rules the tables attach to object specs.
import { compareTimestamps, timestampProblem } from "./formats.ts";
import type { ObjectRule } from "./property-spec.ts";

/** `later` must not precede `earlier` (or must follow it strictly when `strict`). */
export function timeOrder(earlier: string, later: string, strict = false): ObjectRule {
	return (object, walk) => {
		const a = object[earlier];
		const b = object[later];
		if (typeof a !== "string" || typeof b !== "string") return;
		if (timestampProblem(a) !== undefined || timestampProblem(b) !== undefined) return;
		const order = compareTimestamps(a, b);
		if (order > 0 || (strict && order === 0)) {
			walk.error("time-order", `${later} must be ${strict ? "later than" : "at or after"} ${earlier}`, later);
		}
	};
}

/** At most one of `a` and `b` may be present. */
export function exclusive(a: string, b: string): ObjectRule {
	return (object, walk) => {
		if (object[a] !== undefined && object[b] !== undefined) {
			walk.error("exclusive", `${b} must not be present together with ${a}`, b);
		}
	};
}

/** When `property` is present, `needs` must be too. */
export function requires(property: string, needs: string): ObjectRule {
	return (object, walk) => {
		if (object[property] !== undefined && object[needs] === undefined) {
			walk.error("required", `${needs} is required when ${property} is present`, needs);
		}
	};
}

/** Runs `rule` on the object only if `when` holds. */
export function when(condition: (object: Record<string, unknown>) => boolean, rule: ObjectRule): ObjectRule {
	return (object, walk) => {
		if (condition(object)) rule(object, walk);
	};
}
