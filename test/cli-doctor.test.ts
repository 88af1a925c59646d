// `entente doctor` against a healthy node with a partner, and against broken ones: a missing or readable-by-all
// key, an invalid policy, a partner that answers with another key, and one that does not answer (D61).
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { chmodSync, renameSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Check } from "../src/cli/doctor/check.ts";
import { toPublicJwk } from "../src/federation/index.ts";
import { parsePolicyFile } from "../src/policy/index.ts";
import { openStore } from "../src/store/index.ts";
import { entente, initNode, scratch } from "./support/cli.ts";
import { applyPolicy, connect, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("cli-doctor");

interface DoctorJson {
	ok: boolean;
	checks: Check[];
}

/** Runs `entente doctor --json` on `data`; answers its exit code and checks by name. */
async function doctor(
	data: string,
): Promise<{ code: number | null; ok: boolean; checks: Map<string, Check> }> {
	const result = await entente(["doctor", "--data", data, "--json", "--peer-timeout-ms", "2000"]);
	const json = JSON.parse(result.stdout) as DoctorJson;
	return { code: result.code, ok: json.ok, checks: new Map(json.checks.map((check) => [check.name, check])) };
}

function statusOf(checks: Map<string, Check>, name: string): string | undefined {
	return checks.get(name)?.status;
}

describe("entente doctor", () => {
	const alpha = new TestNode(dir, "alpha");
	const bravo = new TestNode(dir, "bravo");

	before(async () => {
		await Promise.all([alpha.init(), bravo.init()]);
		await applyPolicy(alpha, [alpha, bravo], [[alpha, bravo]]);
		await applyPolicy(bravo, [alpha, bravo], [[alpha, bravo]]);
		await Promise.all([alpha.serve(), bravo.serve()]);
		await connect(alpha, bravo, "alpha-bravo");
	});
	after(async () => {
		await Promise.all([alpha.stop(), bravo.stop()]);
		remove();
	});

	it("passes a healthy node: store, WAL, key, policy and a partner answering with its key; exit 0", async () => {
		const { code, ok, checks } = await doctor(alpha.data);
		assert.equal(code, 0);
		assert.equal(ok, true);
		for (const name of ["data directory", "configuration", "node key", "store", "SQLite WAL", "policy"]) {
			assert.equal(statusOf(checks, name), "ok", `${name}: ${checks.get(name)?.detail}`);
		}
		assert.equal(statusOf(checks, "peer bravo"), "ok", checks.get("peer bravo")?.detail);
		assert.notEqual(statusOf(checks, "disk space"), undefined);
		assert.notEqual(statusOf(checks, "web UI"), undefined);
	});

	it("prints ✓ and ✗ lines for people, with what to fix", async () => {
		const result = await entente(["doctor", "--data", join(dir, "nowhere")]);
		assert.equal(result.code, 1);
		assert.match(
			result.stdout,
			/✗ data directory .* does not exist\n\s+fix: create a node there: entente init --data/,
		);
		assert.match(result.stdout, /1 check\(s\) failed/);
	});

	it("fails a partner that answers with a key other than the one this node has for it", async () => {
		const store = await openStore(join(alpha.data, "entente.db"));
		try {
			const peer = await store.getPeer("bravo");
			assert.ok(peer !== undefined);
			const stranger = toPublicJwk(generateKeyPairSync("ed25519").publicKey);
			await store.putPeer({ ...peer, keys: [{ ...stranger }] });
			const { code, checks } = await doctor(alpha.data);
			assert.equal(code, 1);
			assert.equal(statusOf(checks, "peer bravo"), "fail");
			assert.match(checks.get("peer bravo")?.detail ?? "", /signature/);
			await store.putPeer(peer);
		} finally {
			await store.close();
		}
	});

	it("fails a partner that does not answer, within the peer timeout", async () => {
		await bravo.stop();
		const started = Date.now();
		const { code, checks } = await doctor(alpha.data);
		assert.equal(code, 1);
		assert.equal(statusOf(checks, "peer bravo"), "fail");
		assert.match(checks.get("peer bravo")?.detail ?? "", /TCP connect failed: ECONNREFUSED/);
		assert.match(checks.get("peer bravo")?.fix ?? "", /entente peers test bravo/);
		assert.ok(Date.now() - started < 15_000);
	});
});

describe("entente doctor on a broken node", () => {
	let data: string;
	before(async () => {
		data = (await initNode(dir, "broken")).data;
	});

	it("fails an invalid stored policy, naming line and column", async () => {
		const valid = parsePolicyFile("version: 1\nnode: entente-node\nparties: {}\n", "valid.yaml");
		assert.ok(valid.ok, JSON.stringify(valid));
		const store = await openStore(join(data, "entente.db"));
		try {
			await store.putPolicy({ text: "version: 1\nparties: [\n", policy: valid.policy, appliedBy: "test" });
		} finally {
			await store.close();
		}
		const { code, checks } = await doctor(data);
		assert.equal(code, 1);
		assert.equal(statusOf(checks, "policy"), "fail");
		assert.match(checks.get("policy")?.detail ?? "", /version 1 has \d+ error\(s\): \d+:\d+ /);
		assert.match(checks.get("policy")?.fix ?? "", /entente policy apply/);
	});

	it("fails a private key other users can read, and says chmod 600", async () => {
		const key = join(data, "node-key.pem");
		chmodSync(key, 0o644);
		const { code, checks } = await doctor(data);
		chmodSync(key, 0o600);
		assert.equal(code, 1);
		assert.equal(statusOf(checks, "node key"), "fail");
		assert.equal(checks.get("node key")?.fix, `chmod 600 ${key}`);
	});

	it("fails a missing key, and does not test peers without one", async () => {
		renameSync(join(data, "node-key.pem"), join(data, "node-key.pem.away"));
		const { code, ok, checks } = await doctor(data);
		renameSync(join(data, "node-key.pem.away"), join(data, "node-key.pem"));
		assert.equal(code, 1);
		assert.equal(ok, false);
		assert.equal(statusOf(checks, "node key"), "fail");
		assert.match(checks.get("node key")?.detail ?? "", /missing/);
		assert.equal(statusOf(checks, "peers"), "skip");
		assert.equal(statusOf(checks, "store"), "ok", "the other checks still run");
	});

	it("fails a disk with less free space than --min-free-mb", async () => {
		const result = await entente(["doctor", "--data", data, "--json", "--min-free-mb", "999999999"]);
		const json = JSON.parse(result.stdout) as DoctorJson;
		assert.equal(result.code, 1);
		assert.equal(json.checks.find((check) => check.name === "disk space")?.status, "fail");
	});
});
