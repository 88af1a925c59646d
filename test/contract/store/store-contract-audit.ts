// The Store contract for D66: a token's prefix, revocation and last use, and the append-only audit trail.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Organization, User } from "../../../src/store/account-records.ts";
import type { NewAuditEntry } from "../../../src/store/audit-records.ts";
import { parseMicros } from "../../../src/store/timestamps.ts";
import { MICROS_FORMAT, ORG_A, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const org: Organization = {
	id: ORG_A,
	name: "Alpha CERT",
	sectors: [],
	jurisdictions: [],
	createdAt: "2024-01-01T00:00:00.000000Z",
};
const carol: User = {
	id: "user-carol",
	organizationId: ORG_A,
	name: "carol",
	role: "analyst",
	tokenHash: "c".repeat(64),
	createdAt: "2024-01-02T00:00:00.000000Z",
	tokenPrefix: "ent_Cc12",
	tokenCreatedAt: "2024-01-02T00:00:00.000000Z",
};

function line(name: string, action: NewAuditEntry["action"], target: string, summary: string): NewAuditEntry {
	return {
		actor: { name, id: `user--${name}`, organizationId: ORG_A, channel: "api" },
		action,
		target,
		summary,
	};
}

/** Registers the D66 part of the contract. */
export function registerAuditContract(fixture: StoreFixture): void {
	describe("tokens: prefix, revocation, last use", () => {
		it("keeps the token's prefix and age, finds a user by id, and never finds a revoked token", async () => {
			const store = fixture.current();
			await store.putOrganization(org);
			await store.putUser(carol);
			assert.deepEqual(await store.getUser(carol.id), carol);
			assert.equal(await store.getUser("user-nobody"), undefined);
			assert.equal((await store.findUserByTokenHash(carol.tokenHash))?.id, carol.id);
			const revoked = { ...carol, tokenRevokedAt: "2024-02-01T00:00:00.000000Z" };
			await store.putUser(revoked);
			assert.equal(
				await store.findUserByTokenHash(carol.tokenHash),
				undefined,
				"a revoked token signs in no one",
			);
			assert.deepEqual(await store.getUser(carol.id), revoked);
			assert.equal((await store.listUsers()).length, 1, "a revoked user is still listed");
		});

		it("records last use forward only, keeps it across a role change, and clears it when the token changes", async () => {
			const store = fixture.current();
			await store.putOrganization(org);
			await store.putUser(carol);
			await store.recordTokenUse(carol.tokenHash, "2024-03-01T10:00:00.000000Z");
			await store.recordTokenUse(carol.tokenHash, "2024-03-01T09:00:00.000000Z");
			assert.equal((await store.getUser(carol.id))?.tokenLastUsedAt, "2024-03-01T10:00:00.000000Z");
			await store.putUser({ ...carol, role: "admin" });
			const promoted = await store.getUser(carol.id);
			assert.equal(promoted?.role, "admin");
			assert.equal(promoted?.tokenLastUsedAt, "2024-03-01T10:00:00.000000Z", "same token: last use kept");
			await store.putUser({ ...carol, tokenHash: "d".repeat(64), tokenPrefix: "ent_Dd34" });
			assert.equal((await store.getUser(carol.id))?.tokenLastUsedAt, undefined, "a new token was never used");
			await store.recordTokenUse(carol.tokenHash, "2024-03-02T00:00:00.000000Z");
			assert.equal(
				(await store.getUser(carol.id))?.tokenLastUsedAt,
				undefined,
				"the old token's use is not the new one's",
			);
			assert.equal(await store.findUserByTokenHash(carol.tokenHash), undefined, "the old token is gone");
		});
	});

	describe("audit trail", () => {
		it("appends lines with increasing seq and the store's time, and reads them newest first", async () => {
			const store = fixture.current();
			const first = await store.appendAudit(
				line("alice", "user.create", "user-bob", "created bob (analyst)"),
			);
			const second = await store.appendAudit({
				...line("bob", "object.publish", "indicator--1", "published 1 object"),
				details: { stored: 1 },
			});
			assert.match(first.at, MICROS_FORMAT);
			assert.ok(second.seq > first.seq);
			assert.ok(second.at >= first.at);
			const all = await store.listAudit({ limit: 10 });
			assert.deepEqual(all, [second, first]);
			assert.deepEqual(all[0]?.details, { stored: 1 });
			assert.deepEqual(all[1]?.actor, {
				name: "alice",
				id: "user--alice",
				organizationId: ORG_A,
				channel: "api",
			});
		});

		it("filters by actor (name or id), action (exact or family), target, text and time, and pages by seq", async () => {
			const store = fixture.current();
			const a = await store.appendAudit(line("alice", "token.create", "user-bob", "minted a token for bob"));
			const b = await store.appendAudit(line("bob", "token.use", "user-bob", "signed in over taxii"));
			const c = await store.appendAudit(line("alice", "token.revoke", "user-bob", "revoked 100%_OFF token"));
			const d = await store.appendAudit(line("alice", "feed.add", "feed--1", "subscribed to Abuse feed"));
			const seqs = async (query: Parameters<typeof store.listAudit>[0]) =>
				(await store.listAudit(query)).map((entry) => entry.seq);
			assert.deepEqual(await seqs({ actor: "alice", limit: 10 }), [d.seq, c.seq, a.seq]);
			assert.deepEqual(await seqs({ actor: "user--bob", limit: 10 }), [b.seq]);
			assert.deepEqual(await seqs({ action: "token.use", limit: 10 }), [b.seq]);
			assert.deepEqual(await seqs({ action: "token", limit: 10 }), [c.seq, b.seq, a.seq]);
			assert.deepEqual(await seqs({ action: "tok", limit: 10 }), [], "a family is a whole word");
			assert.deepEqual(await seqs({ target: "feed--1", limit: 10 }), [d.seq]);
			assert.deepEqual(await seqs({ text: "ABUSE", limit: 10 }), [d.seq], "case-insensitive");
			assert.deepEqual(await seqs({ text: "100%_", limit: 10 }), [c.seq], "% and _ are literal");
			assert.deepEqual(await seqs({ text: "0%", limit: 10 }), [c.seq]);
			assert.deepEqual(await seqs({ text: "taxii", actor: "alice", limit: 10 }), [], "every filter holds");
			const micros = (at: string) => parseMicros(at) ?? 0;
			assert.deepEqual(await seqs({ sinceMicros: micros(c.at), limit: 10 }), [d.seq, c.seq]);
			assert.deepEqual(await seqs({ untilMicros: micros(b.at), limit: 10 }), [a.seq]);
			assert.deepEqual(await seqs({ limit: 2 }), [d.seq, c.seq]);
			assert.deepEqual(await seqs({ beforeSeq: c.seq, limit: 2 }), [b.seq, a.seq]);
			assert.deepEqual(await seqs({ beforeSeq: a.seq, limit: 2 }), []);
			await rejectsWith(store.listAudit({ limit: 0 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.listAudit({ limit: 1001 }), "E_STORE_QUERY_INVALID");
		});

		it("records every policy put, whoever applies it, in the same write", async () => {
			const store = fixture.current();
			const policy = { version: 0 } as unknown as Parameters<typeof store.putPolicy>[0]["policy"];
			await store.putPolicy({ text: "a", policy, appliedBy: "api:alice" });
			await store.putPolicy({ text: "b", policy, appliedBy: "cli:root" });
			const lines = await store.listAudit({ action: "policy.apply", limit: 10 });
			assert.deepEqual(
				lines.map((entry) => [entry.actor.name, entry.actor.channel, entry.target]),
				[
					["cli:root", "cli", "policy:2"],
					["alice", "api", "policy:1"],
				],
			);
		});

		it("offers no way to change or remove a line", () => {
			const store = fixture.current();
			const auditMethods = Object.keys(store).filter((key) => /audit/i.test(key));
			assert.deepEqual(auditMethods.sort(), ["appendAudit", "listAudit"]);
		});
	});
}
