// Listening: the node's HTTP(S) server on a host and port, and an error that says what to do when it cannot.
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { serve } from "@hono/node-server";
import { AppError } from "../errors/index.ts";

/** Where and how to listen: `tls` files are read when listening starts. */
export interface ListenOptions {
	host: string;
	port: number;
	tls?: { certFile: string; keyFile: string; clientCaFile?: string | undefined } | undefined;
}

/** A server `listen` started. */
export type ListeningServer = ReturnType<typeof serve>;

/** Listens on `host:port`, over TLS when `tls` is given; a failure says what to do about it. */
export function listen(
	fetch: Parameters<typeof serve>[0]["fetch"],
	options: ListenOptions,
): Promise<ListeningServer> {
	const tls = tlsOptions(options.tls);
	return new Promise<ListeningServer>((resolvePromise, reject) => {
		const started = serve({ fetch, hostname: options.host, port: options.port, ...tls }, () =>
			resolvePromise(started),
		);
		started.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
	});
}

/** The HTTPS server options when `tls` is configured (files read now), else none. */
function tlsOptions(tls: ListenOptions["tls"]) {
	if (tls === undefined) return {};
	return {
		createServer: createHttpsServer,
		serverOptions: {
			cert: readFileSync(tls.certFile),
			key: readFileSync(tls.keyFile),
			// Mutual TLS: ask for a client certificate but let the handshake finish without one;
			// /federation/v1/* refuses unverified clients, other routes do not care.
			...(tls.clientCaFile === undefined
				? {}
				: { requestCert: true, rejectUnauthorized: false, ca: readFileSync(tls.clientCaFile) }),
		},
	};
}

/** Says why the server could not listen, and what to do about it. */
function listenError(error: NodeJS.ErrnoException, options: Pick<ListenOptions, "host" | "port">): Error {
	const where = `${options.host}:${options.port}`;
	if (error.code === "EADDRINUSE") {
		return new AppError(
			"E_SERVER_LISTEN",
			`${where} is already in use: stop the process listening there, or choose another port with --port N (0 picks a free one)`,
			{ cause: error },
		);
	}
	if (error.code === "EACCES") {
		return new AppError("E_SERVER_LISTEN", `not allowed to listen on ${where}: use a port above 1023`, {
			cause: error,
		});
	}
	if (error.code === "EADDRNOTAVAIL") {
		return new AppError(
			"E_SERVER_LISTEN",
			`${options.host} is not an address of this machine: check --host`,
			{
				cause: error,
			},
		);
	}
	return error;
}
