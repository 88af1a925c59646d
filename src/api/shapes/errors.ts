// The one error body every API answer other than 2xx has (the TAXII 2.1 error shape with a stable code), and the
// located input issue a 400 lists.
import { z } from "zod";

/** One invalid input of a 400 answer (`details.issues`), located from the request's top. */
export const InputIssue = z
	.strictObject({
		path: z.array(z.union([z.string(), z.number().int()])).meta({
			description: '`[location, ...key path]`: `["query", "limit"]`, `["body", "objects", 1, "pattern"]`',
		}),
		code: z.string().meta({ description: "zod's issue code (`invalid_type`, `too_big`, …) or ingest's" }),
		message: z.string(),
	})
	.meta({ id: "InputIssue", description: "one invalid input (in `details.issues` of a 400)" });
export type InputIssue = z.output<typeof InputIssue>;

export const ErrorBody = z
	.strictObject({
		title: z.string(),
		description: z.string(),
		error_code: z
			.string()
			.optional()
			.meta({ description: "stable code, e.g. E_API_PARAMETER; see docs/api.md" }),
		http_status: z.string(),
		details: z.record(z.string(), z.unknown()).optional().meta({
			description: "`issues` (E_API_PARAMETER: InputIssue), `errors` (E_POLICY_INVALID: PolicyFileError), …",
		}),
	})
	.meta({ id: "Error" });
export type ErrorBody = z.output<typeof ErrorBody>;
