// `entente serve --init` as an operator starts it: a real process on loopback, health, guarded metrics, clean stop.
import assert from "node:assert/strict";
import { once } from "node:events";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { entente, scratch } from "./support/cli.ts";
import { type ServeProcess, startServe } from "./support/node-process.ts";

const { dir, remove } = scratch("serve");

describe("entente serve --init --port 0", () => {
	let node: ServeProcess;
	let url: string;
	let token: string;

	before(async () => {
		node = await startServe({ data: join(dir, "data"), init: true });
		url = node.url;
		const printed = node.adminToken;
		assert.ok(printed, `no admin token printed on first start; stdout: ${node.stdout}`);
		token = printed;
	});

	after(() => {
		if (node.running) node.child.kill("SIGKILL");
		remove();
	});

	it("prints a loopback URL with the port it picked", () => {
		assert.match(url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
	});

	it("prints where the web UI is, beside the listen address, and how to sign in (or how to build it)", async () => {
		// Printed by the write after "serving at", which may arrive in a later chunk.
		for (let waited = 0; !node.stdout.includes("health:") && waited < 5_000; waited += 50) await sleep(50);
		const line = /^ {2}web UI: (\S+) (.*)$/m.exec(node.stdout);
		assert.ok(line?.[1] !== undefined, `no web UI line; stdout: ${node.stdout}`);
		assert.equal(line[1], `${url}/`);
		assert.match(line[2] ?? "", /^\(sign in with an API token\)$|npm run build:web/);
		assert.ok(node.stdout.indexOf("serving at") < node.stdout.indexOf("web UI:"));
		const page = await fetch(line[1], { headers: { accept: "text/html" } });
		// 200 with the app, or 503 with how to build it: the printed words say which.
		assert.equal(page.status, line[2]?.includes("sign in") ? 200 : 503);
		await page.body?.cancel();
	});

	it("a second node on the same port exits with an error that names the fix, instead of hanging", async () => {
		const port = new URL(url).port;
		const second = await entente(["serve", "--init", "--data", join(dir, "second"), "--port", port]);
		assert.equal(second.code, 1);
		assert.match(second.stderr, new RegExp(`127\\.0\\.0\\.1:${port} is already in use: .*--port N`));
	});

	it("GET /health answers 200 with JSON", async () => {
		const response = await fetch(`${url}/health`);
		assert.equal(response.status, 200);
		assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
		const body = (await response.json()) as { status: string };
		assert.equal(body.status, "ok");
	});

	it("GET /metrics without a token, or with a wrong one, is 401 with a Bearer challenge", async () => {
		for (const headers of [{}, { authorization: "Bearer ent_not-a-real-token" }, { authorization: token }]) {
			const response = await fetch(`${url}/metrics`, { headers });
			assert.equal(response.status, 401, JSON.stringify(headers));
			assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer /);
			await response.body?.cancel();
		}
	});

	it("GET /metrics with the admin token is Prometheus text with entente_objects", async () => {
		const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
		assert.equal(response.status, 200);
		assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
		const text = await response.text();
		assert.match(text, /^# TYPE entente_objects gauge$/m);
		assert.match(text, /^entente_objects 0$/m);
		assert.match(text, /^entente_organizations 1$/m);
	});

	it("SIGTERM stops it with exit 0, having logged no error", async () => {
		const exited = once(node.child, "exit");
		node.child.kill("SIGTERM");
		const [code, signal] = await exited;
		assert.deepEqual({ code, signal }, { code: 0, signal: null });
		// stderr is the structured log: one JSON line per record, none at error level (50) or above
		const records = node.stderr
			.split("\n")
			.filter((line) => line !== "")
			.map((line) => JSON.parse(line) as { level: number; msg: string });
		assert.ok(records.some((record) => record.msg === "node listening"));
		assert.deepEqual(
			records.filter((record) => record.level >= 50),
			[],
		);
	});
});
