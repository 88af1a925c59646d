// Validation of request inputs with zod: every issue, each with where it is, as one 400 E_API_PARAMETER.
import type { z } from "zod";
import { AppError } from "../errors/index.ts";
import type { InputIssue } from "./shapes/index.ts";

/** Where an input came from; the first segment of every issue path. */
export type InputLocation = "path" | "query" | "body";

/** The issues of a failed parse, located; an unknown key becomes one issue at that key. */
export function issuesOf(location: InputLocation, issues: readonly z.core.$ZodIssue[]): InputIssue[] {
	return issues.flatMap((issue): InputIssue[] => {
		const base = [
			location,
			...issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)),
		];
		if (issue.code === "unrecognized_keys") {
			return issue.keys.map((key) => ({
				path: [...base, key],
				code: issue.code,
				message: `unknown parameter '${key}'`,
			}));
		}
		return [{ path: base, code: issue.code, message: issue.message }];
	});
}

/** 400 E_API_PARAMETER carrying every issue; the message names them all for people reading logs. */
export function invalidInput(issues: readonly InputIssue[]): AppError {
	const listed = issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
	return new AppError("E_API_PARAMETER", `${issues.length} invalid input(s): ${listed}`, {
		details: { issues },
	});
}

/**
 * Parses one input with its schema, or throws 400 with every issue.
 * @example const query = parseInput("query", SearchQuery, context.req.query());
 */
export function parseInput<S extends z.ZodType>(
	location: InputLocation,
	schema: S,
	value: unknown,
): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	throw invalidInput(issuesOf(location, result.error.issues));
}
