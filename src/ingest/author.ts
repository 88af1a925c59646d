// Who an object may say wrote it (D30): a partner publishes only as itself, on every way in.
import type { Store } from "../store/index.ts";
import { embeddedAuthors } from "./embedded-authors.ts";

/** Why `object` may not be recorded under the poster's organisation, or undefined when it may. */
export type AuthorRule = (object: unknown) => { path: string; message: string } | undefined;

/**
 * The author rule for objects recorded under `organizationId`. The node's own organisations (the house)
 * are not restricted. A partner's object — its own `created_by_ref` and that of every object embedded in it
 * (a STIX 2.0 observed-data's `objects`, anything carried in a property) — may not name another party this
 * node knows: one of its own organisations, another organisation it records, a party of the applied policy
 * or a party a peer hosts. An author nobody here knows (a vendor's identity, e.g. MITRE's) stays allowed.
 * A partner's `sighting` may likewise say it was sighted only at itself or at someone nobody here knows: a
 * `where_sighted_refs` naming another known party would report that party's detections for it (D49).
 * Federation's `originProblem` applies the same rule to a peer's origin before ingest.
 * @example (await authorRule(store, PARTNER))({ created_by_ref: LOCAL, … })
 * // → { path: "$.created_by_ref", message: "created_by_ref identity--… names another organisation; …" }
 */
export async function authorRule(store: Store, organizationId: string): Promise<AuthorRule> {
	const organizations = await store.listOrganizations();
	const poster = organizations.find((o) => o.id === organizationId);
	if (poster !== undefined && poster.local !== false) return () => undefined;
	const known = new Set(organizations.map((o) => o.id));
	for (const party of (await store.getPolicy())?.policy.parties ?? []) known.add(party.id);
	for (const peer of await store.listPeers()) for (const party of peer.parties) known.add(party);
	known.delete(organizationId);
	// Nobody else known here: nobody to impersonate, and nothing to walk.
	if (known.size === 0) return () => undefined;
	const impersonates = (author: unknown): author is string =>
		typeof author === "string" && author !== organizationId && known.has(author);
	return (object) => {
		if (typeof object !== "object" || object === null || Array.isArray(object)) return undefined;
		const record = object as Record<string, unknown>;
		if (impersonates(record.created_by_ref))
			return {
				path: "$.created_by_ref",
				message: `created_by_ref ${record.created_by_ref} names another organisation; a partner publishes only as itself`,
			};
		const where = sightedAtAnother(record, impersonates);
		if (where !== undefined) return where;
		const embedded = embeddedAuthors(record).find((found) => impersonates(found.author));
		if (embedded !== undefined)
			return {
				path: embedded.path,
				message: `the embedded object at ${embedded.path} names ${embedded.author}, another organisation; a partner publishes only as itself`,
			};
		return undefined;
	};
}

/** The first `where_sighted_refs` entry of a sighting that names another known organisation, as an author problem. */
function sightedAtAnother(
	record: Record<string, unknown>,
	impersonates: (id: unknown) => boolean,
): { path: string; message: string } | undefined {
	const where = record.where_sighted_refs;
	if (record.type !== "sighting" || !Array.isArray(where)) return undefined;
	const index = where.findIndex(impersonates);
	if (index < 0) return undefined;
	return {
		path: `$.where_sighted_refs[${index}]`,
		message: `where_sighted_refs names ${String(where[index])}, another organisation; a partner reports only its own sightings`,
	};
}
