// A loopback HTTP server for feed tests: serves files set per path, with ETag / If-None-Match, counts requests,
// and can answer slowly, with HTML, or gzip-encoded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

export interface ServedFile {
	body: string | Buffer;
	contentType?: string;
	etag?: string;
	/** Sent as Content-Encoding: gzip (the client decodes it). */
	gzip?: boolean;
	/** Milliseconds before the answer starts. */
	delayMs?: number;
	status?: number;
}

export interface FeedServer {
	url: string;
	files: Map<string, ServedFile>;
	/** Requests per path, and the If-None-Match each carried. */
	requests: { path: string; ifNoneMatch?: string }[];
	close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (an ephemeral port). */
export async function startFeedServer(): Promise<FeedServer> {
	const files = new Map<string, ServedFile>();
	const requests: FeedServer["requests"] = [];
	const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
		const path = request.url ?? "/";
		const ifNoneMatch = request.headers["if-none-match"];
		requests.push({ path, ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }) });
		const file = files.get(path);
		const answer = () => {
			if (file === undefined) {
				response.writeHead(404, { "content-type": "text/plain" }).end("not found");
				return;
			}
			if (file.etag !== undefined && ifNoneMatch === file.etag) {
				response.writeHead(304, { etag: file.etag }).end();
				return;
			}
			const headers: Record<string, string> = { "content-type": file.contentType ?? "text/plain" };
			if (file.etag !== undefined) headers.etag = file.etag;
			let body = typeof file.body === "string" ? Buffer.from(file.body) : file.body;
			if (file.gzip === true) {
				headers["content-encoding"] = "gzip";
				body = gzipSync(body);
			}
			response.writeHead(file.status ?? 200, headers).end(body);
		};
		if (file?.delayMs === undefined) answer();
		else setTimeout(answer, file.delayMs);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		files,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
