// The quarantine routes (D65): what the node set aside or refused, listed and shown beside the stored version it
// competes with, to the node's own administrators only (this is no egress to a party: nothing here is released to
// anyone but the house's operators), and their decisions, each performed and recorded by ingest's decideQuarantined.

import { AppError } from "../errors/index.ts";
import { decideQuarantined, type QuarantineDecision, quarantineEntry } from "../ingest/index.ts";
import { auditActorOf, type QuarantineDetail, type QuarantineItem, type Store } from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import {
	QuarantineActionBody,
	type QuarantineActionName,
	type QuarantineDecided,
	type QuarantineEntry,
	type QuarantineItemView,
} from "./shapes/index.ts";

/** A decision's body is a note at most. */
const ACTION_BODY_BYTES = 16 * 1024;

const ACTION_TEXT: Record<QuarantineActionName, { summary: string; description: string }> = {
	accept: {
		summary: "Accept a held item",
		description:
			"Stores the held content as its sender's, under every rule ingest applies (validation, authorship, authority), as if sent now; a same-version conflict replaces the stored version only when the sender's house owns the id. 409 `E_QUARANTINE_NOT_ACCEPTABLE` with the reason when the rules refuse it (the item stays held). A refused delivery is never accepted.",
	},
	reject: {
		summary: "Reject a held item",
		description: "Drops the held content; the item stays listed as rejected, with its reason and your note.",
	},
	hold: {
		summary: "Keep an item held, with a note",
		description: "Records your note; the item stays held.",
	},
};

/** The quarantine routes, over `services`. */
export function quarantineRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	return [
		defineRoute({
			route: "GET /quarantine",
			operationId: "quarantine",
			tag: "quarantine",
			summary: "What the node set aside or refused",
			description:
				"Conflicting versions, refused versions and marking definitions, forged observable values, objects that failed validation and refused federation deliveries, newest first, with the reason and the sender. Filter by `kind`, `state` and `source`; page with `cursor` = the previous answer's `next`.",
			action: "quarantine.read",
			errors: [400, 403],
			handle: async ({ query }) => {
				const page = await store.listQuarantineItems({
					limit: query.limit,
					...(query.kind === undefined ? {} : { kinds: query.kind }),
					...(query.state === undefined ? {} : { states: query.state }),
					...(query.source === undefined ? {} : { source: query.source }),
					...(query.cursor === undefined ? {} : { after: query.cursor }),
				});
				const items = page.items.map(itemView);
				return page.next === undefined ? { items } : { items, next: page.next };
			},
		}),
		defineRoute({
			route: "GET /quarantine/{id}",
			operationId: "quarantineItem",
			tag: "quarantine",
			summary: "One held item beside the stored version",
			description:
				"The held content, the stored version it competes with (the same version when stored, else the id's latest), the top-level properties that differ, and every decision taken on it.",
			action: "quarantine.read",
			errors: [400, 403, 404],
			handle: async ({ params }) => {
				const detail = await store.getQuarantineItem(params.id);
				if (detail === undefined) throw notFound(params.id);
				return entryOf(store, detail);
			},
		}),
		...(["accept", "reject", "hold"] as const).map((action) =>
			defineRoute({
				route: `POST /quarantine/{id}/${action}`,
				operationId: `quarantine${action[0]?.toUpperCase()}${action.slice(1)}`,
				tag: "quarantine",
				...ACTION_TEXT[action],
				action: "quarantine.write",
				requestBody: { content: { "application/json": QuarantineActionBody } },
				errors: [400, 403, 404, 409, 413, 415],
				handle: async ({ params, user, context }) => {
					const body = await readJsonBody(context, QuarantineActionBody, services, ACTION_BODY_BYTES);
					const decision = await decideQuarantined(store, {
						item: params.id,
						action,
						by: user.name,
						actor: auditActorOf(user, "api"),
						...(body.note === undefined ? {} : { note: body.note }),
					});
					return decidedView(decision);
				},
			}),
		),
	];
}

function notFound(seq: number): AppError {
	return new AppError("E_QUARANTINE_NOT_FOUND", `no quarantine item ${seq}: see GET /api/v1/quarantine`);
}

export function itemView(item: QuarantineItem): QuarantineItemView {
	const { seq, ...rest } = item;
	return { id: seq, ...rest };
}

function decidedView(decision: QuarantineDecision): QuarantineDecided {
	const { item: _item, ...action } = decision.action;
	const answer: QuarantineDecided = { item: itemView(decision.item), action };
	if (decision.stored !== undefined) {
		const { status, id, version } = decision.stored;
		answer.stored = {
			status,
			...(id === undefined ? {} : { id }),
			...(version === undefined ? {} : { version }),
		};
	}
	return answer;
}

/** The entry as the API shows it. */
async function entryOf(store: Store, detail: QuarantineDetail): Promise<QuarantineEntry> {
	const entry = await quarantineEntry(store, detail);
	const { stored } = entry;
	return {
		item: itemView(entry.item),
		held: entry.held,
		...(entry.raw === undefined ? {} : { raw: entry.raw }),
		stored:
			stored === undefined
				? null
				: {
						version: stored.version,
						dateAdded: stored.dateAdded,
						organizationId: stored.provenance.organizationId,
						source: stored.provenance.source,
						object: stored.object as Record<string, unknown>,
					},
		differing: entry.differing,
		actions: entry.actions.map(({ item: _item, ...action }) => action),
	};
}
