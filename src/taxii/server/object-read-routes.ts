// Reading a collection (§5.3, §5.4, §5.6, §5.8): filters, signed paging, the egress gate, date-added headers.
import type { Context } from "hono";
import { AppError } from "../../errors/index.ts";
import type { Viewer } from "../../policy/index.ts";
import { type StixObject, versionOf } from "../../stix/core.ts";
import type { StoredVersion, VersionSelector } from "../../store/index.ts";
import type { CollectionAccess, CollectionDefinition } from "./collections.ts";
import { STIX_MEDIA_TYPE } from "./media-types.ts";
import { ownPage, ownReleased } from "./own-page.ts";
import { openNext, type PageBinding, signNext } from "./page-token.ts";
import { type Endpoint, isStixId, parseFilters, type TaxiiFilters } from "./query-params.ts";
import { inCollection, type ReleasedPage, readReleasedPage, visibleVersions } from "./released-page.ts";
import { dateAddedHeaders, notFound, taxiiResponse } from "./respond.ts";
import { findCollection, requireApiRoot, type TaxiiServices, viewerOf } from "./services.ts";
import type { TaxiiEnv, TaxiiHono } from "./types.ts";

type ReadEndpoint = Exclude<Endpoint, "delete">;

/** §5.3–§5.8: a collection that is visible but not readable answers 403, as the endpoint tables allow. */
export function requireRead(access: CollectionAccess): void {
	if (!access.canRead) {
		throw new AppError("E_TAXII_DENIED", "you may add objects to this collection but not read it");
	}
}

/** The object id of a path, checked for shape (§5.6: for STIX, the STIX id). */
export function objectIdOf(context: Context<TaxiiEnv>): string {
	const objectId = context.req.param("objectId") ?? "";
	if (!isStixId(objectId)) {
		throw new AppError(
			"E_TAXII_PARAMETER",
			"the object id in the path is not a STIX identifier (type--UUID)",
			{
				details: { parameter: "object-id" },
			},
		);
	}
	return objectId;
}

interface ReadContext {
	endpoint: ReadEndpoint;
	collection: CollectionDefinition;
	filters: TaxiiFilters;
	page: ReleasedPage;
	next?: string;
}

/** Validate → authorise → read one released page → sign its `next`. Shared by the four read endpoints. */
async function readPage(
	services: TaxiiServices,
	context: Context<TaxiiEnv>,
	endpoint: ReadEndpoint,
	defaultVersions: readonly VersionSelector[],
): Promise<ReadContext> {
	const filters = parseFilters(new URL(context.req.url).searchParams, endpoint);
	requireApiRoot(services, context.req.param("root") ?? "");
	const user = context.get("user");
	const { collection, access } = await findCollection(
		services,
		user,
		context.get("local"),
		context.req.param("collectionId") ?? "",
	);
	requireRead(access);
	const viewer = viewerOf(user, context.get("purpose"));
	let objectId: string | undefined;
	let storedIds: readonly string[] | undefined;
	let versions: VersionSelector[] | undefined;
	if (endpoint === "object" || endpoint === "versions") {
		objectId = objectIdOf(context);
		const visible = await visibleVersions(services.store, services.gate, viewer, collection, objectId);
		if (visible.length === 0) {
			// Perhaps the id of a transformed copy this viewer received (D29); otherwise the one 404 of a missing object.
			storedIds = await originalsReleasedAs(services, viewer, collection, objectId);
			if (storedIds.length === 0) {
				// Perhaps the viewer's own versions, set aside because another organisation owns the id (D30, D35).
				const own = await ownReleased(services.store, services.gate, viewer, collection, objectId);
				if (own.length === 0) throw notFound("object");
				return { endpoint, collection, filters, page: ownPage(own, filters, defaultVersions) };
			}
		} else versions = releasedSelectors(filters.versions ?? defaultVersions, visible);
	}
	const secret = await services.pageSecret();
	const { limit: _limit, next: _next, ...bound } = filters;
	const binding: PageBinding = {
		userId: user.id,
		query: JSON.stringify({
			endpoint,
			// A page token is bound to the purpose too: another purpose may release other objects.
			purpose: viewer.purpose,
			root: services.options.apiRoot.name,
			collection: collection.id,
			objectId,
			bound,
		}),
	};
	const after = filters.next === undefined ? undefined : openNext(secret, binding, filters.next);
	const page = await readReleasedPage(services.store, services.gate, {
		viewer,
		collection,
		filters: versions === undefined ? filters : { ...filters, versions },
		defaultVersions,
		...(objectId === undefined ? {} : { objectId }),
		...(storedIds === undefined ? {} : { storedIds }),
		...(after === undefined ? {} : { after }),
	});
	const read: ReadContext = { endpoint, collection, filters, page };
	if (page.cursor !== undefined) {
		read.next = signNext(secret, binding, page.cursor);
		services.nextTokens.issue(user.id, read.next);
	}
	return read;
}

