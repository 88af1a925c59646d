// §5.7 Delete an Object: every version, or exactly the versions `match[version]` and `match[spec_version]` select.
import { AppError } from "../../errors/index.ts";
import type { Viewer } from "../../policy/index.ts";
import { versionOf } from "../../stix/core.ts";
import { type StoredVersion, type User, type VersionSelector, versionKey } from "../../store/index.ts";
import type { CollectionDefinition } from "./collections.ts";
import type { TaxiiFilters } from "./query-params.ts";
import { visibleVersions } from "./released-page.ts";
import { notFound } from "./respond.ts";
import type { TaxiiServices } from "./services.ts";

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

/**
 * The versions a §5.7 filter selects among those the viewer sees (`visible`, oldest version first): `first` and
 * `last` are the viewer's first and last (D35), a timestamp names a version by its instant (an observable's
 * statement by the date_added-based version it is listed under, D57), `all` every one; AND-ed with the spec versions.
 */
export function selectVersions(visible: readonly StoredVersion[], filters: TaxiiFilters): StoredVersion[] {
	const selectors: readonly VersionSelector[] = filters.versions ?? ["all"];
	const exact = new Set(selectors.flatMap((s) => (typeof s === "object" ? [versionKey(s.modified)] : [])));
	return visible.filter((version, index) => {
		if (filters.specVersions !== undefined && !filters.specVersions.includes(version.specVersion))
			return false;
		return (
			selectors.includes("all") ||
			(selectors.includes("first") && index === 0) ||
			(selectors.includes("last") && index === visible.length - 1) ||
			exact.has(versionKey(version.version))
		);
	});
}

/**
 * Deletes what the request names, after the authority check (D35, D57), and resolves once it is gone. Without a
 * filter: the object whole (an observable: the caller's own statement, unless a node admin asks). With one: exactly
 * the selected versions the viewer sees, 404 when none matches. Either way a partner never deletes another
 * organisation's object or statement (403), and a version the viewer cannot see is neither selected nor revealed.
 */
export async function deleteRequested(
	services: TaxiiServices,
	request: { user: User; local: boolean; viewer: Viewer; collection: CollectionDefinition; objectId: string },
	filters: TaxiiFilters,
): Promise<void> {
	const { user, local, viewer, collection, objectId } = request;
	const visible = await visibleVersions(services.store, services.gate, viewer, collection, objectId);
	if (visible.length === 0) throw notFound("object");
	const every = await services.store.getVersions(objectId, ["all"]);
	// An observable is one statement per contributor (D31): its contributor deletes its own statement only,
	// whoever else stated the value; the node's admins still delete any.
	const stated = every.every((version) => versionOf(version.object) === "");
	const nodeAdmin = local && user.role === "admin";
	if (filters.versions === undefined && filters.specVersions === undefined) {
		const own = every.some((version) => version.provenance.organizationId === user.organizationId);
		if (stated && own && !nodeAdmin) {
			await services.store.deleteObject(objectId, user.organizationId);
			return;
		}
		refuseUnless(deletionRefusal(every, user, local));
		await services.store.deleteObject(objectId);
		return;
	}
	const selected = selectVersions(visible, filters);
	if (selected.length === 0) {
		throw new AppError(
			"E_TAXII_NO_SUCH_RESOURCE",
			"no version of this object in this collection matches match[version] and match[spec_version]",
		);
	}
	if (stated) {
		const others = selected.some((version) => version.provenance.organizationId !== user.organizationId);
		if (others && !nodeAdmin)
			refuseUnless(
				"only the organisation that stated an observable, or this node's admins, may delete its statement",
			);
	} else refuseUnless(deletionRefusal(every, user, local));
	await services.store.deleteVersions(
		objectId,
		selected.map((version) => version.dateAdded),
	);
}

function refuseUnless(refusal: string | undefined): void {
	if (refusal !== undefined) throw new AppError("E_TAXII_NOT_ORIGINATOR", refusal);
}
