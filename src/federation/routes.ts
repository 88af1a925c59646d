// The federation endpoints as a Hono sub-app, mounted by server/ under /federation/v1.
import { Hono } from "hono";
import { handleHandshake } from "./handshake-route.ts";
import { handleKeyTransition } from "./keys-route.ts";
import { peerKeyCache } from "./peer-keys.ts";
import { PushSequencer } from "./push-order.ts";
import { handlePush } from "./push-route.ts";
import { type FederationServerDependencies, refuse } from "./server-context.ts";
import { FEDERATION_BASE } from "./wire.ts";

/**
 * Builds the federation sub-app (handshake, push, key transitions). Mount it at the root: its paths carry
 * {@link FEDERATION_BASE}. Errors never reach server/'s TAXII error shape: every refusal is answered here.
 */
export function createFederationApp(deps: FederationServerDependencies): Hono {
	const app = new Hono();
	const keyCache = peerKeyCache();
	const keyIndex = async () => keyCache(await deps.store.listPeers());
	const sequencer = new PushSequencer();
	if (deps.clientCertificateRequired === true) {
		app.use(`${FEDERATION_BASE}/*`, async (context, next) => {
			// @hono/node-server passes the Node request as env.incoming; its socket is a TLSSocket under https.
			const socket = (context.env as { incoming?: { socket?: { authorized?: boolean } } } | undefined)
				?.incoming?.socket;
			if (socket?.authorized !== true) {
				return refuse(deps, context, new Uint8Array(), 403, {
					class: "tls",
					reason: "a client certificate issued by a CA this node trusts is required (mutual TLS)",
				});
			}
			await next();
		});
	}
	app.post(`${FEDERATION_BASE}/handshake`, (context) => handleHandshake(deps, context));
	app.post(`${FEDERATION_BASE}/push`, (context) => handlePush(deps, context, keyIndex, sequencer));
	app.post(`${FEDERATION_BASE}/keys`, (context) => handleKeyTransition(deps, context, keyIndex));
	return app;
}
