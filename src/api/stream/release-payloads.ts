// What a release webhook posts (D59): each new version released to the subscription's owner at send time — its
// user's viewer, for the subscription's purpose, through the same releasedNews as the stream — and filtered as it
// asked. main.ts hands this to intel/release-webhooks, which never asks the gate itself.
import { isLocalOrganization } from "../../accounts/index.ts";
import { isAppError } from "../../errors/index.ts";
import type { ReleasePayloads } from "../../intel/index.ts";
import type { Purpose } from "../../policy/index.ts";
import type { ReleaseSubscription, Store } from "../../store/index.ts";
import type { ApiGate } from "../gate.ts";
import { viewerOf } from "../services.ts";
import { collectionFilterOf } from "./collection-filter.ts";
import type { ReleaseFilter } from "./release-filter.ts";
import { releasedNews } from "./released-news.ts";

/** The payloads of a page for a subscription, bound to the node's store and gate. */
export function releasePayloads(store: Store, gate: ApiGate): ReleasePayloads {
	return async (subscription, versions) => {
		const owner = (await store.listUsers(subscription.organizationId)).find(
			(u) => u.id === subscription.userId,
		);
		if (owner === undefined) return { stop: "its user was removed" };
		const filter = await filterOf(store, subscription, owner);
		if (typeof filter === "string") return { stop: filter };
		const viewer = viewerOf(owner, subscription.purpose as Purpose);
		const news = await releasedNews(gate, viewer, filter, versions);
		return {
			payloads: news.map(({ position, copy }) => ({
				position,
				body: { type: "entente.release", subscription: subscription.id, position, object: copy },
			})),
		};
	};
}

/** The subscription's filter, its collection looked up for the owner now; a reason when it can no longer be read. */
async function filterOf(
	store: Store,
	subscription: ReleaseSubscription,
	owner: Parameters<typeof viewerOf>[0],
): Promise<ReleaseFilter | string> {
	const { types, labels, collection } = subscription.filter;
	const filter: ReleaseFilter = {
		...(types === undefined ? {} : { types }),
		...(labels === undefined ? {} : { labels }),
	};
	if (collection === undefined) return filter;
	const local = isLocalOrganization(await store.getOrganization(owner.organizationId));
	try {
		return { ...filter, collection: await collectionFilterOf(store, collection, owner, local) };
	} catch (error) {
		if (isAppError(error) && error.code === "E_STREAM_COLLECTION_NOT_FOUND") {
			return `its collection '${collection}' is gone or no longer readable by its user`;
		}
		throw error;
	}
}
