// One REST route as data: its key in api/shapes/routes.ts (method, path, input and answer schemas), action, and
// the command it runs. The same records register the Hono routes and write the OpenAPI document, so the two cannot drift.
import type { Context } from "hono";
import { z } from "zod";
import type { User } from "../store/index.ts";
import { type Action, authorize } from "./roles.ts";
import {
	API_ROUTES,
	type InputIssue,
	type Presented,
	type RouteKey,
	type RouteShapes,
} from "./shapes/index.ts";
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

/** The output type of a route's `part` in api/shapes/routes.ts, or `{}` when the route has none. */
type OutputOf<Key extends RouteKey, Part extends "params" | "query"> =
	(typeof API_ROUTES)[Key] extends Record<Part, infer Schema extends z.ZodType>
		? z.output<Schema>
		: Record<never, never>;

/** A route as written in a routes file: its key in API_ROUTES names its inputs and answer. */
export interface RouteSpec<Key extends RouteKey> {
	/** `METHOD /path` below `/api/v1`, in OpenAPI form (`GET /objects/{id}`): a key of api/shapes/routes.ts. */
	route: Key;
	operationId: string;
	summary: string;
	description: string;
	tag:
		| "objects"
		| "policy"
		| "account"
		| "watch"
		| "warninglists"
		| "stream"
		| "export"
		| "feeds"
		| "quarantine"
		| "users"
		| "audit"
		| "dashboard";
	action: Action;
	/** Documented request body; the command reads it itself (it may be YAML, and has its own limit). */
	requestBody?: RequestBody;
	/** The success status (default 200): 202 for a route that starts work and answers before it is done. */
	status?: 200 | 202;
	/** Error statuses this route answers beyond 401 and 500 (400 for any route with inputs). */
	errors: readonly number[];
	/**
	 * A route whose answer is streamed text rather than JSON: its media types, documented in OpenAPI; its `handle`
	 * returns the Response (the `answer` shape describes the body as a string).
	 */
	produces?: readonly string[];
	/** Returns the 200 answer, of the route's `answer` shape: a missing or mistyped field is a tsc error. */
	handle(
		input: RouteInput<OutputOf<Key, "params">, OutputOf<Key, "query">>,
	): Promise<Presented<z.output<(typeof API_ROUTES)[Key]["answer"]>> | StreamedAnswer>;
}

/** The answer of a route that `produces` text: its streamed Response, sent as it is. */
export type StreamedAnswer = Response;

/** A route with its input and answer types erased, ready to register and document. */
export interface ApiRoute extends Omit<RouteSpec<RouteKey>, "route" | "handle"> {
	method: "get" | "put" | "post";
	/** Below `/api/v1`, in OpenAPI form: `/objects/{id}`. */
	path: string;
	params: z.ZodType;
	query: z.ZodType;
	/** The 200 answer's body (api/shapes/). */
	response: z.ZodType;
	/** Runs the pipeline validate → authorize → command and returns the body to present. */
	run(context: Context, user: User, ownHouse: () => Promise<boolean>): Promise<unknown>;
}

const NO_INPUT = z.strictObject({});

/**
 * Turns a spec into a route, with the method, path and schemas its key names in API_ROUTES. Path and query
 * inputs are validated together, so a request learns of every issue at once; then the role is checked; then
 * the command runs.
 * @example defineRoute({ route: "GET /me", action: "me.read", ..., handle: async ({ user }) => ({ id: user.id }) })
 */
export function defineRoute<Key extends RouteKey>(spec: RouteSpec<Key>): ApiRoute {
	const { route, handle, ...documented } = spec;
	const shapes: RouteShapes = API_ROUTES[route];
	assertDocumentedBody(route, shapes, documented.requestBody);
	const [method, path] = route.split(" ") as [string, string];
	const paramsSchema: z.ZodType = shapes.params ?? NO_INPUT;
	const querySchema: z.ZodType = shapes.query ?? NO_INPUT;
	return {
		...documented,
		method: method.toLowerCase() as ApiRoute["method"],
		path,
		params: paramsSchema,
		query: querySchema,
		response: shapes.answer,
		run: async (context, user, ownHouse) => {
			const params = paramsSchema.safeParse(context.req.param());
			const query = querySchema.safeParse(context.req.query());
			const issues: InputIssue[] = [
				...(params.success ? [] : issuesOf("path", params.error.issues)),
				...(query.success ? [] : issuesOf("query", query.error.issues)),
			];
			if (issues.length > 0 || !params.success || !query.success) throw invalidInput(issues);
			await authorize(user.role, spec.action, ownHouse);
			return handle({
				user,
				params: params.data as OutputOf<Key, "params">,
				query: query.data as OutputOf<Key, "query">,
				context,
			});
		},
	};
}

/**
 * The JSON body a route documents is the one API_ROUTES names (the web UI is typed by that one): a route
 * documenting another, or a body the table does not have, fails when the routes are built, so at every test.
 */
function assertDocumentedBody(
	route: RouteKey,
	shapes: RouteShapes,
	documented: RequestBody | undefined,
): void {
	if (documented?.content["application/json"] === shapes.body) return;
	throw new Error(
		`${route}: its requestBody's application/json schema must be API_ROUTES["${route}"].body ` +
			"(api/shapes/routes.ts): write the body there, and document the same schema",
	);
}

/** `/objects/{id}` → `/objects/:id` (Hono's form). */
export function honoPath(path: string): string {
	return path.replace(/\{([^}]+)\}/g, ":$1");
}
