// The release webhook routes (D59): a user's subscriptions to new releases — create (the secret answered once),
// list, read, remove. Always the user's own: another user's, of any organisation, is answered as one that does not
// exist. The URL rules are intel/webhook's, shared with the watch-list webhook.
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";
import { newWebhookSecret, webhookUrlOf } from "../intel/index.ts";
import type { ReleaseSubscription, User } from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import { NoBody, SubscriptionBody, type SubscriptionView } from "./shapes/index.ts";
import { collectionFilterOf } from "./stream/collection-filter.ts";

/** A URL and a filter, with room to spare. */
const SUBSCRIPTION_BODY_BYTES = 32 * 1024;

/** Release webhooks one user may hold. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

/** The release webhook routes, over `services`. */
export function subscriptionRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	const webhooks = services.webhooks ?? { allowPrivate: false, timeoutMs: 10_000 };
	const own = async (user: User, id: string): Promise<ReleaseSubscription> => {
		const subscription = await store.getReleaseSubscription(id);
		if (subscription === undefined || subscription.userId !== user.id) {
			throw new AppError(
				"E_SUBSCRIPTION_NOT_FOUND",
				`you have no subscription ${id}: see GET /subscriptions`,
			);
		}
		return subscription;
	};
	const mine = async (user: User) =>
		(await store.listReleaseSubscriptions(user.organizationId)).filter((s) => s.userId === user.id);
	return [
		defineRoute({
			route: "GET /subscriptions",
			operationId: "subscriptions",
			tag: "stream",
			summary: "Your release webhooks",
			description: "Each with its filter and delivery state (never its secret), oldest first.",
			action: "objects.read",
			errors: [],
			handle: async ({ user }) => ({ subscriptions: (await mine(user)).map(subscriptionView) }),
		}),
		defineRoute({
			route: "POST /subscriptions",
			operationId: "subscriptionCreate",
			tag: "stream",
			summary: "Subscribe a webhook to new releases",
			description:
				"From now on, each object version stored that you receive (as released to you when it is sent, filtered by types, labels and collection) is POSTed to this https:// URL, one per request, in commit order: `{type: \"entente.release\", id, subscription, position, object}`, signed as the watch-list webhook is (X-Entente-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>` with the secret answered here once; X-Entente-Delivery is `id`, stable: deduplicate by it, delivery is at least once). Failures are retried with backoff; after too many in a row the subscription is disabled, with the reason.",
			action: "subscriptions.write",
			requestBody: { content: { "application/json": SubscriptionBody } },
			errors: [400, 403, 404, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readJsonBody(context, SubscriptionBody, services, SUBSCRIPTION_BODY_BYTES);
				const url = webhookUrlOf(body.url.trim(), webhooks.allowPrivate);
				const filter = body.filter ?? {};
				if (filter.collection !== undefined) {
					await collectionFilterOf(store, filter.collection, user, context.get("local") as boolean);
				}
				if ((await mine(user)).length >= MAX_SUBSCRIPTIONS_PER_USER) {
					throw new AppError(
						"E_SUBSCRIPTION_TOO_MANY",
						`you have ${MAX_SUBSCRIPTIONS_PER_USER} subscriptions, the most one user may: remove one first`,
					);
				}
				const now = new Date().toISOString();
				const position = await store.commitHorizon();
				const subscription: ReleaseSubscription = {
					id: `subscription--${randomUUID()}`,
					organizationId: user.organizationId,
					userId: user.id,
					url: url.href,
					secret: newWebhookSecret(),
					filter: {
						...(filter.types === undefined ? {} : { types: filter.types }),
						...(filter.labels === undefined ? {} : { labels: filter.labels }),
						...(filter.collection === undefined ? {} : { collection: filter.collection }),
					},
					purpose: body.purpose,
					createdAt: now,
					createdBy: user.name,
					...(position === undefined ? {} : { position }),
					attempts: 0,
					nextAttemptAt: now,
				};
				await store.putReleaseSubscription(subscription);
				return { subscription: subscriptionView(subscription), secret: subscription.secret };
			},
		}),
		defineRoute({
			route: "GET /subscriptions/{id}",
			operationId: "subscription",
			tag: "stream",
			summary: "One of your release webhooks",
			description:
				"Its filter and delivery state: the position delivered up to, failures, and why it was disabled.",
			action: "objects.read",
			errors: [400, 404],
			handle: async ({ user, params }) => subscriptionView(await own(user, params.id)),
		}),
		defineRoute({
			route: "POST /subscriptions/{id}/remove",
			operationId: "subscriptionRemove",
			tag: "stream",
			summary: "Remove a release webhook",
			description: "Stops posting to it at once.",
			action: "subscriptions.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				await own(user, params.id);
				return { removed: await store.removeReleaseSubscription(params.id) };
			},
		}),
	];
}

/** What its owner sees of a subscription: never the secret, nor the cursor (hidden versions move it). */
function subscriptionView(subscription: ReleaseSubscription): SubscriptionView {
	return {
		id: subscription.id,
		url: subscription.url,
		filter: subscription.filter,
		purpose: subscription.purpose,
		createdAt: subscription.createdAt,
		attempts: subscription.attempts,
		nextAttemptAt: subscription.nextAttemptAt,
		lastDeliveredAt: subscription.lastDeliveredAt ?? null,
		lastError: subscription.lastError ?? null,
		disabledAt: subscription.disabledAt ?? null,
		disabledReason: subscription.disabledReason ?? null,
	};
}
