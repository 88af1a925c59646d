// The one way tests start a real node process (test/support/node-process.ts): a prepared node serves its users,
// restarts on its port, names a failed start, and dies with the test process that forgot to stop it.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { scratch } from "./support/cli.ts";
import { eventually } from "./support/federation-net.ts";
import { type NodeProcess, startNode, startServe } from "./support/node-process.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const MODULE = resolve(import.meta.dirname, "support", "node-process.ts");

const { dir, remove } = scratch("node-process");

describe("a node process for tests", () => {
	let node: NodeProcess | undefined;

	after(async () => {
		await node?.serve.stop();
		remove();
	});

	it("inits with a policy and a user, serves, and the user's token signs in", async () => {
		node = await startNode({
			data: join(dir, "nca"),
			name: "uk-nca-node",
			org: "UK National Crime Agency",
			orgId: NCA,
			policy: SCENARIO,
			users: [{ name: "anna", party: NCA, role: "analyst" }],
		});
		assert.match(node.url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
		const response = await fetch(`${node.url}/api/v1/me`, {
			headers: { authorization: `Bearer ${node.tokens.anna}` },
		});
		assert.equal(response.status, 200);
		const me = (await response.json()) as {
			user: { name: string; role: string };
			organization: { id: string };
		};
		assert.deepEqual([me.user.name, me.user.role, me.organization.id], ["anna", "analyst", NCA]);
	});

	it("stops, and starts again on the same port", async () => {
		assert.ok(node !== undefined);
		const port = node.serve.port;
		await node.serve.stop();
		assert.equal(node.serve.running, false);
		node.serve = await startServe({ data: node.data, port });
		assert.equal(node.serve.port, port);
		assert.equal((await fetch(`${node.serve.url}/health`)).status, 200);
	});

	it("rejects a start that fails with the node's name and what serve said", async () => {
		await assert.rejects(
			startServe({ data: join(dir, "never-initialised"), name: "ghost" }),
			/^Error: ghost serve exited 1: /,
		);
	});

	it("kills the node when the test process exits without stopping it", async () => {
		const script = `import { startServe } from ${JSON.stringify(MODULE)};
			const serve = await startServe({ data: ${JSON.stringify(join(dir, "orphan"))}, init: true });
			console.log(serve.child.pid);
			process.exit(0);`;
		const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
		const pid = Number(stdout.trim());
		assert.ok(pid > 0, stdout);
		const alive = (): boolean => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		};
		await eventually(`serve (pid ${pid}) to be gone`, async () => !alive(), 5_000);
	});
});
