// Sharing through the API: preview what every party would receive of objects not yet stored, then publish them.
import { previewDraft } from "./draft-preview.ts";
import { publishObjects } from "./publish.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import { DEFAULT_PURPOSE, MAX_SHARE_OBJECTS, ShareBody } from "./shapes/index.ts";
import { readShareBody, STIX_MEDIA_TYPES } from "./stix-body.ts";

const requestBody = { content: Object.fromEntries(STIX_MEDIA_TYPES.map((type) => [type, ShareBody])) };

/** The share routes, over `services`. */
export function shareRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "POST /policy/preview",
			operationId: "previewDraft",
			tag: "policy",
			summary: "Preview who would receive objects before publishing them",
			description:
				"Validates each object as ingest would (every issue with its path, the STIX 2.0 upgrade, the marking " +
				"catalogue: an object with a marking this node does not understand is released to nobody) and, for each, " +
				"answers what every party would receive if your organisation published them now: the same `parties` " +
				"as GET /policy/preview and each party's decision as GET /policy/explain will give once they are stored, " +
				"and the copy the gate would release. Objects of one request see each other as stored objects do (a " +
				"report keeps only the references a party may receive; an indicator goes only with the values its " +
				`pattern names). **Nothing is stored** (\`stored: false\`). At most ${MAX_SHARE_OBJECTS} objects; any ` +
				'invalid object answers 400 with every issue, located as `["body", "objects", index, …]`.',
			action: "policy.explain",
			requestBody,
			errors: [400, 403, 413, 415],
			handle: async ({ user, query, context }) => {
				const body = await readShareBody(context, services.maxBodyBytes, services.bodies);
				return previewDraft(services, user, body.objects, body.purpose ?? query.purpose ?? DEFAULT_PURPOSE);
			},
		}),
		defineRoute({
			route: "POST /objects",
			operationId: "publishObjects",
			tag: "objects",
			summary: "Publish objects as your organisation",
			description:
				"Stores the objects as your organisation through the same ingest as TAXII Add Objects and `entente " +
				"import`; the federation then pushes what the egress gate releases to each peer, at once. Each object " +
				"stands alone, as in any ingest: a valid one is stored (or is a duplicate, or is quarantined when other " +
				"content is stored under its id and version), an invalid one is rejected whole with every issue and " +
				"stores nothing, and the others are still stored. Preview first (POST /policy/preview). A duplicate of " +
				"an object your organisation may not see reads as stored.",
			action: "objects.write",
			requestBody,
			errors: [400, 403, 413, 415],
			handle: async ({ user, query, context }) => {
				const body = await readShareBody(context, services.maxBodyBytes, services.bodies);
				const viewer = viewerOf(user, body.purpose ?? query.purpose ?? DEFAULT_PURPOSE);
				return publishObjects(services, user, body.objects, viewer);
			},
		}),
	];
}