/**
 * `first` and `last` as the versions released to the viewer (D35): the first and last of `visible` (its released
 * versions, oldest first), never a stored version it may not see, so `{}` never proves that a hidden one exists.
 */
function releasedSelectors(
	selectors: readonly VersionSelector[],
	visible: readonly StoredVersion[],
): VersionSelector[] {
	const first = visible[0];
	const last = visible.at(-1);
	return selectors.map((selector) => {
		// An unversioned object (version "") has one version: the store's own first and last are that one.
		if (selector === "first" && first !== undefined && first.version !== "")
			return { modified: first.version };
		if (selector === "last" && last !== undefined && last.version !== "") return { modified: last.version };
		return selector;
	});
}

/**
 * The stored ids whose copies the viewer receives under `derivedId` in this collection (D29): the originals
 * recorded for it, kept only where some version is released to this viewer as a copy carrying exactly that id.
 * Empty for a viewer who receives them in full, transformed otherwise or not at all: another party's derived
 * id never leads to the original.
 */
async function originalsReleasedAs(
	services: TaxiiServices,
	viewer: Viewer,
	collection: CollectionDefinition,
	derivedId: string,
): Promise<string[]> {
	const out: string[] = [];
	for (const originalId of await services.store.originalsOf(derivedId)) {
		const versions = (await services.store.getVersions(originalId, ["all"])).filter((version) =>
			inCollection(collection, version),
		);
		const released = await services.gate.releasePage(viewer, versions);
		if (released.some((object) => object?.id === derivedId)) out.push(originalId);
	}
	return out;
}

/**
 * `more`/`next` then the list (§3.7, §5.3.1, §5.8.1). A page with items says `more` even when false (absent means
 * false, but clients test `more is False`: medallion's tests do); an empty final page is `{}`, the empty object
 * the spec asks for, without date-added headers (§3.2 dates the page's items; there are none).
 */
function paged(read: ReadContext, key: string, list: unknown[]): Response {
	const body: Record<string, unknown> = {};
	if (list.length > 0 || read.page.more) body.more = read.page.more;
	if (read.next !== undefined) body.next = read.next;
	if (list.length > 0) body[key] = list;
	const { first, last } = read.page;
	return taxiiResponse(
		body,
		200,
		first === undefined || last === undefined ? {} : dateAddedHeaders(first, last),
	);
}

export function registerObjectReadRoutes(app: TaxiiHono, services: TaxiiServices): void {
	// §5.4 Get Objects
	app.get("/taxii2/:root/collections/:collectionId/objects/", async (context) => {
		const read = await readPage(services, context, "objects", ["last"]);
		return paged(
			read,
			"objects",
			read.page.items.map((item) => item.object),
		);
	});

	// §5.3 Get Object Manifests: one record per released version, describing the copy as released.
	app.get("/taxii2/:root/collections/:collectionId/manifest/", async (context) => {
		const read = await readPage(services, context, "manifest", ["last"]);
		return paged(
			read,
			"objects",
			read.page.items.map(({ version, object }) => ({
				id: object.id,
				date_added: version.dateAdded,
				version: releasedVersion(version, object),
				media_type: STIX_MEDIA_TYPE,
			})),
		);
	});

	// §5.6 Get an Object: 404 when no version is visible here, `{}` when the filters exclude every one.
	app.get("/taxii2/:root/collections/:collectionId/objects/:objectId/", async (context) => {
		const read = await readPage(services, context, "object", ["last"]);
		return paged(
			read,
			"objects",
			read.page.items.map((item) => item.object),
		);
	});

	// §5.8 Get Object Versions, in date_added order like every paged endpoint (§3.3).
	app.get("/taxii2/:root/collections/:collectionId/objects/:objectId/versions/", async (context) => {
		const read = await readPage(services, context, "versions", ["all"]);
		return paged(
			read,
			"versions",
			read.page.items.map(({ version, object }) => releasedVersion(version, object)),
		);
	});
}

/**
 * The version a manifest or versions list names: the released copy's `modified`/`created`, else (an
 * observable's statement, D31) the stored version, so that `match[version]` finds it again.
 */
function releasedVersion(version: StoredVersion, object: StixObject): string {
	return versionOf(object) || version.version;
}
