// The production feed fetch against a loopback server that answers like hostile or old servers do: a gzip bomb sent
// with Content-Encoding and the connection closed after it (the global fetch ended the whole process on this),
// redirects, an encoding the pull cannot read, and bodies cut by a timeout or a closed connection.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
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
});
