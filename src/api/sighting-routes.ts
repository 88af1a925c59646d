// Sightings: record one (seen, false positive, expired) as a STIX sighting, and read an object's sightings with
// counts, a timeline and the decay score in words, from the sightings the gate releases to the reader.
import type { Context } from "hono";
import { AppError } from "../errors/index.ts";
import { sightedAt, summariseSightings } from "../intel/sightings/index.ts";
import { jsonLimits, parseJson } from "../json/index.ts";
import { recordSighting } from "./record-sighting.ts";
import { releasedLatest } from "./released-object.ts";
import { namesFor, releasedSightingsOf } from "./released-sightings.ts";
import { decoded, readBytes } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import { DEFAULT_PURPOSE, MAX_SIGHTING_BODY_BYTES, SightingBody } from "./shapes/index.ts";
import { parseInput } from "./validate.ts";

/** The sighting routes, over `services`. */
export function sightingRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "POST /sightings",
			operationId: "recordSighting",
			tag: "objects",
			summary: "Record a sighting: seen, false positive or expired",
			description:
				"Stores a STIX 2.1 `sighting` of `sighting_of_ref` by your organisation (`created_by_ref` and " +
				"`where_sighted_refs`), through the same ingest as POST /objects: it is marked as you choose and shared " +
				"by the policy like any object — a sighting says who saw what. A false positive or an expiry carries " +
				"`x_entente_sighting_kind` and OpenCTI's `x_opencti_negative: true` (D49). By default its only audience " +
				"is the originator of what was seen (`audience: originator`). What it sights (and any observed-data it " +
				"cites) must be released to you: otherwise 404, as for a missing object. A count outside 1 … 999,999,999, " +
				"first_seen after last_seen or a last_seen in the future answers 400.",
			action: "objects.write",
			requestBody: { content: { "application/json": SightingBody } },
			errors: [400, 403, 404, 413, 415],
			handle: async ({ user, context }) => {
				const body = parseInput("body", SightingBody, await readJson(context, services));
				return recordSighting(services, user, viewerOf(user, body.purpose ?? DEFAULT_PURPOSE), body);
			},
		}),
		defineRoute({
			route: "GET /objects/{id}/sightings",
			operationId: "objectSightings",
			tag: "objects",
			summary: "An object's sightings: counts, last seen, a timeline and the decay score",
			description:
				"Counts per kind and per organisation, the latest last_seen, counts per day, and a score from 0 to 100 " +
				"with its explanation in words (freshness with a half-life by the kind of value, corroboration by " +
				"organisations, false positives; expired when revoked, past valid_until or reported expired: D49). " +
				"Computed now from the sightings released to you: one you may not receive counts for nothing. " +
				"404 for an object you do not receive, as for a missing one.",
			action: "objects.read",
			errors: [400, 404],
			handle: async ({ user, params, query }) => {
				const viewer = viewerOf(user, query.purpose);
				const target = await releasedLatest(services, viewer, params.id);
				const { sightings, truncated } = await releasedSightingsOf(services, viewer, target.object.id);
				const names = await namesFor(services, viewer, sightings.flatMap(sightedAt));
				const summary = summariseSightings(target.object, sightings, new Date(), (id) => names.get(id));
				return { id: target.object.id, ...summary, truncated };
			},
		}),
	];
}

/** The JSON body of a sighting, read under MAX_SIGHTING_BODY_BYTES and the untrusted-JSON rules. */
async function readJson(context: Context, services: ApiServices): Promise<unknown> {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (mediaType !== "application/json")
		throw new AppError("E_API_MEDIA_TYPE", "send the sighting as application/json", {
			details: { accepted: ["application/json"] },
		});
	const limit = Math.min(services.maxBodyBytes, MAX_SIGHTING_BODY_BYTES);
	const bytes = await readBytes(context, limit, services.bodies);
	return decoded(() => parseJson(bytes, jsonLimits({ maxBytes: limit })));
}
