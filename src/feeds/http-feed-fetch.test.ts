// The production feed fetch against a loopback server that answers like hostile or old servers do: a gzip bomb sent
// with Content-Encoding and the connection closed after it (the global fetch ended the whole process on this),
// redirects, an encoding the pull cannot read, and bodies cut by a timeout or a closed connection.
import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import type { AppError } from "../errors/index.ts";
import { addressClass, guardedLookup } from "./feed-address.ts";
import { fetchFeed } from "./fetch-feed.ts";
import { httpFeedFetch } from "./http-feed-fetch.ts";

/** 64 MiB of one value a line, about 64 KiB gzipped. */
const BOMB = gzipSync(Buffer.from("1.2.3.4\n".repeat(8 * 1024 * 1024)), { level: 9 });
const LIMITS = { timeoutMs: 20_000, maxBytes: 512 * 1024 * 1024 };

describe("httpFeedFetch", () => {
	let server: Server;
	let base: string;
	before(async () => {
		server = createServer((request, response) => {
			if (request.url === "/bomb") {
				// As python's http.server does: the body, then the connection closed.
				response.writeHead(200, {
					"content-type": "text/plain",
					"content-encoding": "gzip",
					"content-length": BOMB.length,
					connection: "close",
				});
				response.end(BOMB);
			} else if (request.url === "/moved") {
				response.writeHead(302, { location: "/bomb" }).end();
			} else if (request.url === "/metadata") {
				response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
			} else if (request.url === "/metadata-v6") {
				response.writeHead(302, { location: "http://[::ffff:169.254.169.254]/latest/" }).end();
			} else if (request.url === "/to-localhost") {
				response.writeHead(307, { location: `http://localhost:${request.socket.localPort}/etag` }).end();
			} else if (request.url === "/loop") {
				response.writeHead(302, { location: "/loop" }).end();
			} else if (request.url === "/brotli") {
				response.writeHead(200, { "content-encoding": "br" }).end("x");
			} else if (request.url === "/stalls") {
				// As python's http.server does: HTTP/1.0, no Content-Length (the body ends when the connection
				// closes), one value, then nothing: only the timeout ends the read.
				request.socket.write("HTTP/1.0 200 OK\r\ncontent-type: text/plain\r\n\r\n198.51.100.1\n");
			} else if (request.url === "/cut") {
				response.writeHead(200, { "content-type": "text/plain", "content-length": 1000 });
				response.write("198.51.100.1\n");
				setTimeout(() => response.socket?.destroy(), 50);
			} else if (request.url === "/etag") {
				if (request.headers["if-none-match"] === '"v1"') response.writeHead(304).end();
				else response.writeHead(200, { etag: '"v1"' }).end("198.51.100.7\n");
			} else response.writeHead(404).end();
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	after(() => {
		server.closeAllConnections();
		return new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it("hands a gzip body over still compressed, so no transport decompresses it outside the cap", async () => {
		// The global fetch decompresses here itself; past ~128 MiB decompressed from an HTTP/1.0 server that closes
		// the connection, undici's parser fails an internal assertion that kills the process (seen with `serve`).
		const response = await httpFeedFetch(`${base}/bomb`, { headers: {} });
		assert.equal((await response.arrayBuffer()).byteLength, BOMB.length);
	});

	it("reads a gzip bomb sent with Content-Encoding and a closed connection, decompressed under the cap", async () => {
		const fetched = await fetchFeed(httpFeedFetch, `${base}/bomb`, {}, LIMITS);
		assert.equal(fetched.notModified, false);
		if (!fetched.notModified) assert.equal(fetched.text.length, 64 * 1024 * 1024);
		await assert.rejects(
			fetchFeed(httpFeedFetch, `${base}/bomb`, {}, { ...LIMITS, maxBytes: 1024 * 1024 }),
			(error: { code?: string }) => error.code === "E_FEED_TOO_LARGE",
		);
	});

	it("fails a body cut by the timeout or a closed connection rather than reading the part as the whole list", async () => {
		await assert.rejects(
			fetchFeed(httpFeedFetch, `${base}/stalls`, {}, { ...LIMITS, timeoutMs: 500 }),
			(error: { code?: string }) => error.code === "E_FEED_TIMEOUT",
		);
		await assert.rejects(
			fetchFeed(httpFeedFetch, `${base}/cut`, {}, LIMITS),
			(error: { code?: string }) => error.code === "E_FEED_FETCH",
		);
	});

	it("follows a redirect, refuses a loop and an encoding it cannot read, and answers 304", async () => {
		const moved = await fetchFeed(httpFeedFetch, `${base}/moved`, {}, LIMITS);
		assert.equal(moved.notModified, false);
		await assert.rejects(fetchFeed(httpFeedFetch, `${base}/loop`, {}, LIMITS), /redirects more than 5 times/);
		await assert.rejects(fetchFeed(httpFeedFetch, `${base}/brotli`, {}, LIMITS), /Content-Encoding 'br'/);
		const first = await fetchFeed(httpFeedFetch, `${base}/etag`, {}, LIMITS);
		assert.ok(!first.notModified && first.text === "198.51.100.7\n");
		const again = await fetchFeed(httpFeedFetch, `${base}/etag`, { etag: '"v1"' }, LIMITS);
		assert.equal(again.notModified, true);
	});

	it("refuses a redirect to the metadata service's link-local address without connecting to it", async () => {
		const hosts: string[] = [];
		const started = (message: unknown) => {
			const request = (message as { request: { host: string } }).request;
			hosts.push(request.host);
		};
		subscribe("http.client.request.start", started);
		try {
			for (const path of ["/metadata", "/metadata-v6"]) {
				await assert.rejects(fetchFeed(httpFeedFetch, `${base}${path}`, {}, LIMITS), (error: AppError) => {
					assert.equal(error.code, "E_FEED_ADDRESS");
					assert.match(
						error.message,
						/redirects to (169\.254\.169\.254|\[::ffff:a9fe:a9fe\]), a link-local address.*give that address itself/,
					);
					return true;
				});
			}
		} finally {
			unsubscribe("http.client.request.start", started);
		}
		assert.deepEqual(hosts, ["127.0.0.1", "127.0.0.1"], "only the feed's own server was asked");
	});

	it("follows a redirect to another loopback URL when the feed itself is on loopback", async () => {
		const fetched = await fetchFeed(httpFeedFetch, `${base}/to-localhost`, {}, LIMITS);
		assert.ok(!fetched.notModified && fetched.text === "198.51.100.7\n");
	});

	it("refuses a DNS answer on a guarded class the feed's URL is not on, before connecting", async () => {
		const answer = (allowed: "loopback" | undefined) =>
			new Promise<unknown>((resolve) =>
				guardedLookup("http://feeds.example/", allowed)("localhost", { all: true }, (error, addresses) =>
					resolve(error ?? addresses),
				),
			);
		const refused = (await answer(undefined)) as AppError;
		assert.equal(refused.code, "E_FEED_ADDRESS");
		assert.match(refused.message, /localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
		assert.ok(Array.isArray(await answer("loopback")), "a feed on loopback may resolve to loopback");
		assert.deepEqual(
			[
				"169.254.169.254",
				"::ffff:169.254.169.254",
				"fe80::1",
				"127.0.0.2",
				"::1",
				"0.0.0.0",
				"::",
				"10.0.0.1",
				"192.0.2.1",
			].map(addressClass),
			[
				"link-local",
				"link-local",
				"link-local",
				"loopback",
				"loopback",
				"unspecified",
				"unspecified",
				undefined,
				undefined,
			],
		);
	});
});
