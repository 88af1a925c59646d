// Test support: a scripted TAXII server on 127.0.0.1 that records every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
	method: string;
	/** Path and query as sent, e.g. `/api1/collections/x/objects/?limit=2`. */
	url: string;
	headers: IncomingMessage["headers"];
	body: string;
}

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	/** A value is sent as JSON; a string or buffer as is. */
	body?: unknown;
	/** Drop the connection without answering (a network error for the client). */
	destroy?: boolean;
	/** Never answer (a timeout for the client). */
	hang?: boolean;
}

export type Route = (request: RecordedRequest, url: URL) => Reply | Promise<Reply>;

export const TAXII = "application/taxii+json;version=2.1";

export interface FakeTaxiiServer {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	requests: RecordedRequest[];
	/** Routes are looked up by `METHOD /path/` (without query); the first match answers. */
	on(method: string, path: string, route: Route | Reply): void;
	close(): Promise<void>;
}

/** Starts a server on a free loopback port. Unknown routes answer 404 with a TAXII error body. */
export async function startFakeTaxiiServer(): Promise<FakeTaxiiServer> {
	const routes = new Map<string, Route>();
	const requests: RecordedRequest[] = [];
	const hanging = new Set<ServerResponse>();
	const server = createServer(async (incoming, response) => {
		const chunks: Buffer[] = [];
		for await (const chunk of incoming) chunks.push(chunk as Buffer);
		const recorded: RecordedRequest = {
			method: incoming.method ?? "GET",
			url: incoming.url ?? "/",
			headers: incoming.headers,
			body: Buffer.concat(chunks).toString("utf8"),
		};
		requests.push(recorded);
		const url = new URL(recorded.url, "http://127.0.0.1");
		const route = routes.get(`${recorded.method} ${url.pathname}`);
		const reply: Reply =
			route === undefined
				? { status: 404, body: { title: "Not Found", http_status: "404" } }
				: await route(recorded, url);
		if (reply.destroy === true) {
			response.socket?.destroy();
			return;
		}
		if (reply.hang === true) {
			hanging.add(response);
			return;
		}
		const body =
			reply.body === undefined
				? ""
				: typeof reply.body === "string" || Buffer.isBuffer(reply.body)
					? reply.body
					: JSON.stringify(reply.body);
		response.writeHead(reply.status ?? 200, { "content-type": TAXII, ...reply.headers });
		response.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		on(method, path, route) {
			routes.set(`${method} ${path}`, typeof route === "function" ? route : () => route);
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const response of hanging) response.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
