// Who may version what an ingest stores (D30): the store judges it; this says what to ask for, per type.
import { SCO_TYPES } from "../stix/types/index.ts";
import type { Store, VersionAuthority } from "../store/index.ts";

const OBSERVABLES: ReadonlySet<string> = new Set(SCO_TYPES);

/**
 * The authority each stored type is put with, for objects recorded under `organizationId`:
 * - a marking definition is never versioned (STIX 2.1 §7.2.1): `"immutable"`;
 * - a cyber-observable has no single owner (its id is computable from its value): none;
 * - anything else may be versioned (or revoked) only by the organisation that first recorded it. The
 *   node's own organisations are one house and version each other's objects; a partner only its own.
 * @example (await authorityRules(store, "identity--partner"))("indicator") // → { versioners: ["identity--partner"] }
 */
export async function authorityRules(
	store: Store,
	organizationId: string,
): Promise<(type: string) => VersionAuthority | undefined> {
	const locals = (await store.listOrganizations()).filter((o) => o.local !== false).map((o) => o.id);
	const owners: VersionAuthority = {
		versioners: locals.includes(organizationId) ? locals : [organizationId],
	};
	return (type) => (type === "marking-definition" ? "immutable" : OBSERVABLES.has(type) ? undefined : owners);
}
