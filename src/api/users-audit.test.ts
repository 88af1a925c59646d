// Users, tokens and the audit trail over REST (D66): an admin manages their organisation's users and reads the
// trail; a token is answered once and stops at once; a reader, an analyst or a partner's user can do none of it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiNode, BETA, type Client, json, openApiNode, POLICY_YAML } from "#test/support/api-node.ts";
import { createUser } from "../accounts/index.ts";

const GAMMA = "identity--0c0c0c0c-0000-4000-8000-000000000003";

let node: ApiNode;
let partner: Client;
let otherAdmin: Client;
before(async () => {
	node = await openApiNode({ seed: false });
	await node.store.putOrganization({
		id: BETA,
		name: "Beta Police",
		sectors: [],
		jurisdictions: [],
		createdAt: "2025-01-01T00:00:00Z",
		local: false,
	});
	await node.store.putOrganization({
		id: GAMMA,
		name: "Gamma CERT",
		sectors: [],
		jurisdictions: [],
		createdAt: "2025-01-01T00:00:00Z",
	});
	partner = await createUser(node.store, { organizationId: BETA, name: "pete", role: "analyst" });
	otherAdmin = await createUser(node.store, { organizationId: GAMMA, name: "gina", role: "admin" });
});
after(() => node.close());

function post(path: string, body: unknown, as?: Client): Promise<Response> {
	return node.request(path, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
		...(as === undefined ? {} : { as }),
	});
}

function bearer(token: string): Promise<Response> {
	return node.request("/api/v1/me", { as: null, headers: { authorization: `Bearer ${token}` } });
}

/** Waits for a background write (a token's last use is recorded after the request is answered). */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const value = await read();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error("never happened");
}

type UserLine = { id: string; name: string; role: string; token: Record<string, string | null> };

async function usersOf(as?: Client): Promise<UserLine[]> {
	const body = await json(await node.request("/api/v1/users", as === undefined ? {} : { as }), 200);
	return body.users as UserLine[];
}

describe("users and tokens (admins of their own organisation)", () => {
	it("lists the organisation's users with each token's prefix, never a token or its hash", async () => {
		const response = await node.request("/api/v1/users");
		const text = await response.clone().text();
		const body = await json(response, 200);
		assert.deepEqual(
			(body.users as UserLine[]).map((user) => user.name),
			["alice", "anna", "rita"],
		);
		assert.deepEqual(body.organization, {
			id: "identity--0a0a0a0a-0000-4000-8000-000000000001",
			name: "Alpha CERT",
		});
		for (const client of [node.admin, node.analyst, node.reader]) {
			assert.ok(!text.includes(client.token), "no token");
			assert.ok(!text.includes(client.user.tokenHash), "no hash");
		}
		assert.ok(!text.includes("pete") && !text.includes("gina"), "other organisations' users are not listed");
	});

	it("adds a user whose token is answered once, works at once, and shows its last use", async () => {
		const body = await json(await post("/api/v1/users", { name: "ursula", role: "analyst" }), 200);
		const token = String(body.token);
		const user = body.user as UserLine;
		assert.match(token, /^ent_/);
		assert.equal(user.token.prefix, token.slice(0, 10));
		assert.equal(user.token.lastUsedAt, null);
		await json(await bearer(token), 200);
		const used = await eventually(async () => {
			const line = (await usersOf()).find((candidate) => candidate.id === user.id);
			return line?.token.lastUsedAt ?? undefined;
		});
		assert.ok(Date.parse(used) > Date.now() - 60_000);
		const listed = JSON.stringify(await usersOf());
		assert.ok(!listed.includes(token), "the token is never answered again");
	});

	it("refuses a taken name, a name HTTP Basic cannot carry, and an unknown role, storing nothing", async () => {
		const before = (await usersOf()).length;
		assert.equal(
			(await json(await post("/api/v1/users", { name: "anna", role: "reader" }), 409)).error_code,
			"E_ACCOUNT_NAME_TAKEN",
		);
		assert.equal(
			(await json(await post("/api/v1/users", { name: "a:b", role: "reader" }), 400)).error_code,
			"E_API_PARAMETER",
		);
		assert.equal(
			(await json(await post("/api/v1/users", { name: "x", role: "root" }), 400)).error_code,
			"E_API_PARAMETER",
		);
		assert.equal((await usersOf()).length, before);
	});

	it("changes a role, but never the admin's own", async () => {
		const created = await json(await post("/api/v1/users", { name: "ron", role: "reader" }), 200);
		const id = (created.user as UserLine).id;
		const changed = await json(await post(`/api/v1/users/${id}/role`, { role: "analyst" }), 200);
		assert.equal((changed.user as UserLine).role, "analyst");
		const self = await json(await post(`/api/v1/users/${node.admin.user.id}/role`, { role: "reader" }), 409);
		assert.equal(self.error_code, "E_ACCOUNT_SELF");
	});

	it("rotates a token (the old one stops at once) and revokes one (401 on its next request)", async () => {
		const created = await json(await post("/api/v1/users", { name: "tom", role: "analyst" }), 200);
		const id = (created.user as UserLine).id;
		const first = String(created.token);
		await json(await bearer(first), 200);
		const rotated = await json(await post(`/api/v1/users/${id}/token`, {}), 200);
		const second = String(rotated.token);
		assert.notEqual(second, first);
		assert.equal((await json(await bearer(first), 401)).error_code, "E_API_UNAUTHENTICATED");
		await json(await bearer(second), 200);
		const revoked = await json(await post(`/api/v1/users/${id}/token/revoke`, {}), 200);
		assert.ok((revoked.user as UserLine).token.revokedAt !== null);
		await json(await bearer(second), 401);
		const minted = await json(await post(`/api/v1/users/${id}/token`, {}), 200);
		await json(await bearer(String(minted.token)), 200);
		const self = await json(await post(`/api/v1/users/${node.admin.user.id}/token/revoke`, {}), 409);
		assert.equal(self.error_code, "E_ACCOUNT_SELF");
	});
});

