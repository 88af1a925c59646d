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

		it("stores a version only on the expected latest, and names the version applied since when not (D63)", async () => {
			const store = fixture.current();
			const first = await store.putPolicy({ text: "one", policy: policyNamed("one"), appliedBy: "alice" }, 0);
			assert.equal(first.version, 1);
			await rejectsWith(
				store.putPolicy({ text: "stale", policy: policyNamed("x"), appliedBy: "bob" }, 0),
				"E_POLICY_CONFLICT",
			);
			const second = await store.putPolicy({ text: "two", policy: policyNamed("two"), appliedBy: "bob" }, 1);
			assert.equal(second.version, 2);
			const refused = await store
				.putPolicy({ text: "on one", policy: policyNamed("y"), appliedBy: "carol" }, 1)
				.then(
					() => assert.fail("a put on version 1 was stored over version 2"),
					(error: unknown) => error as { code: string; message: string; details: Record<string, unknown> },
				);
			assert.equal(refused.code, "E_POLICY_CONFLICT");
			assert.deepEqual(refused.details.current, {
				version: 2,
				appliedAt: second.appliedAt,
				appliedBy: "bob",
			});
			assert.match(refused.message, /rebase your change on version 2/);
			assert.deepEqual(
				(await store.listPolicyVersions()).map((info) => info.version),
				[1, 2],
			);
			// Without an expected version the put is unconditional, as before.
			assert.equal(
				(await store.putPolicy({ text: "3", policy: policyNamed("3"), appliedBy: "cli" })).version,
				3,
			);
		});

		it("lets exactly one of several puts on the same base win", async () => {
			const store = fixture.current();
			await store.putPolicy({ text: "base", policy: policyNamed("base"), appliedBy: "alice" });
			const outcomes = await Promise.allSettled(
				["a", "b", "c", "d"].map((name) =>
					store.putPolicy({ text: name, policy: policyNamed(name), appliedBy: name }, 1),
				),
			);
			const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
			const lost = outcomes.filter((outcome) => outcome.status === "rejected");
			assert.equal(won.length, 1);
			for (const outcome of lost)
				assert.equal((outcome.reason as { code: string }).code, "E_POLICY_CONFLICT");
			assert.equal(await store.latestPolicyVersion(), 2);
		});

		it("refuses a version that is not a whole number from 1", async () => {
			const store = fixture.current();
			await rejectsWith(store.getPolicy(0), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.getPolicy(1.5), "E_STORE_QUERY_INVALID");
		});
	});
}
