// Writing a collection (§5.5 Add Objects, §5.7 Delete an Object), through the same ingest as the CLI.
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import { type IngestItem, ingest, maskHidden, type ObjectResult } from "../../ingest/index.ts";
import type { Viewer } from "../../policy/index.ts";
import { auditActorOf, deletedEntry, formatMicros, publishedEntry, type User } from "../../store/index.ts";
import type { CollectionDefinition } from "./collections.ts";
import { deleteRequested } from "./delete-object.ts";
import { parseEnvelope } from "./envelope.ts";
import { isTaxiiContentType } from "./media-types.ts";
import { objectIdOf, requireRead } from "./object-read-routes.ts";
import { parseFilters } from "./query-params.ts";
import { readLimitedBody } from "./request-body.ts";
import { taxiiResponse } from "./respond.ts";
import { findCollection, requireApiRoot, type TaxiiServices, viewerOf } from "./services.ts";
import { StatusBuilder } from "./status-resource.ts";
import type { TaxiiHono } from "./types.ts";

const HOUR_MICROS = 3_600_000_000;

/** The id and version a status detail names for element `index`, whatever shape it has. */
function identify(objects: readonly unknown[], index: number): { id: string; version: string } {
	const element = objects[index];
	const record = typeof element === "object" && element !== null ? (element as Record<string, unknown>) : {};
	const id = typeof record.id === "string" ? record.id : `objects[${index}]`;
	const version =
		typeof record.modified === "string"
			? record.modified
			: typeof record.created === "string"
				? record.created
				: "";
	return { id, version };
}

/** Elements the collection cannot hold (a type outside its filter) fail here rather than vanish after storing. */
function outsideCollection(collection: CollectionDefinition, element: unknown): string | undefined {
	const types = collection.filter.types;
	if (types === undefined || typeof element !== "object" || element === null) return undefined;
	const type = (element as Record<string, unknown>).type;
	return typeof type === "string" && !types.includes(type)
		? `this collection holds only ${types.join(", ")}; ${type} is not accepted`
		: undefined;
}

/** Whether the poster's organisation receives no version of `id` (then results about it must not say it exists). */
function hiddenFrom(services: TaxiiServices, viewer: Viewer): (id: string) => Promise<boolean> {
	return async (id) => {
		const versions = await services.store.getVersions(id, ["all"]);
		const released = await services.gate.releasePage(viewer, versions);
		return !released.some((object) => object !== undefined);
	};
}

/** §5.5: validate → authorise → ingest → status (202). The whole body is checked before anything is stored. */
async function addObjects(
	services: TaxiiServices,
	request: Request,
	user: User,
	local: boolean,
	viewer: Viewer,
	idOrAlias: string,
): Promise<Response> {
	const { collection, access } = await findCollection(services, user, local, idOrAlias);
	if (!access.canWrite)
		throw new AppError("E_TAXII_DENIED", "you may read this collection but not add objects to it");
	if (!isTaxiiContentType(request.headers.get("content-type") ?? undefined)) {
		throw new AppError(
			"E_TAXII_UNSUPPORTED_MEDIA_TYPE",
			"POST a TAXII envelope with Content-Type: application/taxii+json;version=2.1 (§5.5)",
		);
	}
	const requestTimestamp = formatMicros(services.nowMicros());
	const objects = parseEnvelope(
		await readLimitedBody(request, services.options.maxContentLength, services.bodies),
	);
	const status = new StatusBuilder(objects.length);
	const items: IngestItem[] = [];
	objects.forEach((object, index) => {
		const refusal = outsideCollection(collection, object);
		if (refusal === undefined) items.push({ index, object });
		else status.fail({ ...identify(objects, index), message: refusal });
	});
	const results: ObjectResult[] = [];
	await ingest(services.store, items, {
		provenance: { organizationId: user.organizationId, source: `taxii:collection/${collection.id}` },
		onCommitted: (committed) => {
			results.push(...committed);
		},
	});
	await services.store.appendAudit(
		publishedEntry(auditActorOf(user, "taxii"), results, `taxii:${collection.id}`),
	);
	for (const result of await maskHidden(results, hiddenFrom(services, viewer)))
		status.addResult(result, (index) => identify(objects, index));
	const resource = status.finish(randomUUID(), requestTimestamp);
	await services.repository.saveStatus({
		resource,
		apiRoot: services.options.apiRoot.name,
		organizationId: user.organizationId,
		expiresAt: formatMicros(services.nowMicros() + services.options.statusRetentionHours * HOUR_MICROS),
	});
	return taxiiResponse(resource, 202);
}

export function registerObjectWriteRoutes(app: TaxiiHono, services: TaxiiServices): void {
	app.post("/taxii2/:root/collections/:collectionId/objects/", async (context) => {
		requireApiRoot(services, context.req.param("root"));
		const user = context.get("user");
		return addObjects(
			services,
			context.req.raw,
			user,
			context.get("local"),
			viewerOf(user, context.get("purpose")),
			context.req.param("collectionId"),
		);
	});

	// §5.7: needs can_read and can_write; removes every version (then GET answers 404), or those the filters select.
	app.delete("/taxii2/:root/collections/:collectionId/objects/:objectId/", async (context) => {
		const filters = parseFilters(new URL(context.req.url).searchParams, "delete");
		requireApiRoot(services, context.req.param("root"));
		const user = context.get("user");
		const local = context.get("local");
		const { collection, access } = await findCollection(
			services,
			user,
			local,
			context.req.param("collectionId"),
		);
		requireRead(access);
		if (!access.canWrite)
			throw new AppError("E_TAXII_DENIED", "you may read this collection but not delete from it");
		const objectId = objectIdOf(context);
		const viewer = viewerOf(user, context.get("purpose"));
		await deleteRequested(services, { user, local, viewer, collection, objectId }, filters);
		await services.store.appendAudit(deletedEntry(auditActorOf(user, "taxii"), objectId, filters.versions));
		return taxiiResponse({});
	});
}
