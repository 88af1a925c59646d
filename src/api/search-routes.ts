// The index-backed routes: suggestions, a value's page, an object's correlations and bulk matching. Each answers
// from the observable index through the egress gate: only released copies, counts of released copies only (D48).
import { matchValues, observableOfInput } from "../intel/index.ts";
import type { Observable } from "../observables/index.ts";
import { indexed } from "./indexed.ts";
import { readMatchBody } from "./match-body.ts";
import { releaseFor } from "./released-ids.ts";
import { releasedLatest } from "./released-object.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import {
	DEFAULT_PURPOSE,
	MAX_MATCH_BODY_BYTES,
	MAX_MATCH_VALUES,
	MAX_MATCHES_PER_VALUE,
	MatchBody,
	type MatchResult,
} from "./shapes/index.ts";
import { suggest } from "./suggest.ts";
import { invalidInput } from "./validate.ts";
import { correlationsOf, valuePage, warninglistsOf } from "./value-page.ts";

const matchRequestBody = { content: { "application/json": MatchBody } };

/** A value that is not one, as the one 400 of a value's page. */
function notAValue(path: readonly (string | number)[], error: string) {
	return invalidInput([{ path: [...path], code: "invalid_value", message: error }]);
}

/** The routes over the observable index, over `services`. */
export function searchRoutes(services: ApiServices): ApiRoute[] {
	return [
		defineRoute({
			route: "GET /suggest",
			operationId: "suggest",
			tag: "objects",
			summary: "Suggest values and names as you type",
			description:
				"Values (IPs, domains, hashes, …) and names starting with `q`, most-named first, each named by an " +
				"object released to you as released; and `value`, what `q` reads as when it is already a value, with " +
				"the warninglists it is on.",
			action: "objects.read",
			errors: [400],
			handle: async ({ user, query }) =>
				suggest(await indexed(services), viewerOf(user, query.purpose), query.q, query.limit, (o) =>
					warninglistsOf(services, o),
				),
		}),
		defineRoute({
			route: "GET /values/{kind}/{value}",
			operationId: "getValue",
			tag: "objects",
			summary: "A value's page: where it appears",
			description:
				"The value in its normal form, the objects released to you naming it or a related value (an address " +
				"within a range, a range containing it, sub- and parent domains, other hashes of one file), counted by " +
				"relation and by source (the released copy's `created_by_ref`), and `tooCommon` when it is named by " +
				"more objects than a value usually is; the warninglists it is on (flagged, never hidden); and the " +
				"sightings released to you of the objects naming it exactly (the first 50), with counts, a timeline " +
				"and the value's decay score in words. A value no released object names answers with empty lists, " +
				"exactly as one nothing names.",
			action: "objects.read",
			errors: [400],
			handle: async ({ user, params, query }) => {
				const o = observableOfInput({ kind: params.kind, value: params.value });
				if ("error" in o) throw notAValue(["path", "value"], o.error);
				return valuePage(services, viewerOf(user, query.purpose), o, query.limit);
			},
		}),
		defineRoute({
			route: "GET /values",
			operationId: "classifyValue",
			tag: "objects",
			summary: "A value's page, its kind guessed",
			description:
				"GET /values/{kind}/{value} for a value as found (`evil[.]com`, `hxxps://…`, `10.0.0.0/8`): refanged, " +
				"its kind guessed. 400 when it reads as no value.",
			action: "objects.read",
			errors: [400],
			handle: async ({ user, query }) => {
				const o = observableOfInput(query.value);
				if ("error" in o) throw notAValue(["query", "value"], o.error);
				return valuePage(services, viewerOf(user, query.purpose), o satisfies Observable, query.limit);
			},
		}),
		defineRoute({
			route: "GET /objects/{id}/correlations",
			operationId: "listObjectCorrelations",
			tag: "objects",
			summary: "Other objects sharing a value with an object",
			description:
				"For each value the object's released copy names, the other objects released to you naming it or a " +
				"related value, with counts and sources; computed when asked (no table of pairs). 404 exactly as " +
				"GET /objects/{id} when the object does not exist or is not released to you.",
			action: "objects.read",
			errors: [400, 404],
			handle: async ({ user, params, query }) => {
				const viewer = viewerOf(user, query.purpose);
				const { object } = await releasedLatest(services, viewer, params.id);
				return correlationsOf(await indexed(services), viewer, object, query.limit);
			},
		}),
		defineRoute({
			route: "POST /match",
			operationId: "matchValues",
			tag: "objects",
			summary: "Match many values at once",
			description:
				`Up to ${MAX_MATCH_VALUES} values (JSON \`{ "values": [...] }\` or text/plain, one per line; at most ` +
				`${MAX_MATCH_BODY_BYTES} bytes): each refanged and normalised (its kind guessed, or as given), answered ` +
				"in order with the objects released to you that name it or, unless `related: false`, a related value " +
				"(a range containing an address, a parent domain), with their source, markings and confidence, and " +
				"the warninglists a value is on (flagged, still matched). A value " +
				"that is not one is answered with its `error`; the others are still matched. More values: 413 " +
				"`E_API_MATCH_TOO_MANY`, naming the limit.",
			action: "objects.read",
			requestBody: matchRequestBody,
			errors: [400, 413, 415],
			handle: async ({ user, context }) => {
				const request = await readMatchBody(context, services.bodies);
				const viewer = viewerOf(user, request.purpose ?? DEFAULT_PURPOSE);
				const answer: MatchResult = { values: 0, matched: 0, invalid: 0, results: [] };
				const { index } = await indexed(services);
				// Warninglists flag a value and it is matched all the same (D50): refreshed once for the request.
				const warninglists = services.intel?.warninglists;
				await warninglists?.refresh();
				const rows = matchValues(index, request.values, releaseFor(services, viewer), {
					related: request.related,
					listed: MAX_MATCHES_PER_VALUE,
					...(warninglists === undefined ? {} : { warninglists: (o) => warninglists.hits(o) }),
				});
				for await (const chunk of rows) {
					for (const row of chunk) {
						answer.values++;
						if (row.error !== undefined) answer.invalid++;
						else if (row.total > 0) answer.matched++;
						answer.results.push(row);
					}
				}
				return answer;
			},
		}),
	];
}
