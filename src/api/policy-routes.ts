// The sharing policy: read it, replace it (validated whole), list its versions, explain and preview decisions.
import { AppError } from "../errors/index.ts";
import { summarisePolicy } from "../policy/index.ts";
import type { StoredVersion, User } from "../store/index.ts";
import type { Purpose } from "./gate.ts";
import { applyPolicyText, ifMatchVersion } from "./policy-apply.ts";
import { objectNotFound } from "./released-object.ts";
import { POLICY_MEDIA_TYPES, readPolicyRequest } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import { PolicyApplyBody, PolicyFileText } from "./shapes/index.ts";

/**
 * The version of an object (the latest, or the one modified at `version`) that the requester's own
 * organisation receives: operators explain and preview only what they may see themselves, so these
 * routes reveal no more than GET /objects/{id} and /objects/{id}/versions.
 */
async function visibleVersion(
	services: ApiServices,
	user: User,
	id: string,
	purpose: Purpose,
	version: string | undefined,
): Promise<StoredVersion> {
	const [selected] = await services.store.getVersions(id, [
		version === undefined ? "last" : { modified: version },
	]);
	if (selected === undefined) throw objectNotFound();
	const released = await services.gate.release(viewerOf(user, purpose), selected);
	if (released === undefined || released.id !== id) throw objectNotFound();
	return selected;
}

/** The policy routes, over `services`. */
export function policyRoutes(services: ApiServices): ApiRoute[] {
	const { store, gate } = services;
	return [
		defineRoute({
			route: "GET /policy",
			operationId: "getPolicy",
			tag: "policy",
			summary: "Get the policy",
			description:
				"A policy version (the latest by default): its record, a summary, its parties and communities, and the file as applied. " +
				'Its `ETag` is the version ("3"), for PUT /policy\'s `If-Match`.',
			action: "policy.read",
			errors: [400, 403, 404],
			handle: async ({ query, context }) => {
				const stored = await store.getPolicy(query.version);
				if (stored === undefined) {
					throw new AppError(
						"E_POLICY_NOT_FOUND",
						query.version === undefined
							? "no policy has been applied yet"
							: `there is no policy version ${query.version}`,
					);
				}
				const { version, appliedAt, appliedBy, text, policy } = stored;
				// The version as an entity tag: PUT /policy with `If-Match` of it applies only on this version (D63).
				context.header("ETag", `"${version}"`);
				const parties = policy.parties.map(({ id, name, node, local, status }) => ({
					id,
					name,
					node,
					local,
					status,
				}));
				const communities = policy.communities.map(({ id, name }) => ({ id, name }));
				return {
					version,
					appliedAt,
					appliedBy,
					summary: summarisePolicy(policy),
					parties,
					communities,
					text,
				};
			},
		}),
		defineRoute({
			route: "PUT /policy",
			operationId: "putPolicy",
			tag: "policy",
			summary: "Apply a policy file",
			description:
				"Validates the file whole and stores it as the next version; on any error nothing is applied and " +
				"the 400 answer lists every error with its line and column (`details.errors`, code E_POLICY_INVALID). " +
				"A file identical to the latest version is not stored again (`applied: false`). With `baseVersion` (JSON) or " +
				'`If-Match: "N"`, applies only on that version: another latest answers 409 E_POLICY_CONFLICT naming it ' +
				"(`details.current`). A file leaving every partner nothing beyond TLP:CLEAR answers 409 " +
				"E_POLICY_CUTS_OFF_PARTNERS (`details.parties`) unless `confirmCutOff` is true (D63).",
			action: "policy.write",
			requestBody: {
				content: Object.fromEntries(
					POLICY_MEDIA_TYPES.map((type) => [
						type,
						type === "application/json" ? PolicyApplyBody : PolicyFileText,
					]),
				),
			},
			errors: [400, 403, 409, 413, 415],
			handle: async ({ user, query, context }) => {
				const body = await readPolicyRequest(
					context,
					services.maxBodyBytes,
					PolicyApplyBody,
					services.bodies,
				);
				const fromHeader = ifMatchVersion(context);
				const fromBody = "baseVersion" in body ? body.baseVersion : undefined;
				const confirmed = "confirmCutOff" in body ? body.confirmCutOff : undefined;
				return applyPolicyText(services, user, {
					text: body.text,
					baseVersion: fromBody ?? fromHeader,
					confirmCutOff: confirmed === true || query.confirmCutOff,
				});
			},
		}),
		defineRoute({
			route: "GET /policy/versions",
			operationId: "listPolicyVersions",
			tag: "policy",
			summary: "List policy versions",
			description: "Every applied version, oldest first, without content.",
			action: "policy.read",
			errors: [400, 403],
			handle: async () => ({ items: await store.listPolicyVersions() }),
		}),
		defineRoute({
			route: "GET /policy/explain",
			operationId: "explainDecision",
			tag: "policy",
			summary: "Explain a decision",
			description:
				"What party `to` would receive of the object's latest version (or `version`) for `purpose`, with every rule " +
				"consulted. 404 (as for a missing object) unless your own organisation receives the object.",
			action: "policy.explain",
			errors: [400, 403, 404],
			handle: async ({ user, query }) => {
				const selected = await visibleVersion(services, user, query.object, query.purpose, query.version);
				const decision = await gate.explain(selected, query.to, query.purpose);
				return { object: query.object, to: query.to, purpose: query.purpose, decision };
			},
		}),
		defineRoute({
			route: "GET /policy/preview",
			operationId: "previewRelease",
			tag: "policy",
			summary: "Preview who receives an object",
			description:
				"Every party of the policy and what it would receive of the object's latest version (or `version`) for " +
				"`purpose`. 404 (as for a missing object) unless your own organisation receives the object.",
			action: "policy.explain",
			errors: [400, 403, 404],
			handle: async ({ user, query }) => {
				const selected = await visibleVersion(services, user, query.object, query.purpose, query.version);
				const parties = await gate.preview(selected, query.purpose);
				return { object: query.object, purpose: query.purpose, parties };
			},
		}),
	];
}
