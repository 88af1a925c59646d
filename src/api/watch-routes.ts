// The watch-list routes (D51): an organisation's entries and its alerts (each through the gate, at read time too);
// its webhook is in webhook-routes.ts. Every route acts on the user's own organisation only: there is no way to name another's.
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";
import { WATCH_LIMITS, watchValueOf } from "../intel/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { WatchAlertRecord, WatchEntry } from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { releasedAlerts } from "./released-alerts.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import { type AlertView, NoBody, WatchEntryBody, type WatchEntryView } from "./shapes/index.ts";

/** Largest body of a watch route: an entry or a URL, well under this; a 100 KB value is read and refused by name. */
const WATCH_BODY_BYTES = 256 * 1024;

/** Alerts read per store page while filling an answer's page through the gate. */
const ALERT_SCAN_PAGE = 200;

/** Store pages one request reads at most: past them a short page ends with `next`, so no request scans without bound. */
const ALERT_SCAN_PAGES = 10;

/** The watch-list routes, over `services`. */
export function watchRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	return [
		defineRoute({
			route: "GET /watchlist",
			operationId: "watchList",
			tag: "watch",
			summary: "Your organisation's watch-list",
			description: "The ranges, ASNs, domains and values your organisation watches, oldest first.",
			action: "watch.read",
			errors: [400],
			handle: async ({ user }) => ({
				entries: (await store.listWatchEntries(user.organizationId)).map(entryView),
				limit: WATCH_LIMITS.entriesPerOrganization,
			}),
		}),
		defineRoute({
			route: "POST /watchlist",
			operationId: "watchAdd",
			tag: "watch",
			summary: "Watch a value",
			description:
				"Adds an address or CIDR block (an alert when an object names an address inside it, or a block around it), an ASN, a domain (and its sub-domains) or an exact value. The value is normalised; a block wider than an IPv4 /8 or IPv6 /32, a public suffix, or a value over 2,048 characters is refused with the reason.",
			action: "watch.write",
			requestBody: { content: { "application/json": WatchEntryBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readJsonBody(context, WatchEntryBody, services, WATCH_BODY_BYTES);
				const value = watchValueOf(body);
				const existing = await store.listWatchEntries(user.organizationId);
				const same = existing.find((e) => e.kind === value.kind && e.value === value.value);
				if (same !== undefined) return { entry: entryView(same), created: false };
				if (existing.length >= WATCH_LIMITS.entriesPerOrganization) {
					throw new AppError(
						"E_WATCH_TOO_MANY_ENTRIES",
						`your organisation watches ${existing.length} values, the most allowed: remove some, or watch a block that covers several`,
						{ details: { limit: WATCH_LIMITS.entriesPerOrganization } },
					);
				}
				const entry = await store.addWatchEntry({
					id: `watch--${randomUUID()}`,
					organizationId: user.organizationId,
					...value,
					createdAt: new Date().toISOString(),
					createdBy: user.name,
				});
				return { entry: entryView(entry), created: true };
			},
		}),
		defineRoute({
			route: "POST /watchlist/{id}/remove",
			operationId: "watchRemove",
			tag: "watch",
			summary: "Stop watching a value",
			description: "Removes one of your organisation's entries; its alerts stay.",
			action: "watch.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				if (!(await store.removeWatchEntry(user.organizationId, params.id))) {
					throw new AppError("E_WATCH_ENTRY_NOT_FOUND", `your organisation has no watch entry ${params.id}`);
				}
				return { removed: true };
			},
		}),
		defineRoute({
			route: "GET /alerts",
			operationId: "alerts",
			tag: "watch",
			summary: "Your organisation's alerts, newest first",
			description:
				"Each alert: an object naming a value your organisation watches, as released to you now (an object you no longer receive is not listed). Page with `before` = the previous answer's `next`.",
			action: "watch.read",
			errors: [400],
			handle: async ({ user, query }) => {
				const viewer = viewerOf(user, query.purpose);
				const shown: AlertView[] = [];
				let before = query.before;
				let exhausted = false;
				// Fill the page through the gate: alerts of objects no longer released are skipped, never counted.
				for (
					let scanned = 0;
					shown.length < query.limit && !exhausted && scanned < ALERT_SCAN_PAGES;
					scanned++
				) {
					const page = await store.listWatchAlerts({
						organizationId: user.organizationId,
						limit: ALERT_SCAN_PAGE,
						...(before === undefined ? {} : { beforeSeq: before }),
					});
					exhausted = page.length < ALERT_SCAN_PAGE;
					for (const { alert, copy } of await releasedAlerts(store, services.gate, viewer, page)) {
						if (shown.length === query.limit) break;
						shown.push(alertView(alert, copy));
						before = alert.seq;
					}
					if (shown.length < query.limit) before = page.at(-1)?.seq ?? before;
				}
				const more = !exhausted || shown.length === query.limit;
				return { alerts: shown, ...(more && before !== undefined ? { next: before } : {}) };
			},
		}),
		defineRoute({
			route: "POST /alerts/{id}/acknowledge",
			operationId: "alertAcknowledge",
			tag: "watch",
			summary: "Acknowledge an alert",
			description: "Marks one of your organisation's alerts seen; the first acknowledgement stays.",
			action: "watch.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				const done = await store.acknowledgeWatchAlert(
					user.organizationId,
					params.id,
					user.name,
					new Date().toISOString(),
				);
				if (!done)
					throw new AppError("E_WATCH_ALERT_NOT_FOUND", `your organisation has no alert ${params.id}`);
				return { acknowledged: true as const };
			},
		}),
	];
}

function entryView(entry: WatchEntry): WatchEntryView {
	return {
		id: entry.id,
		kind: entry.kind,
		value: entry.value,
		label: entry.label,
		createdAt: entry.createdAt,
		createdBy: entry.createdBy,
	};
}

function alertView(alert: WatchAlertRecord, copy: StixObject): AlertView {
	return {
		id: alert.id,
		at: alert.at,
		acknowledgedAt: alert.acknowledgedAt ?? null,
		entry: { id: alert.entryId, kind: alert.entryKind, value: alert.entryValue },
		kind: alert.kind,
		value: alert.value,
		path: alert.path,
		object: {
			id: copy.id,
			type: copy.type,
			name: typeof copy.name === "string" ? copy.name : null,
			modified: typeof copy.modified === "string" ? copy.modified : null,
		},
	};
}
