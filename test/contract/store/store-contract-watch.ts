// Store contract: watch-lists (D51): entries per organisation, alerts recorded once under the matcher's
// compare-and-set cursor, acknowledgement, webhooks and their queue claimed under a lease.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WatchAlert, WatchEntry } from "../../../src/store/index.ts";
import { ORG_A, ORG_B, type StoreFixture } from "./store-contract-fixtures.ts";

const entry = (n: number, organizationId = ORG_A, value = `10.${n}.0.0/16`): WatchEntry => ({
	id: `watch--00000000-0000-4000-8000-00000000000${n}`,
	organizationId,
	kind: "ipv4",
	value,
	label: `range ${n}`,
	createdAt: "2026-01-01T00:00:00.000Z",
	createdBy: "user-1",
});

const alert = (n: number, organizationId = ORG_A): WatchAlert => ({
	id: `alert-${organizationId.slice(-1)}-${n}`,
	organizationId,
	objectId: `indicator--00000000-0000-4000-8000-00000000000${n}`,
	objectVersion: "2026-01-01T00:00:00.000Z",
	entryId: entry(1).id,
	entryKind: "ipv4",
	entryValue: "10.1.0.0/16",
	kind: "ipv4",
	value: `10.1.0.${n}`,
	path: "pattern",
	at: `2026-01-01T00:00:0${n}.000Z`,
});

const subscription = (organizationId = ORG_A, url = "https://siem.example/hook") => ({
	organizationId,
	url,
	secret: "s3cret",
	createdAt: "2026-01-01T00:00:00.000Z",
	createdBy: "user-1",
});

