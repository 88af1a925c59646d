// `entente users token|revoke|list` and `entente audit` through the real binary, beside a serving node: a token
// revoked by the command line (another process on the same store) is refused by the server on its next request;
// each change and each token's use is in the audit trail, listed, filtered and exported as JSON Lines and CSV.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { entente, ententeJson, ententeOk, scratch } from "./support/cli.ts";
import { initNodeData, type ServeProcess, startServe } from "./support/node-process.ts";

const ORG = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const { dir, remove } = scratch("cli-users-audit");
let data = "";
let adminToken = "";
let bobToken = "";
let serve: ServeProcess;

before(async () => {
	const prepared = await initNodeData({
		data: `${dir}/data`,
		orgId: ORG,
		users: [{ name: "bob", party: ORG, role: "analyst" }],
	});
	data = prepared.data;
	adminToken = prepared.adminToken;
	bobToken = prepared.tokens.bob ?? "";
	serve = await startServe({ data });
});
after(async () => {
	await serve?.stop();
	remove();
});

function me(token: string): Promise<Response> {
	return fetch(`${serve.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
}

type Listed = {
	name: string;
	token: { prefix: string | null; lastUsedAt: string | null; revokedAt: string | null };
};
type Line = { action: string; actor: { name: string; channel: string }; target: string };

async function auditLines(...args: string[]): Promise<Line[]> {
	const text = await ententeOk(["audit", "--data", data, "--json", ...args]);
	return text
		.trimEnd()
		.split("\n")
		.filter((line) => line !== "")
		.map((line) => JSON.parse(line) as Line);
}

describe("entente users and entente audit beside a serving node", () => {
	it("a token revoked on the command line is refused by the serving process on its next request", async () => {
		assert.equal((await me(bobToken)).status, 200);
		// The serving process records bob's first use this minute in the background.
		let bob: Listed | undefined;
		for (let attempt = 0; attempt < 100 && bob?.token.lastUsedAt == null; attempt++) {
			const { json } = await ententeJson<Listed[]>(["users", "list", "--data", data]);
			bob = json.find((user) => user.name === "bob");
			if (bob?.token.lastUsedAt == null) await new Promise((resolve) => setTimeout(resolve, 100));
		}
		assert.ok(bob?.token.lastUsedAt !== null, "bob's last use is listed");
		assert.match(bob?.token.prefix ?? "", /^ent_.{6}$/);
		assert.ok(bobToken.startsWith(bob?.token.prefix ?? "?"));
		await ententeOk(["users", "revoke", "bob", "--data", data]);
		assert.equal((await me(bobToken)).status, 401, "refused at once, with no cache to wait out");
		const { json } = await ententeJson<{ token: string }>(["users", "token", "bob", "--data", data]);
		assert.equal((await me(json.token)).status, 200);
		assert.equal((await me(bobToken)).status, 401);
	});

	it("lists who did what, newest first, filtered by action and actor", async () => {
		// Three requests with the admin's token within a minute: one line.
		for (let request = 0; request < 3; request++) assert.equal((await me(adminToken)).status, 200);
		let lines: Line[] = [];
		for (let attempt = 0; attempt < 100; attempt++) {
			lines = await auditLines();
			if (lines.some((line) => line.action === "token.use" && line.actor.name === "admin")) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		await ententeOk([
			"feeds",
			"add",
			"list",
			"https://example.org/list.txt",
			"--format",
			"text",
			"--interval",
			"0",
			"--data",
			data,
		]);
		await ententeOk(["feeds", "remove", "list", "--data", data]);
		lines = await auditLines();
		const actions = lines.map((line) => line.action);
		for (const action of [
			"user.create",
			"token.use",
			"token.revoke",
			"token.create",
			"feed.add",
			"feed.remove",
		]) {
			assert.ok(actions.includes(action), `${action} in ${actions.join(", ")}`);
		}
		const revoke = lines.find((line) => line.action === "token.revoke");
		assert.equal(revoke?.actor.channel, "cli");
		assert.match(revoke?.actor.name ?? "", /^cli/);
		const uses = await auditLines("--action", "token.use", "--actor", "admin");
		assert.equal(uses.length, 1, "one use of a token in a minute, however many requests");
		assert.equal(uses[0]?.actor.channel, "api");
		const bobs = await auditLines("--action", "token.use", "--actor", "bob");
		assert.equal(bobs.length, 2, "bob's old token and his new one, once each");
		assert.equal((await auditLines("--limit", "2")).length, 2);
		assert.deepEqual(await auditLines("--until", "2000-01-01"), []);
	});

	it("exports CSV and prints a table; a bad time is refused naming the form", async () => {
		const csv = await ententeOk(["audit", "--data", data, "--csv", "--action", "token"]);
		const rows = csv.trimEnd().split("\n");
		assert.equal(rows[0], "seq,at,actor,actor_id,organization,channel,action,target,summary,details");
		assert.ok(rows.length >= 4);
		const table = await ententeOk(["audit", "--data", data]);
		assert.match(table, /^at\s+actor\s+action\s+target\s+summary/);
		const bad = await entente(["audit", "--data", data, "--since", "yesterday"]);
		assert.notEqual(bad.code, 0);
		assert.match(bad.stderr, /RFC 3339/);
	});
});
