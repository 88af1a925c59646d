// Who may add a version to an id the store already holds: the rule every backend applies under its write lock.
import { contentJson } from "./content-diff.ts";
import type { VersionAuthority } from "./store.ts";

/** The first version recorded for an id (lowest date_added): its organisation and its body as stored. */
export interface FirstRecorded {
	organizationId: string;
	body: string;
	/**
	 * Set when the id holds no version because it was deleted: `organizationId` is the owner its tombstone
	 * keeps (the first recorder's organisation when it was deleted) and `body` is empty.
	 */
	deleted?: true;
}

/**
 * Why a new (id, version) may not be added, or undefined when it may. `first` is the id's first recorded
 * version (undefined: the id is new, anyone may start it), or the owner a deleted id's tombstone keeps: only
 * that owner's house records a deleted id again (an immutable one, only that owner). The reason names the
 * conflict, so the poster and the operator's quarantine list say who owns the id.
 * @example authorityProblem("indicator--…", { versioners: ["identity--b"] }, "identity--b", body, first)
 * // → "indicator--… belongs to identity--a; identity--b may not version it (…)"
 */
export function authorityProblem(
	id: string,
	authority: VersionAuthority | undefined,
	organizationId: string,
	body: string,
	first: FirstRecorded | undefined,
): string | undefined {
	if (authority === undefined || first === undefined) return undefined;
	if (first.deleted === true) {
		const allowed =
			authority === "immutable"
				? first.organizationId === organizationId
				: authority.versioners.includes(first.organizationId);
		if (allowed) return undefined;
		return `${id} belonged to ${first.organizationId} until it was deleted; ${organizationId} may not record it again (only the organisation that first recorded an id records it again after its deletion)`;
	}
	if (authority === "immutable") {
		if (first.body === body) return undefined;
		if (contentJson(JSON.parse(first.body)) === contentJson(JSON.parse(body))) return undefined;
		return `${id} is already defined; a marking definition is never versioned (STIX 2.1 §7.2.1), so other content under its id is refused`;
	}
	if (authority.versioners.includes(first.organizationId)) return undefined;
	return `${id} belongs to ${first.organizationId}; ${organizationId} may not version it (only the organisation that first recorded an object adds its versions or revokes it)`;
}
