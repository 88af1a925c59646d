// Who am I: the authenticated user, its organisation, and that organisation as the latest policy knows it.
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";

/** The account routes, over `services`. */
export function accountRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "GET /me",
			operationId: "me",
			tag: "account",
			summary: "Who am I",
			description:
				"Your user, role and organisation, and the party your organisation is in the latest policy.",
			action: "me.read",
			errors: [400],
			handle: async ({ user }) => {
				const organization = await services.store.getOrganization(user.organizationId);
				const policy = await services.store.getPolicy();
				const party = policy?.policy.parties.find((candidate) => candidate.id === user.organizationId);
				return {
					user: { id: user.id, name: user.name, role: user.role },
					organization:
						organization === undefined
							? null
							: {
									id: organization.id,
									name: organization.name,
									sectors: [...organization.sectors],
									jurisdictions: [...organization.jurisdictions],
								},
					party:
						party === undefined
							? null
							: {
									id: party.id,
									name: party.name,
									sector: party.sector,
									node: party.node,
									local: party.local,
								},
				};
			},
		}),
	];
}
