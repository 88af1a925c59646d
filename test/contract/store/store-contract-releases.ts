// The Store contract for release webhooks (D59): subscriptions kept per organisation, claimed under a lease (never
// twice while it holds, again once it has passed), progress recorded, a disabled one never claimed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ReleaseSubscription } from "../../../src/store/index.ts";
import { ORG_A, ORG_B, type StoreFixture } from "./store-contract-fixtures.ts";

const subscription = (n: number, organizationId = ORG_A): ReleaseSubscription => ({
	id: `subscription--00000000-0000-4000-8000-00000000000${n}`,
	organizationId,
	userId: `user--${n}`,
	url: `https://siem.example.org/${n}`,
	secret: `whsec_${n}`,
	filter: { types: ["indicator"], labels: ["c2"] },
	purpose: "network-defence",
	createdAt: "2026-12-07T12:00:00.000Z",
	createdBy: "analyst",
	attempts: 0,
	nextAttemptAt: "2026-12-07T12:00:00.000Z",
});

/** Registers the release webhook half of the contract. */
export function registerReleaseSubscriptionsContract(fixture: StoreFixture): void {
	describe("release subscriptions", () => {
		it("keeps each organisation's, lists and removes them by id", async () => {
			const store = fixture.current();
			await store.putReleaseSubscription(subscription(1));
			await store.putReleaseSubscription(subscription(2, ORG_B));
			await store.putReleaseSubscription(subscription(3));
			assert.deepEqual(await store.getReleaseSubscription(subscription(1).id), subscription(1));
			assert.deepEqual(
				(await store.listReleaseSubscriptions(ORG_A)).map((s) => s.id),
				[subscription(1).id, subscription(3).id],
			);
			assert.equal((await store.listReleaseSubscriptions()).length, 3);
			assert.equal(await store.removeReleaseSubscription(subscription(3).id), true);
			assert.equal(await store.removeReleaseSubscription(subscription(3).id), false);
			assert.equal(await store.getReleaseSubscription(subscription(3).id), undefined);
		});

		it("claims the due ones under a lease, records progress, and never claims a disabled one", async () => {
			const store = fixture.current();
			await store.putReleaseSubscription(subscription(1));
			await store.putReleaseSubscription({ ...subscription(2), nextAttemptAt: "2026-12-07T13:00:00.000Z" });
			const now = "2026-12-07T12:00:01.000Z";
			const lease = "2026-12-07T12:01:00.000Z";
			const claimed = await store.claimReleaseSubscriptions(now, lease, 10);
			assert.deepEqual(
				claimed.map((s) => [s.id, s.nextAttemptAt]),
				[[subscription(1).id, lease]],
			);
			assert.deepEqual(
				await store.claimReleaseSubscriptions(now, lease, 10),
				[],
				"leased: not claimed twice",
			);
			assert.equal(
				await store.recordReleaseProgress(subscription(1).id, {
					position: "2026-12-07T12:00:00.500000Z",
					attempts: 0,
					nextAttemptAt: now,
					lastDeliveredAt: now,
				}),
				true,
			);
			const moved = await store.getReleaseSubscription(subscription(1).id);
			assert.equal(moved?.position, "2026-12-07T12:00:00.500000Z");
			assert.equal(moved?.secret, "whsec_1", "what the sender does not move stays");
			await store.recordReleaseProgress(subscription(1).id, {
				attempts: 12,
				nextAttemptAt: now,
				disabledAt: now,
				disabledReason: "dead",
			});
			assert.deepEqual(
				await store
					.claimReleaseSubscriptions("2026-12-07T14:00:00.000Z", lease, 10)
					.then((c) => c.map((s) => s.id)),
				[subscription(2).id],
			);
			assert.equal(
				await store.recordReleaseProgress("subscription--00000000-0000-4000-8000-000000000009", {
					attempts: 0,
					nextAttemptAt: now,
				}),
				false,
			);
		});
	});
}
