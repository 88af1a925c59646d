// Policy parties as organisations: so that a partner party's users can exist on this node.
import type { Policy } from "../policy/index.ts";
import type { Organization, Store } from "../store/index.ts";

/**
 * Creates or updates an organisation for every party of `policy` (name, sector, jurisdictions, and
 * `local` as the policy says), keeping each existing one's creation time. Organisations that are not
 * parties are left as they are. Returns how many were created.
 */
export async function upsertPartyOrganizations(
	store: Store,
	policy: Policy,
	now = new Date(),
): Promise<number> {
	let created = 0;
	for (const party of policy.parties) {
		const existing = await store.getOrganization(party.id);
		if (existing === undefined) created++;
		const organization: Organization = {
			id: party.id,
			name: party.name,
			sectors: [party.sector],
			jurisdictions: [...party.jurisdictions],
			createdAt: existing?.createdAt ?? now.toISOString(),
			local: party.local,
		};
		await store.putOrganization(organization);
	}
	return created;
}