describe("who may not: readers, analysts, partners' users, other organisations' admins", () => {
	const routes: [string, string, unknown?][] = [
		["GET", "/api/v1/users"],
		["POST", "/api/v1/users", { name: "mallory", role: "admin" }],
		["GET", "/api/v1/audit"],
		["GET", "/api/v1/audit/export?format=csv"],
	];
	for (const [method, path, body] of routes) {
		it(`${method} ${path}: 403 for a reader, an analyst and a partner's analyst`, async () => {
			for (const as of [node.reader, node.analyst, partner]) {
				const response = method === "GET" ? await node.request(path, { as }) : await post(path, body, as);
				assert.equal((await json(response, 403)).error_code, "E_API_DENIED");
			}
		});
	}

	it("a stolen analyst token cannot mint itself a token or revoke another's", async () => {
		for (const path of [
			`/api/v1/users/${node.analyst.user.id}/token`,
			`/api/v1/users/${node.admin.user.id}/token/revoke`,
		]) {
			assert.equal((await json(await post(path, {}, node.analyst), 403)).error_code, "E_API_DENIED");
		}
		await json(await bearer(node.admin.token), 200);
	});

	it("another local organisation's admin sees only its users, and ours are as missing as unknown ids", async () => {
		assert.deepEqual(
			(await usersOf(otherAdmin)).map((user) => user.name),
			["gina"],
		);
		for (const path of [
			`/api/v1/users/${node.analyst.user.id}/token/revoke`,
			"/api/v1/users/user--nobody/token/revoke",
		]) {
			assert.equal(
				(await json(await post(path, {}, otherAdmin), 404)).error_code,
				"E_ACCOUNT_USER_NOT_FOUND",
			);
		}
		await json(await bearer(node.analyst.token), 200);
	});
});

