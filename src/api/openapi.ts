// The OpenAPI 3.1 document of the REST API, written from the same route records that register the routes: every
// schema in it, parameters, bodies, answers and components alike, is generated from api/shapes/'s zod schemas.
import { z } from "zod";
import { leastRoleFor } from "./roles.ts";
import type { ApiRoute, RequestBody } from "./route.ts";
import { ErrorBody, InputIssue, PolicyFileError, StreamQuery } from "./shapes/index.ts";

type Json = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
	400: 'Invalid input: `details.issues` lists every issue with its path (`["query", "limit"]`)',
	401: "No or unknown credentials; the answer carries `WWW-Authenticate`",
	403: "Your role may not do this (the answer names the role needed; it reveals no stored data)",
	404: "No such object, or one not released to you: the two answers are identical",
	409: "The resource is busy or in a conflicting state (the message says which and when to retry)",
	413: "The request body is too large",
	415: "Unsupported request media type",
	429: "Too many requests or open streams: retry after `Retry-After` seconds",
	500: "The node failed; see its log",
	503: "The node is busy or shutting down, or a service this route needs is not running on it (the message says which): retry shortly",
};

/** Shapes that no answer's schema names but error `details` carry: listed in components for clients to use. */
const DETAIL_SHAPES = [InputIssue, PolicyFileError];

/** Collects zod schemas as JSON Schema; named ones (`.meta({ id })`) go to components and are referenced. */
class SchemaCollector {
	readonly components: Record<string, Json> = {};

	toJson(schema: z.ZodType, io: "input" | "output"): Json {
		const {
			$schema: _dialect,
			$defs,
			...rest
		} = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
		for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
			this.components[id] = relink(definition);
		}
		return relink(rest);
	}
}

function relink(value: Json): Json {
	return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

function parametersOf(route: ApiRoute, schemas: SchemaCollector): Json[] {
	const located = [
		["path", route.params],
		["query", route.query],
	] as const;
	return located.flatMap(([location, schema]) => {
		if (!(schema instanceof z.ZodObject)) return [];
		return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
			const json = schemas.toJson(field, "input");
			const { description, ...fieldSchema } = json;
			return {
				name,
				in: location,
				required: location === "path" || !field.isOptional(),
				...(description === undefined ? {} : { description }),
				schema: fieldSchema,
			};
		});
	});
}

function requestBodyOf(body: RequestBody, schemas: SchemaCollector): Json {
	const content = Object.fromEntries(
		Object.entries(body.content).map(([mediaType, schema]) => [
			mediaType,
			{ schema: schemas.toJson(schema, "input") },
		]),
	);
	return { required: true, content };
}

function operationOf(route: ApiRoute, schemas: SchemaCollector): Json {
	const errorStatuses = [...new Set([...route.errors, 401, 500])].sort((a, b) => a - b);
	const body = schemas.toJson(route.response, "output");
	const mediaTypes = route.produces ?? ["application/json"];
	const responses: Json = {
		[route.status ?? 200]: {
			description:
				route.status === 202 ? "Accepted: the work goes on; its answer says where to follow it" : "OK",
			content: Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, { schema: body }])),
		},
	};
	for (const status of errorStatuses) responses[status] = { $ref: `#/components/responses/E${status}` };
	return {
		operationId: route.operationId,
		tags: [route.tag],
		summary: route.summary,
		description: `${route.description}\n\nNeeds the ${leastRoleFor(route.action)} role or higher.`,
		"x-entente-action": route.action,
		parameters: parametersOf(route, schemas),
		...(route.requestBody === undefined ? {} : { requestBody: requestBodyOf(route.requestBody, schemas) }),
		responses,
	};
}

