// The web UI's static route in-process: build present or not, content types, caching, nonces, fallback, traversal.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { CSP_NONCE_PLACEHOLDER, webUi } from "./web-ui.ts";

const scratch = mkdtempSync(join(tmpdir(), "entente-web-ui-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const SCRIPT = `console.log(${JSON.stringify("x".repeat(4000))});\n`;

function appOver(root: string): Hono {
	const app = new Hono();
	app.get("*", webUi({ root }));
	app.notFound((context) => context.json({ title: "Not Found" }, 404));
	return app;
}

function get(app: Hono, path: string, headers: Record<string, string> = {}): Promise<Response> {
	return Promise.resolve(app.request(path, { headers }));
}

const HTML = { accept: "text/html,application/xhtml+xml" };

describe("web UI without a build", () => {
	const app = appOver(join(scratch, "missing"));

	it("answers a page that says how to build it, 503, for / and client routes", async () => {
		for (const path of ["/", "/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"]) {
			const response = await get(app, path, HTML);
			assert.equal(response.status, 503, path);
			assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
			assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'none'/);
			assert.match(await response.text(), /npm run build:web/);
		}
	});

	it("leaves files and non-HTML requests to the app's 404", async () => {
		assert.equal((await get(app, "/assets/index-AbCdEf12.js")).status, 404);
		assert.equal((await get(app, "/objects", { accept: "application/json" })).status, 404);
	});
});

describe("web UI with a build", () => {
	const root = join(scratch, "dist");
	mkdirSync(join(root, "assets"), { recursive: true });
	writeFileSync(
		join(root, "index.html"),
		`<!doctype html><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">` +
			`<script type="module" src="/assets/index-AbCdEf12.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>`,
	);
	writeFileSync(join(root, "assets", "index-AbCdEf12.js"), SCRIPT);
	writeFileSync(join(root, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><title>x</title></svg>");
	writeFileSync(join(root, ".secret"), "hidden");
	writeFileSync(join(scratch, "outside.txt"), "outside");
	const app = appOver(root);

	it("serves index.html with a fresh nonce in the page and in a strict CSP, never cached", async () => {
		const nonces = new Set<string>();
		for (let i = 0; i < 2; i++) {
			const response = await get(app, "/", HTML);
			assert.equal(response.status, 200);
			assert.match(response.headers.get("content-type") ?? "", /^text\/html; charset=utf-8/i);
			assert.equal(response.headers.get("cache-control"), "no-store");
			assert.equal(response.headers.get("x-content-type-options"), "nosniff");
			const csp = response.headers.get("content-security-policy") ?? "";
			const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
			assert.ok(nonce, csp);
			assert.match(csp, /script-src 'self'(;|$)/, "no inline scripts, no eval");
			assert.match(csp, /frame-ancestors 'none'/);
			const body = await response.text();
			assert.ok(!body.includes(CSP_NONCE_PLACEHOLDER));
			assert.equal(body.split(`nonce="${nonce}"`).length - 1, 2);
			nonces.add(nonce);
		}
		assert.equal(nonces.size, 2);
	});

	it("answers client routes with index.html for browsers, and 404 for anything else", async () => {
		const page = await get(app, "/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f?tab=graph", HTML);
		assert.equal(page.status, 200);
		assert.match(await page.text(), /csp-nonce/);
		assert.equal((await get(app, "/objects", { accept: "application/json" })).status, 404);
		// A value's page ends in what looks like an extension: a reload must still get the app.
		for (const value of ["/values/ipv4/198.51.100.7", "/values/domain/evil.example.js"]) {
			assert.equal((await get(app, value, HTML)).status, 200, value);
		}
		for (const reserved of ["/api/v1/nothing", "/taxii2", "/federation/v1/x", "/health/x", "/metrics"]) {
			assert.equal((await get(app, reserved, HTML)).status, 404, reserved);
		}
	});

	it("serves hashed assets with their type, cached for a year, gzipped on request, 304 on a matching ETag", async () => {
		const plain = await get(app, "/assets/index-AbCdEf12.js");
		assert.equal(plain.status, 200);
		assert.equal(plain.headers.get("content-type"), "text/javascript; charset=utf-8");
		assert.equal(plain.headers.get("cache-control"), "public, max-age=31536000, immutable");
		assert.equal(await plain.text(), SCRIPT);
		const zipped = await get(app, "/assets/index-AbCdEf12.js", { "accept-encoding": "gzip, br" });
		assert.equal(zipped.headers.get("content-encoding"), "gzip");
		assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString(), SCRIPT);
		const etag = plain.headers.get("etag") ?? "";
		assert.equal((await get(app, "/assets/index-AbCdEf12.js", { "if-none-match": etag })).status, 304);
	});

	it("serves other files revalidated, and a missing file as 404 even for a browser", async () => {
		const icon = await get(app, "/favicon.svg");
		assert.equal(icon.headers.get("content-type"), "image/svg+xml");
		assert.equal(icon.headers.get("cache-control"), "no-cache");
		assert.equal((await get(app, "/assets/index-Old0Hash.js", HTML)).status, 404);
	});

	it("never serves dotfiles or anything outside the build", async () => {
		for (const path of [
			"/.secret",
			"/..%2foutside.txt",
			"/assets/..%2f..%2foutside.txt",
			"/%2e%2e/outside.txt",
		]) {
			const response = await get(app, path);
			const body = await response.text();
			assert.ok(!body.includes("outside") && !body.includes("hidden"), `${path}: ${body}`);
		}
	});
});
