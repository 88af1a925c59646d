// One REST route as data: method, path, action, input and output schemas, and the command it runs.
// The same records register the Hono routes and write the OpenAPI document, so the two cannot drift.
import type { Context } from "hono";
import { z } from "zod";
import type { User } from "../store/index.ts";
import { type Action, authorize } from "./roles.ts";
import type { InputIssue, Presented } from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** A request body as documented: its schema per media type (the command reads and checks the body itself). */
export interface RequestBody {
	content: Readonly<Record<string, z.ZodType>>;
}

/** What a route's command receives: the authenticated user and its validated inputs. */
export interface RouteInput<P, Q> {
	user: User;
	params: P;
	query: Q;
	context: Context;
}

/** A route as written in a routes file, with typed inputs and answer. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> {
	method: "get" | "put" | "post";
	/** Below `/api/v1`, in OpenAPI form: `/objects/{id}`. */
	path: string;
	operationId: string;
	summary: string;
	description: string;
	tag: "objects" | "policy" | "account";
	action: Action;
	params?: P;
	query?: Q;
	/** Documented request body; the command reads it itself (it may be YAML, and has its own limit). */
	requestBody?: RequestBody;
	/** The 200 answer's body (api/shapes/): the command must return one, and the document describes it. */
	response: R;
	/** Error statuses this route answers beyond 401 and 500 (400 for any route with inputs). */
	errors: readonly number[];
	handle(input: RouteInput<z.output<P>, z.output<Q>>): Promise<Presented<z.output<R>>>;
}

/** A route with its input and answer types erased, ready to register and document. */
export interface ApiRoute extends Omit<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, "handle"> {
	/** Runs the pipeline validate → authorize → command and returns the body to present. */
	run(context: Context, user: User, ownHouse: () => Promise<boolean>): Promise<unknown>;
}

const NO_INPUT = z.strictObject({});

/**
 * Turns a spec into a route. Path and query inputs are validated together, so a request learns of
 * every issue at once; then the role is checked; then the command runs.
 * @example defineRoute({ method: "get", path: "/me", action: "me.read", ..., handle: async ({ user }) => ({ id: user.id }) })
 */
export function defineRoute<
	R extends z.ZodType,
	P extends z.ZodType = typeof NO_INPUT,
	Q extends z.ZodType = typeof NO_INPUT,
>(spec: RouteSpec<P, Q, R>): ApiRoute {
	const paramsSchema: z.ZodType = spec.params ?? NO_INPUT;
	const querySchema: z.ZodType = spec.query ?? NO_INPUT;
	return {
		...spec,
		params: paramsSchema,
		query: querySchema,
		run: async (context, user, ownHouse) => {
			const params = paramsSchema.safeParse(context.req.param());
			const query = querySchema.safeParse(context.req.query());
			const issues: InputIssue[] = [
				...(params.success ? [] : issuesOf("path", params.error.issues)),
				...(query.success ? [] : issuesOf("query", query.error.issues)),
			];
			if (issues.length > 0 || !params.success || !query.success) throw invalidInput(issues);
			await authorize(user.role, spec.action, ownHouse);
			return spec.handle({
				user,
				params: params.data as z.output<P>,
				query: query.data as z.output<Q>,
				context,
			});
		},
	};
}

/** `/objects/{id}` → `/objects/:id` (Hono's form). */
export function honoPath(path: string): string {
	return path.replace(/\{([^}]+)\}/g, ":$1");
}
