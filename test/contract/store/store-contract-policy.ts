// The Store contract for policy versions: numbered in apply order, kept whole, the latest by default.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Policy } from "../../../src/policy/index.ts";
import { MICROS_FORMAT, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const PARTY = "identity--0a0a0a0a-0000-4000-8000-000000000001";

/** A small valid policy; `name` tells versions apart. */
function policyNamed(name: string): Policy {
	return {
		version: 0,
		parties: [
			{
				id: PARTY,
				name,
				sector: "cert",
				jurisdictions: ["FR"],
				node: "node-a",
				local: true,
				trustTier: 1,
				clients: [],
				status: "active",
				understands: ["tlp2"],
			},
		],
		jurisdictions: [],
		agreements: [],
		communities: [],
	};
}

/** Registers the policy-versions part of the contract. */
export function registerPolicyContract(fixture: StoreFixture): void {
	describe("policy versions", () => {
		it("has no policy until one is applied", async () => {
			const store = fixture.current();
			assert.equal(await store.getPolicy(), undefined);
			assert.equal(await store.getPolicy(1), undefined);
			assert.deepEqual(await store.listPolicyVersions(), []);
			assert.equal(await store.latestPolicyVersion(), 0);
		});

		it("numbers versions 1, 2, … and returns the latest by default, with its text and who applied it", async () => {
			const store = fixture.current();
			const first = await store.putPolicy({
				text: "# first\n",
				policy: policyNamed("one"),
				appliedBy: "alice",
			});
			const second = await store.putPolicy({
				text: "# second\n",
				policy: policyNamed("two"),
				appliedBy: "bob",
			});
			assert.equal(first.version, 1);
			assert.equal(second.version, 2);
			assert.match(first.appliedAt, MICROS_FORMAT);
			assert.ok(second.appliedAt >= first.appliedAt);

			const latest = await store.getPolicy();
			assert.equal(latest?.version, 2);
			assert.equal(latest?.text, "# second\n");
			assert.equal(latest?.appliedBy, "bob");
			assert.equal(latest?.appliedAt, second.appliedAt);
			assert.deepEqual(latest?.policy, { ...policyNamed("two"), version: 2 });

			const old = await store.getPolicy(1);
			assert.equal(old?.text, "# first\n");
			assert.deepEqual(old?.policy, { ...policyNamed("one"), version: 1 });
			assert.equal(await store.getPolicy(3), undefined);
			assert.equal(await store.latestPolicyVersion(), 2);

			assert.deepEqual(await store.listPolicyVersions(), [
				{ version: 1, appliedAt: first.appliedAt, appliedBy: "alice" },
				{ version: 2, appliedAt: second.appliedAt, appliedBy: "bob" },
			]);
		});

		it("stores nothing when a policy cannot be stored whole", async () => {
			const store = fixture.current();
			await store.putPolicy({ text: "ok", policy: policyNamed("one"), appliedBy: "alice" });
			// A BigInt cannot be serialised: the put must fail without leaving a version behind.
			const broken = { ...policyNamed("two"), extra: 1n } as unknown as Policy;
			await assert.rejects(store.putPolicy({ text: "broken", policy: broken, appliedBy: "alice" }));
			assert.deepEqual(
				(await store.listPolicyVersions()).map((info) => info.version),
				[1],
			);
			const next = await store.putPolicy({ text: "again", policy: policyNamed("three"), appliedBy: "alice" });
			assert.equal(next.version, 2);
		});

		it("refuses a version that is not a whole number from 1", async () => {
			const store = fixture.current();
			await rejectsWith(store.getPolicy(0), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.getPolicy(1.5), "E_STORE_QUERY_INVALID");
		});
	});
}