describe("the audit trail", () => {
	type Line = {
		seq: number;
		action: string;
		actor: { name: string; channel: string };
		target: string;
		summary: string;
	};
	async function audit(query = ""): Promise<{ entries: Line[]; next: string | null }> {
		return (await json(await node.request(`/api/v1/audit${query}`), 200)) as unknown as {
			entries: Line[];
			next: string | null;
		};
	}

	it("records publishes, policy versions, user and token changes and token use, newest first", async () => {
		const published = await json(
			await post(
				"/api/v1/objects",
				{
					objects: [
						{
							type: "malware",
							spec_version: "2.1",
							id: "malware--9a9a9a9a-0000-4000-8000-000000000009",
							created: "2025-01-01T00:00:00.000Z",
							modified: "2025-01-01T00:00:00.000Z",
							name: "Audited",
							is_family: true,
						},
					],
				},
				node.analyst,
			),
			200,
		);
		assert.equal((published.counts as { stored: number }).stored, 1, JSON.stringify(published));
		const applied = await node.request("/api/v1/policy", {
			method: "PUT",
			body: POLICY_YAML,
			headers: { "content-type": "text/yaml" },
		});
		await json(applied, 200);
		const { entries } = await audit("?limit=1000");
		const actions = new Set(entries.map((entry) => entry.action));
		for (const action of [
			"object.publish",
			"policy.apply",
			"user.create",
			"user.role",
			"token.rotate",
			"token.revoke",
			"token.create",
			"token.use",
		]) {
			assert.ok(actions.has(action), `${action} recorded`);
		}
		const policy = entries.find((entry) => entry.action === "policy.apply");
		assert.deepEqual(
			[policy?.actor.name, policy?.actor.channel, policy?.target],
			["alice", "api", "policy:1"],
		);
		const publish = entries.find((entry) => entry.action === "object.publish");
		assert.equal(publish?.actor.name, "anna");
		assert.equal(publish?.target, "malware--9a9a9a9a-0000-4000-8000-000000000009");
		const seqs = entries.map((entry) => entry.seq);
		assert.deepEqual(
			seqs,
			[...seqs].sort((a, b) => b - a),
			"newest first",
		);
	});

	it("filters by actor, action family, target, text and time, and pages by cursor", async () => {
		const tokens = await audit("?action=token");
		assert.ok(
			tokens.entries.length > 0 && tokens.entries.every((entry) => entry.action.startsWith("token.")),
		);
		const anna = await audit("?actor=anna&action=object.publish");
		assert.equal(anna.entries.length, 1);
		assert.equal((await audit("?target=malware--9a9a9a9a-0000-4000-8000-000000000009")).entries.length, 1);
		assert.ok((await audit("?q=AUDITED")).entries.length === 0, "the summary names ids, not names");
		assert.equal((await audit("?q=9a9a9a9a")).entries.length, 1);
		assert.equal((await audit("?until=2000-01-01")).entries.length, 0);
		const all = (await audit("?limit=1000")).entries;
		let cursor = "";
		const paged: number[] = [];
		for (;;) {
			const page = await audit(`?limit=3${cursor}`);
			paged.push(...page.entries.map((entry) => entry.seq));
			if (page.next === null) break;
			cursor = `&cursor=${page.next}`;
		}
		assert.deepEqual(
			paged,
			all.map((entry) => entry.seq),
		);
		for (const bad of [
			"?since=yesterday",
			"?since=2026-02-30",
			"?since=2026-12-08&until=2026-12-01",
			"?limit=0",
			"?action=DROP TABLE",
		]) {
			assert.equal(
				(await json(await node.request(`/api/v1/audit${bad}`), 400)).error_code,
				"E_API_PARAMETER",
				bad,
			);
		}
	});

	it("exports CSV (formula-safe) and JSON Lines, the same lines as the search", async () => {
		// A user named like a formula signs in: its name heads the actor cell of its token.use line.
		const evil = await json(await post("/api/v1/users", { name: '=HYPERLINK("evil")', role: "reader" }), 200);
		await json(await bearer(String(evil.token)), 200);
		await eventually(async () =>
			(await audit("?action=token.use&q=HYPERLINK")).entries[0] ? true : undefined,
		);
		const csv = await node.request("/api/v1/audit/export?format=csv&action=token");
		assert.equal(csv.status, 200);
		assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
		const text = await csv.text();
		const lines = text.trimEnd().split("\n");
		assert.equal(lines[0], "seq,at,actor,actor_id,organization,channel,action,target,summary,details");
		const searched = (await audit("?action=token&limit=1000")).entries;
		assert.equal(lines.length - 1, searched.length);
		assert.deepEqual(
			lines.slice(1).map((line) => Number(line.split(",")[0])),
			searched.map((entry) => entry.seq),
		);
		assert.ok(
			lines.some((line) => line.includes(`,"'=HYPERLINK(""evil"")",`)),
			"a formula is defused",
		);
		assert.ok(!/(^|,)"?=HYPERLINK/m.test(text));
		const jsonl = await (await node.request("/api/v1/audit/export?format=jsonl")).text();
		const parsed = jsonl
			.trimEnd()
			.split("\n")
			.map((line) => JSON.parse(line) as Line);
		assert.deepEqual(
			parsed.map((entry) => entry.seq),
			(await audit("?limit=1000")).entries.map((entry) => entry.seq),
		);
	});
});
