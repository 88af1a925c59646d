// POST /patterns/evaluate: a STIX pattern evaluated against observations the request carries. Nothing stored is
// read, so nothing passes the gate; the work is bounded (stix/pattern/evaluate's budget) and yields between slices.
import { setImmediate } from "node:timers/promises";
import type { Context } from "hono";
import { AppError } from "../errors/index.ts";
import { jsonLimits, parseJson } from "../json/index.ts";
import {
	type EvaluationResult,
	type ObservationIssue,
	resultOf,
	startEvaluation,
} from "../stix/pattern/evaluate/index.ts";
import { decoded, readBytes } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import {
	type InputIssue,
	MAX_PATTERN_OBSERVATIONS,
	PatternEvaluateBody,
	type PatternEvaluation,
} from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** The work one request may do: about 1–2 s of steps in all, in slices that yield to other requests. */
export const API_EVALUATION_STEPS = 20_000_000;
/** Steps between two yields to the event loop (about a millisecond of work). */
export const API_EVALUATION_SLICE = 20_000;
/** The combining phase runs without yielding; this keeps it to about 0.1–0.3 s. */
const API_COMBINE_STEPS = 2_000_000;

/** The pattern routes, over `services`. */
export function patternRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "POST /patterns/evaluate",
			operationId: "evaluatePattern",
			tag: "objects",
			summary: "Evaluate a STIX pattern against observations",
			description:
				"Evaluates a STIX 2.1 pattern (§9: every comparison operator, MATCHES on a linear-time regex engine, " +
				"observation operators, WITHIN, REPEATS, START/STOP) against the observations sent with it: observed-data " +
				"with the SCOs they refer to, 2.0 observed-data with an `objects` dictionary, or bare SCOs (observations " +
				"without time). Answers whether it matched and the bindings: for each way it matched, the observation " +
				"bound to each `[...]` and the SCOs in it that satisfied the comparisons. Nothing stored is read. A pattern " +
				"with errors answers 400 with each located at `body.pattern` (line, column); objects that cannot be " +
				"observations are listed in `problems`, located under `body.observations`. The work is bounded: past " +
				`${API_EVALUATION_STEPS.toLocaleString("en")} steps the answer is 400 E_API_PATTERN_TOO_COSTLY.`,
			action: "objects.read",
			requestBody: { content: { "application/json": PatternEvaluateBody } },
			errors: [400, 413, 415],
			handle: async ({ context }) => evaluate(await readBody(context, services)),
		}),
	];
}

async function readBody(context: Context, services: ApiServices) {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (mediaType !== "application/json") {
		throw new AppError(
			"E_API_MEDIA_TYPE",
			'send { "pattern": "...", "observations": [...] } as application/json',
		);
	}
	const bytes = await readBytes(context, services.maxBodyBytes, services.bodies);
	const value = decoded(() => parseJson(bytes, jsonLimits({ maxBytes: services.maxBodyBytes })));
	const body = PatternEvaluateBody.safeParse(value);
	if (!body.success) throw invalidInput(issuesOf("body", body.error.issues));
	const { observations } = body.data;
	const count = Array.isArray(observations) ? observations.length : observations.objects.length;
	if (count > MAX_PATTERN_OBSERVATIONS) {
		throw invalidInput([
			{
				path: ["body", "observations"],
				code: "too_big",
				message: `${count} objects; at most ${MAX_PATTERN_OBSERVATIONS} per evaluation: send fewer`,
			},
		]);
	}
	return body.data;
}

async function evaluate(body: ReturnType<typeof PatternEvaluateBody.parse>): Promise<PatternEvaluation> {
	const inBundle = !Array.isArray(body.observations);
	const objects = Array.isArray(body.observations) ? body.observations : body.observations.objects;
	const started = startEvaluation(body.pattern, objects, {
		maxSteps: API_EVALUATION_STEPS,
		maxCombineSteps: API_COMBINE_STEPS,
	});
	if ("errors" in started) throw patternInvalid(started.errors);
	let outcome = started.evaluation.advance(API_EVALUATION_SLICE);
	while (outcome === undefined) {
		await setImmediate();
		outcome = started.evaluation.advance(API_EVALUATION_SLICE);
	}
	return present(resultOf(outcome, started.text, started.issues), inBundle);
}

function patternInvalid(
	errors: readonly { code: string; line: number; column: number; message: string }[],
): AppError {
	const issues: InputIssue[] = errors.map((e) => ({
		path: ["body", "pattern"],
		code: `pattern-${e.code}`,
		message: `line ${e.line}, column ${e.column}: ${e.message}`,
	}));
	return invalidInput(issues);
}

function present(result: EvaluationResult, inBundle: boolean): PatternEvaluation {
	if (!result.ok) {
		if (result.errors.length > 0) throw patternInvalid(result.errors);
		throw new AppError(
			"E_API_PATTERN_TOO_COSTLY",
			result.tooCostly?.message ?? "evaluation stopped at its limit",
			{
				details: { limit: result.tooCostly?.limit ?? API_EVALUATION_STEPS },
			},
		);
	}
	const located = (issue: ObservationIssue) => ({
		path: ["body", "observations", ...(inBundle ? ["objects"] : []), ...issue.path],
		severity: issue.severity,
		message: issue.message,
	});
	return {
		matched: result.matched,
		bindings: result.bindings.map((binding) =>
			binding.map((b) => ({
				leafOffset: b.leafOffset,
				index: b.index,
				...(b.id === undefined ? {} : { id: b.id }),
				objects: b.objects,
				copy: b.copy,
			})),
		),
		truncated: result.truncated,
		timeUnchecked: result.timeUnchecked,
		steps: result.steps,
		problems: result.issues.map(located),
	};
}