export function registerWatchContract(fixture: StoreFixture): void {
	describe("watch-lists", () => {
		it("adds entries once per organisation, kind and value, lists them per organisation, removes only its own", async () => {
			const store = fixture.current();
			assert.deepEqual(await store.listWatchEntries(), []);
			assert.deepEqual(await store.addWatchEntry(entry(1)), entry(1));
			const again = await store.addWatchEntry({ ...entry(2), value: entry(1).value });
			assert.equal(again.id, entry(1).id, "the same value again answers the existing entry");
			await store.addWatchEntry(entry(3, ORG_B));
			assert.deepEqual(
				(await store.listWatchEntries(ORG_A)).map((e) => e.id),
				[entry(1).id],
			);
			assert.equal((await store.listWatchEntries()).length, 2);
			assert.equal(await store.removeWatchEntry(ORG_B, entry(1).id), false, "not another's");
			assert.equal(await store.removeWatchEntry(ORG_A, entry(1).id), true);
			assert.deepEqual(await store.listWatchEntries(ORG_A), []);
		});

		it("records alerts and moves the cursor only from the cursor it was read at; an id is recorded once", async () => {
			const store = fixture.current();
			assert.equal(await store.watchCursor(), undefined);
			assert.equal(await store.recordWatchAlerts([alert(1)], undefined, "2026-01-01T00:00:01.000001Z"), true);
			assert.equal(await store.watchCursor(), "2026-01-01T00:00:01.000001Z");
			// A second process that read the old cursor: nothing recorded.
			assert.equal(
				await store.recordWatchAlerts([alert(2)], undefined, "2026-01-01T00:00:02.000001Z"),
				false,
			);
			assert.equal(await store.watchCursor(), "2026-01-01T00:00:01.000001Z");
			assert.equal(
				await store.recordWatchAlerts(
					[alert(1), alert(2), alert(3, ORG_B)],
					"2026-01-01T00:00:01.000001Z",
					"2026-01-01T00:00:03.000001Z",
				),
				true,
			);
			const mine = await store.listWatchAlerts({ organizationId: ORG_A, limit: 10 });
			assert.deepEqual(
				mine.map((a) => a.id),
				[alert(2).id, alert(1).id],
				"newest first, each once, none of B's",
			);
			const [newest] = mine;
			assert.ok(newest !== undefined);
			const { seq: _seq, ...fields } = newest;
			assert.deepEqual(fields, alert(2));
			const older = await store.listWatchAlerts({ organizationId: ORG_A, limit: 10, beforeSeq: newest.seq });
			assert.deepEqual(
				older.map((a) => a.id),
				[alert(1).id],
			);
		});

		it("acknowledges an organisation's own alert once, never another's", async () => {
			const store = fixture.current();
			await store.recordWatchAlerts([alert(1), alert(2, ORG_B)], undefined, "2026-01-01T00:00:09.000000Z");
			assert.equal(
				await store.acknowledgeWatchAlert(ORG_A, alert(2, ORG_B).id, "u", "2026-02-01T00:00:00.000Z"),
				false,
			);
			assert.equal(
				await store.acknowledgeWatchAlert(ORG_A, alert(1).id, "u", "2026-02-01T00:00:00.000Z"),
				true,
			);
			assert.equal(
				await store.acknowledgeWatchAlert(ORG_A, alert(1).id, "v", "2026-03-01T00:00:00.000Z"),
				true,
			);
			const [acked] = await store.listWatchAlerts({ organizationId: ORG_A, limit: 1 });
			assert.equal(acked?.acknowledgedAt, "2026-02-01T00:00:00.000Z");
			assert.equal(acked?.acknowledgedBy, "u");
			const [other] = await store.listWatchAlerts({ organizationId: ORG_B, limit: 1 });
			assert.equal(other?.acknowledgedAt, undefined);
		});

		it("queues new alerts for an organisation's webhook, claims them under a lease, and logs each attempt", async () => {
			const store = fixture.current();
			assert.equal(await store.getWebhook(ORG_A), undefined);
			await store.putWebhook(subscription());
			assert.deepEqual(await store.getWebhook(ORG_A), subscription());
			await store.recordWatchAlerts(
				[alert(1), alert(2), alert(3, ORG_B)],
				undefined,
				"2026-01-01T00:00:09.000000Z",
			);
			const now = "2026-01-01T00:01:00.000Z";
			const lease = "2026-01-01T00:02:00.000Z";
			const claimed = await store.claimWebhookDeliveries(now, lease, 10);
			assert.deepEqual(
				claimed.map((d) => [d.alert.id, d.state, d.attempts]),
				[
					[alert(1).id, "pending", 0],
					[alert(2).id, "pending", 0],
				],
				"B has no webhook: nothing queued for it",
			);
			assert.deepEqual(await store.claimWebhookDeliveries(now, lease, 10), [], "leased: not claimed twice");
			const [first, second] = claimed;
			assert.ok(first !== undefined && second !== undefined);
			await store.finishWebhookDelivery(first.seq, { outcome: "delivered", at: now, status: 204 });
			await store.finishWebhookDelivery(second.seq, {
				outcome: "failed",
				at: now,
				error: "connection refused",
				retryAt: "2026-01-01T00:01:30.000Z",
			});
			const retried = await store.claimWebhookDeliveries(
				"2026-01-01T00:01:31.000Z",
				"2026-01-01T00:03:00.000Z",
				10,
			);
			assert.deepEqual(
				retried.map((d) => [d.alert.id, d.attempts, d.lastError]),
				[[alert(2).id, 1, "connection refused"]],
			);
			const [again] = retried;
			assert.ok(again !== undefined);
			await store.finishWebhookDelivery(again.seq, {
				outcome: "postponed",
				retryAt: "2026-01-01T00:05:00.000Z",
			});
			assert.deepEqual(await store.claimWebhookDeliveries("2026-01-01T00:04:59.000Z", lease, 10), []);
			const postponed = await store.claimWebhookDeliveries("2026-01-01T00:05:00.000Z", lease, 10);
			assert.deepEqual(
				postponed.map((d) => d.attempts),
				[1],
				"a postponement is not an attempt",
			);
			const log = await store.listWebhookDeliveries(ORG_A, 10);
			assert.deepEqual(
				log.map((d) => [d.alert.id, d.state, d.lastStatus, d.deliveredAt]),
				[
					[alert(2).id, "pending", undefined, undefined],
					[alert(1).id, "delivered", 204, now],
				],
			);
			await store.finishWebhookDelivery(again.seq, { outcome: "withheld" });
			assert.deepEqual(
				(await store.listWebhookDeliveries(ORG_A, 10)).map((d) => d.alert.id),
				[alert(1).id],
				"a withheld delivery is removed unsent",
			);
			assert.equal(await store.removeWebhook(ORG_A), true);
			assert.deepEqual(await store.listWebhookDeliveries(ORG_A, 10), []);
			assert.equal(await store.removeWebhook(ORG_A), false);
		});
	});
}
