// The OpenAPI document describes exactly the routes the node serves under /api/v1, and real answers match it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { z } from "zod";
import { type ApiNode, IDS, json, openApiNode } from "#test/support/api-node.ts";
import * as shapes from "./shapes/index.ts";

type Json = Record<string, unknown>;

let node: ApiNode;
let document: Json;
before(async () => {
	node = await openApiNode();
	document = await json(await node.request("/api/v1/openapi.json", { as: null }), 200);
});
after(() => node.close());

const METHODS = ["get", "put", "post", "patch", "delete"];

/** "METHOD /path/{param}" for every operation the document lists (paths relative to its server). */
function documented(): Set<string> {
	const paths = document.paths as Record<string, Record<string, unknown>>;
	return new Set(
		Object.entries(paths).flatMap(([path, item]) =>
			Object.keys(item)
				.filter((method) => METHODS.includes(method))
				.map((method) => `${method.toUpperCase()} ${path}`),
		),
	);
}

/** "METHOD /path/{param}" for every handler the whole app registered under /api/v1 (middleware and the catch-all excluded). */
function served(): Set<string> {
	return new Set(
		node.app.routes
			.filter((route) => route.path.startsWith("/api/v1/") && route.method !== "ALL")
			.map((route) => `${route.method} ${route.path.slice("/api/v1".length).replace(/:([^/]+)/g, "{$1}")}`),
	);
}

describe("the OpenAPI document", () => {
	it("is OpenAPI 3.1 with bearer and Basic security schemes", () => {
		assert.equal(document.openapi, "3.1.0");
		assert.deepEqual((document.servers as Json[])[0], { url: "/api/v1" });
		const schemes = (document.components as { securitySchemes: Json }).securitySchemes;
		assert.deepEqual(Object.keys(schemes).sort(), ["basicAuth", "bearerAuth"]);
	});

	it("lists every route the app serves, and no other", () => {
		const routes = served();
		assert.ok(routes.size >= 12, `too few routes walked: ${[...routes].join(", ")}`);
		assert.deepEqual([...documented()].sort(), [...routes].sort());
	});

	it("has every route it documents in the route table the web is typed by (api/shapes/routes.ts), and no other", () => {
		// The document and the event stream (D59) answer no JSON: they are not in the table.
		const routes = [...documented()]
			.filter((route) => route !== "GET /openapi.json" && route !== "GET /stream")
			.sort();
		assert.deepEqual(Object.keys(shapes.API_ROUTES).sort(), routes);
	});

	it("declares each path parameter, the error answers, and only references that resolve", () => {
		for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
			for (const [method, operation] of Object.entries(item)) {
				const parameters = (operation.parameters ?? []) as { name: string; in: string }[];
				for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
					assert.ok(
						parameters.some((p) => p.in === "path" && p.name === name),
						`${method} ${path}: ${name}`,
					);
				}
				const responses = operation.responses as Json;
				// A route that starts work answers 202 (POST /policy/impact, D62).
				assert.ok(responses["200"] ?? responses["202"], `${method} ${path} has no 200 or 202`);
				if (operation.security === undefined) assert.ok(responses["401"], `${method} ${path} has no 401`);
			}
		}
		const text = JSON.stringify(document);
		for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
			const target = (ref ?? "")
				.split("/")
				.reduce<unknown>((at, key) => (at as Json | undefined)?.[key], document);
			assert.ok(target !== undefined, `unresolved $ref #/${ref}`);
		}
	});

	it("has as components exactly the named zod shapes of api/shapes/, each as z.toJSONSchema writes it", () => {
		const named = new Map<string, z.ZodType>();
		for (const value of Object.values(shapes)) {
			const id = value instanceof z.ZodType ? z.globalRegistry.get(value)?.id : undefined;
			if (id !== undefined) named.set(id, value as z.ZodType);
		}
		assert.ok(named.size >= 15, `too few named shapes: ${[...named.keys()].join(", ")}`);
		const components = (document.components as { schemas: Record<string, Json> }).schemas;
		assert.deepEqual(Object.keys(components).sort(), [...named.keys()].sort());
		for (const [id, schema] of named) {
			const generated = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as { $defs: Json };
			const expected = JSON.parse(
				JSON.stringify(generated.$defs[id]).replaceAll('"#/$defs/', '"#/components/schemas/'),
			) as Json;
			assert.deepEqual(components[id], expected, id);
		}
	});

	it("describes real answers: each 200 and error body validates against its documented schema", async () => {
		const ajv = new Ajv2020({ strict: false });
		ajv.addSchema({ $id: "doc", components: (document as { components: Json }).components }, "doc");
		const paths = document.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
		const schemaOf = (path: string, status: string): Json => {
			const response = paths[path]?.get?.responses[status] as Json;
			const resolved = (
				typeof response.$ref === "string"
					? (document.components as { responses: Record<string, Json> }).responses[
							response.$ref.split("/").at(-1) ?? ""
						]
					: response
			) as { content: { "application/json": { schema: Json } } };
			return JSON.parse(
				JSON.stringify(resolved.content["application/json"].schema).replaceAll(
					'"#/components',
					'"doc#/components',
				),
			) as Json;
		};
		const cases: [string, string, string][] = [
			["/objects", "/api/v1/objects", "200"],
			["/objects/{id}", `/api/v1/objects/${IDS.malware}`, "200"],
			["/objects/{id}", `/api/v1/objects/${IDS.hidden}`, "404"],
			["/objects/{id}/versions", `/api/v1/objects/${IDS.revised}/versions`, "200"],
			["/autocomplete", "/api/v1/autocomplete?prefix=e", "200"],
			["/facets", "/api/v1/facets", "200"],
			["/me", "/api/v1/me", "200"],
			["/policy/versions", "/api/v1/policy/versions", "200"],
			["/objects", "/api/v1/objects?limit=x", "400"],
		];
		for (const [path, url, status] of cases) {
			const body = await json(await node.request(url), Number(status));
			const validate = ajv.compile(schemaOf(path, status));
			assert.ok(validate(body), `${url}: ${JSON.stringify(validate.errors)}`);
		}
	});
});
