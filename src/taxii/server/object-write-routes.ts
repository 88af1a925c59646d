// Writing a collection (§5.5 Add Objects, §5.7 Delete an Object), through the same ingest as the CLI.
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import { type IngestItem, ingest, maskHidden, type ObjectResult } from "../../ingest/index.ts";
import type { Viewer } from "../../policy/index.ts";
import { versionOf } from "../../stix/core.ts";
import { formatMicros, type StoredVersion, type User } from "../../store/index.ts";
import type { CollectionDefinition } from "./collections.ts";
import { parseEnvelope } from "./envelope.ts";
import { isTaxiiContentType } from "./media-types.ts";
import { objectIdOf, requireRead } from "./object-read-routes.ts";
import { parseFilters } from "./query-params.ts";
import { visibleVersions } from "./released-page.ts";
import { readLimitedBody } from "./request-body.ts";
import { notFound, taxiiResponse } from "./respond.ts";
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

/** The organisation an object belongs to: the origin of its first recorded version (whatever later ones say). */
export function firstOriginOf(versions: readonly StoredVersion[]): string | undefined {
	let first: StoredVersion | undefined;
	for (const version of versions)
		if (first === undefined || version.dateAdded < first.dateAdded) first = version;
	return first?.provenance.organizationId;
}

/**
 * Why `user` may not delete an object (every version of it, for everyone), or undefined when it may (D35): its
 * originator's users may, whoever else added versions; otherwise only an admin of the node's own organisations.
 * A partner's user never deletes another organisation's object, whatever its role.
 */
export function deletionRefusal(
	versions: readonly StoredVersion[],
	user: User,
	local: boolean,
): string | undefined {
	const origin = firstOriginOf(versions);
	if (origin === user.organizationId) return undefined;
	if (!local)
		return "only the organisation that contributed this object, or this node's operators, may delete it";
	if (user.role !== "admin") return "only an admin may delete objects another organisation contributed";
	return undefined;
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

	// §5.7: needs can_read and can_write; removes every version, after which GET answers 404.
	app.delete("/taxii2/:root/collections/:collectionId/objects/:objectId/", async (context) => {
		const filters = parseFilters(new URL(context.req.url).searchParams, "delete");
		requireApiRoot(services, context.req.param("root"));
		const user = context.get("user");
		const { collection, access } = await findCollection(
			services,
			user,
			context.get("local"),
			context.req.param("collectionId"),
		);
		requireRead(access);
		if (!access.canWrite)
			throw new AppError("E_TAXII_DENIED", "you may read this collection but not delete from it");
		const objectId = objectIdOf(context);
		if (filters.versions !== undefined || filters.specVersions !== undefined) {
			throw new AppError(
				"E_TAXII_PARAMETER",
				"deleting single versions is not supported yet; omit match[version] and match[spec_version] to delete every version",
				{ details: { parameter: filters.versions !== undefined ? "match[version]" : "match[spec_version]" } },
			);
		}
		const viewer = viewerOf(user, context.get("purpose"));
		const visible = await visibleVersions(services.store, services.gate, viewer, collection, objectId);
		if (visible.length === 0) throw notFound("object");
		const every = await services.store.getVersions(objectId, ["all"]);
		// An observable is one statement per contributor (D31): its contributor deletes its own statement only,
		// whoever else stated the value; the node's admins still delete the object whole.
		const stated = every.every((version) => versionOf(version.object) === "");
		const own = every.some((version) => version.provenance.organizationId === user.organizationId);
		if (stated && own && !(context.get("local") && user.role === "admin")) {
			await services.store.deleteObject(objectId, user.organizationId);
			return taxiiResponse({});
		}
		const refusal = deletionRefusal(every, user, context.get("local"));
		if (refusal !== undefined) throw new AppError("E_TAXII_NOT_ORIGINATOR", refusal);
		await services.store.deleteObject(objectId);
		return taxiiResponse({});
	});
}
