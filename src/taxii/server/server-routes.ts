// Server information (§4): discovery, the API root, and status resources of earlier Add Objects requests.
import { notFound, taxiiResponse } from "./respond.ts";
import { requireApiRoot, type TaxiiServices } from "./services.ts";
import type { TaxiiHono } from "./types.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function registerServerRoutes(app: TaxiiHono, services: TaxiiServices): void {
	const { options } = services;

	// §4.1: the API root is advertised relative to this server (§4.1.1 allows "/taxii2/api/").
	app.get("/taxii2/", () => {
		const root = `/taxii2/${options.apiRoot.name}/`;
		const discovery: Record<string, unknown> = { title: options.title };
		if (options.description !== undefined) discovery.description = options.description;
		if (options.contact !== undefined) discovery.contact = options.contact;
		discovery.default = root;
		discovery.api_roots = [root];
		return taxiiResponse(discovery);
	});

	// §4.2
	app.get("/taxii2/:root/", (context) => {
		requireApiRoot(services, context.req.param("root"));
		const resource: Record<string, unknown> = { title: options.apiRoot.title };
		if (options.apiRoot.description !== undefined) resource.description = options.apiRoot.description;
		resource.versions = ["application/taxii+json;version=2.1"];
		resource.max_content_length = options.maxContentLength;
		return taxiiResponse(resource);
	});

	// §4.3: only the posting organisation reads a status; anyone else gets the unknown-id answer.
	app.get("/taxii2/:root/status/:statusId/", async (context) => {
		requireApiRoot(services, context.req.param("root"));
		const statusId = context.req.param("statusId");
		const user = context.get("user");
		const record = UUID.test(statusId)
			? await services.repository.loadStatus(statusId, services.nowMicros())
			: undefined;
		if (
			record === undefined ||
			record.organizationId !== user.organizationId ||
			record.apiRoot !== options.apiRoot.name
		) {
			throw notFound("status");
		}
		return taxiiResponse(record.resource);
	});
}
