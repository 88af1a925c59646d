// The warninglists (D50): which lists the node has, and which of them values are on. Lists are the node's reference
// data, not intelligence objects: nothing here comes from the store's objects, so nothing passes the egress gate.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { Warninglists } from "../intel/index.ts";
import { jsonLimits, parseJson } from "../json/index.ts";
import { classify, type Observable, tryNormalise } from "../observables/index.ts";
import { decoded, readBytes } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import { MAX_CHECK_VALUES, WarninglistCheckBody, type WarninglistCheckResult } from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** A check's body: up to 100,000 values of up to 8 KiB, so a pasted log fits; read under the node's body budget. */
const CHECK_BODY_BYTES = 10 * 1024 * 1024;

/** Values checked between two turns of the event loop, so a large check never holds other requests. */
const VALUES_PER_TURN = 2000;

/**
 * The warninglist routes, over `services`: the node's warninglists (`services.intel`, built once per process by
 * main.ts and buildTestNode), or, in tests of the API alone, the routes' own over the same store.
 */
export function warninglistRoutes(services: ApiServices): ApiRoute[] {
	let own: Warninglists | undefined;
	const warninglists = (): Warninglists => {
		if (services.intel !== undefined) return services.intel.warninglists;
		own ??= new Warninglists(services.store);
		return own;
	};
	return [
		defineRoute({
			route: "GET /warninglists",
			operationId: "listWarninglists",
			tag: "warninglists",
			summary: "List the warninglists",
			description:
				"Every warninglist of the node: the built-in ones (private, special and documentation ranges, public DNS " +
				"resolvers, the empty file's hashes, special-use domains), then those loaded with `entente warninglists " +
				"load`, by name, each with its type, the kinds of value it applies to and how many entries it has.",
			action: "warninglists.read",
			errors: [],
			handle: async () => ({ lists: await warninglists().list() }),
		}),
		defineRoute({
			route: "POST /warninglists/check",
			operationId: "checkWarninglists",
			tag: "warninglists",
			summary: "Check values against the warninglists",
			description:
				"For each value (refanged, its kind guessed from its shape unless `kind` says it, normalised), the lists " +
				"it is on and the entry that matched. A hit flags a value as probably not a threat (a private address, " +
				"a public resolver, the empty file's hash): it never hides it. A value that is no observable answers " +
				`\`observable: null\` with the problem. At most ${MAX_CHECK_VALUES.toLocaleString("en")} values.`,
			action: "warninglists.read",
			requestBody: { content: { "application/json": WarninglistCheckBody } },
			errors: [400, 413, 415],
			handle: async ({ context }) => {
				const bytes = await readBytes(context, CHECK_BODY_BYTES, services.bodies);
				const parsed = WarninglistCheckBody.safeParse(
					decoded(() => parseJson(bytes, jsonLimits({ maxBytes: CHECK_BODY_BYTES, maxDepth: 4 }))),
				);
				if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
				const lists = warninglists();
				await lists.refresh();
				return { results: await checkValues(lists, parsed.data) };
			},
		}),
	];
}

type CheckRow = WarninglistCheckResult["results"][number];

/** Each value read and checked, yielding to the event loop every VALUES_PER_TURN values. */
async function checkValues(lists: Warninglists, body: WarninglistCheckBody): Promise<CheckRow[]> {
	const rows: CheckRow[] = [];
	for (const [index, value] of body.values.entries()) {
		if (index > 0 && index % VALUES_PER_TURN === 0) await yieldToEventLoop();
		const read = readValue(value, body.kind);
		if ("problem" in read) rows.push({ value, observable: null, problem: read.problem, hits: [] });
		else rows.push({ value, observable: read, hits: [...lists.hits(read)] });
	}
	return rows;
}

function readValue(value: string, kind: WarninglistCheckBody["kind"]): Observable | { problem: string } {
	if (kind !== undefined) {
		const normal = tryNormalise(kind, value);
		return "error" in normal ? { problem: normal.error } : normal;
	}
	return (
		classify(value) ?? {
			problem:
				"not a value of any kind Entente knows (an IP, domain, URL, e-mail, hash…); send `kind` to say what it is",
		}
	);
}
