// A policy change's impact before it applies (D62): POST /policy/impact starts a job, GET /policy/impact/{job} follows it.
import { AppError } from "../errors/index.ts";
import { type Purpose, parsePolicyFile } from "../policy/index.ts";
import type { User } from "../store/index.ts";
import { ImpactJobs } from "./impact-jobs.ts";
import { POLICY_MEDIA_TYPES, readPolicyText } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import {
	type ImpactExample,
	ImpactJsonBody,
	PolicyFileText,
	type PolicyImpactResult,
} from "./shapes/index.ts";

/** Examples asked of the engine per party and direction; those the requester may not see are left out. */
const EXAMPLES_ASKED = 10;
const EXAMPLES_SHOWN = 3;

/** The impact routes, over `services`; their jobs live as long as the API. */
export function policyImpactRoutes(services: ApiServices): ApiRoute[] {
	const jobs = new ImpactJobs();
	return [
		defineRoute({
			route: "POST /policy/impact",
			operationId: "startPolicyImpact",
			tag: "policy",
			summary: "Preview a policy change's impact",
			description:
				"Starts comparing, for every party of the proposed policy (and of the applied one), how many stored objects " +
				"the gate releases to it now and would under the proposed file, with up to 3 examples of what it would gain " +
				"and lose and the deciding rule for each (only examples your own organisation receives). Answers 202 with the " +
				"job to follow at GET /policy/impact/{job}. Nothing is applied. A file with errors is refused as by PUT " +
				"/policy (E_POLICY_INVALID with every error's line and column); one job per user runs at a time.",
			action: "policy.explain",
			status: 202,
			requestBody: {
				content: Object.fromEntries(
					POLICY_MEDIA_TYPES.map((type) => [
						type,
						type === "application/json" ? ImpactJsonBody : PolicyFileText,
					]),
				),
			},
			errors: [400, 403, 409, 413, 415, 503],
			handle: async ({ user, query, context }) => {
				const text = await readPolicyText(context, services.maxBodyBytes, services.bodies);
				const parsed = parsePolicyFile(text, "policy.yaml", { nodeName: services.nodeName });
				if (!parsed.ok)
					throw new AppError(
						"E_POLICY_INVALID",
						`${parsed.errors.length} error(s) in the policy file; nothing was previewed`,
						{ details: { errors: parsed.errors } },
					);
				const impact = services.policyImpact;
				if (impact === undefined)
					throw new AppError(
						"E_POLICY_IMPACT_UNAVAILABLE",
						"this node's API was built without impact previews",
					);
				const total = await impact.total();
				const job = jobs.start(user.id, total, async (onProgress) => {
					const result = await impact.run(parsed.policy, {
						purpose: query.purpose,
						examples: EXAMPLES_ASKED,
						onProgress,
					});
					return visibleExamples(services, user, query.purpose, result);
				});
				return { job, total };
			},
		}),
		defineRoute({
			route: "GET /policy/impact/{job}",
			operationId: "getPolicyImpact",
			tag: "policy",
			summary: "Follow a policy impact preview",
			description:
				"The job's state (running, done or failed), its phase and progress (`done` of `total`), and once done the " +
				"impact per party. Jobs are your own, kept 10 minutes after they end.",
			action: "policy.explain",
			errors: [400, 403, 404],
			handle: async ({ user, params }) => jobs.get(user.id, params.job),
		}),
	];
}

/**
 * The result with only examples the requester's own organisation receives (as GET /policy/preview shows only such
 * objects), at most EXAMPLES_SHOWN each; the counts are the whole store's.
 */
async function visibleExamples(
	services: ApiServices,
	user: User,
	purpose: Purpose,
	result: PolicyImpactResult,
): Promise<PolicyImpactResult> {
	const ids = new Set<string>();
	for (const party of result.parties)
		for (const example of [...party.gainedExamples, ...party.lostExamples]) ids.add(example.id);
	const versions = await services.store.latestVersions([...ids]);
	const released = await services.gate.releasePage(viewerOf(user, purpose), versions);
	const visible = new Set<string>();
	versions.forEach((version, at) => {
		if (released[at] !== undefined) visible.add(version.id);
	});
	const shown = (list: readonly ImpactExample[]) =>
		list.filter((example) => visible.has(example.id)).slice(0, EXAMPLES_SHOWN);
	return {
		...result,
		parties: result.parties.map((party) => ({
			...party,
			gainedExamples: shown(party.gainedExamples),
			lostExamples: shown(party.lostExamples),
		})),
	};
}