/** GET /stream (D59): not a JSON route (stream/stream-route.ts), so written here, its query from the same shape. */
function streamOperation(schemas: SchemaCollector): Json {
	const query = Object.entries(StreamQuery.shape as Record<string, z.ZodType>).map(([name, field]) => {
		const { description, ...schema } = schemas.toJson(field, "input");
		return {
			name,
			in: "query",
			required: false,
			...(description === undefined ? {} : { description }),
			schema,
		};
	});
	const event = (name: string, what: string) => `\`event: ${name}\`: ${what}`;
	return {
		operationId: "stream",
		tags: ["stream"],
		summary: "New releases as Server-Sent Events",
		description: [
			"Each object version stored from now on (or after `Last-Event-ID`) that you receive, as released to you when it is sent, filtered by types, labels and collection:",
			event("release", "`id` is its commit-log position, `data` the object as released to you"),
			"Heartbeats are comments repeating the last `id` sent (at first, the time you connected), so reconnecting with `Last-Event-ID` skips nothing and repeats nothing.",
			event(
				"end",
				"the last event when the node ends the stream: `data` `{reason, message, resume}` — `slow-reader` (your buffer overflowed), `token-revoked`, `node-closing`, `failed`; resume with `Last-Event-ID: <resume>`",
			),
			"A user holds a few streams at most (429 E_STREAM_TOO_MANY); `Last-Event-ID` that this node did not send is 400 E_STREAM_EVENT_ID_INVALID.",
			`Needs the ${leastRoleFor("objects.read")} role or higher.`,
		].join("\n\n"),
		"x-entente-action": "objects.read",
		parameters: [
			{
				name: "Last-Event-ID",
				in: "header",
				required: false,
				description: "the id of the last event or heartbeat received: the stream resumes after it",
				schema: { type: "string" },
			},
			...query,
		],
		responses: {
			200: {
				description: "An open event stream",
				content: { "text/event-stream": { schema: { type: "string" } } },
			},
			...Object.fromEntries(
				[400, 401, 403, 404, 429, 500, 503].map((s) => [s, { $ref: `#/components/responses/E${s}` }]),
			),
		},
	};
}

/**
 * The OpenAPI 3.1 document for `routes`, mounted at `basePath`.
 * @example const document = openApiDocument(routes, { basePath: "/api/v1", version: "0.1.0" });
 */
export function openApiDocument(
	routes: readonly ApiRoute[],
	options: { basePath: string; version: string },
): Json {
	const schemas = new SchemaCollector();
	const paths: Record<string, Json> = {};
	for (const route of routes) {
		paths[route.path] = { ...paths[route.path], [route.method]: operationOf(route, schemas) };
	}
	paths["/stream"] = { get: streamOperation(schemas) };
	paths["/openapi.json"] = {
		get: {
			operationId: "openApiDocument",
			tags: ["meta"],
			summary: "This document",
			description: "Needs no credentials: it describes routes, not data.",
			security: [],
			responses: {
				200: { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } },
			},
		},
	};
	const errorSchema = schemas.toJson(ErrorBody, "output");
	for (const shape of DETAIL_SHAPES) schemas.toJson(shape, "output");
	const errorResponses = Object.fromEntries(
		Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
			`E${status}`,
			{
				description,
				...(status === "401"
					? {
							headers: {
								"WWW-Authenticate": {
									schema: { type: "string" },
									description: 'Basic realm="entente", Bearer',
								},
							},
						}
					: {}),
				content: { "application/json": { schema: errorSchema } },
			},
		]),
	);
	return {
		openapi: "3.1.0",
		info: {
			title: "Entente REST API",
			version: options.version,
			description:
				"The node's API for the web UI and scripts. Every object, suggestion and count is what the egress " +
				"gate releases to your organisation. Errors share one shape and stable `error_code`s (docs/api.md).",
		},
		servers: [{ url: options.basePath }],
		security: [{ bearerAuth: [] }, { basicAuth: [] }],
		tags: [
			{ name: "objects", description: "STIX objects, as released to you" },
			{ name: "policy", description: "The sharing policy (analysts and admins)" },
			{ name: "account", description: "Who you are" },
			{ name: "watch", description: "Your organisation's watch-list, its alerts and their webhook (D51)" },
			{ name: "feeds", description: "The node's feed subscriptions and the status of their pulls (D55)" },
			{
				name: "quarantine",
				description: "What the node set aside or refused, reviewed by its administrators (D65)",
			},
			{ name: "users", description: "Your organisation's users, roles and tokens (admins; D66)" },
			{ name: "audit", description: "Who did what on the node: search and export (admins; D66)" },
			{ name: "warninglists", description: "Lists of values known not to be threats: flagged, never hidden" },
			{ name: "dashboard", description: "The node at a glance, and the sample set of an empty node (D67)" },
			{
				name: "stream",
				description:
					"New releases pushed to you: GET /stream (Server-Sent Events) and release webhooks (D59)",
			},
			{
				name: "export",
				description: "Rules, intel files and lists for sensors and firewalls, as released to you (D56)",
			},
			{ name: "meta", description: "This API" },
		],
		paths,
		components: {
			securitySchemes: {
				bearerAuth: {
					type: "http",
					scheme: "bearer",
					description: "an API token (`entente` prints it once)",
				},
				basicAuth: {
					type: "http",
					scheme: "basic",
					description: "user name (or id) and API token as password",
				},
			},
			schemas: schemas.components,
			responses: errorResponses,
		},
	};
}
