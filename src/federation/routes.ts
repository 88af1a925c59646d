// The federation endpoints as a Hono sub-app, mounted by server/ under /federation/v1.
import { Hono } from "hono";
import { handleHandshake } from "./handshake-route.ts";
import { peerKeyCache } from "./peer-keys.ts";
import { PushSequencer } from "./push-order.ts";
import { handlePush } from "./push-route.ts";
import type { FederationServerDependencies } from "./server-context.ts";
import { FEDERATION_BASE } from "./wire.ts";

/**
 * Builds the federation sub-app (handshake, push). Mount it at the root: its paths carry
 * {@link FEDERATION_BASE}. Errors never reach server/'s TAXII error shape: every refusal is answered here.
 */
export function createFederationApp(deps: FederationServerDependencies): Hono {
	const app = new Hono();
	const keyCache = peerKeyCache();
	const keyIndex = async () => keyCache(await deps.store.listPeers());
	const sequencer = new PushSequencer();
	app.post(`${FEDERATION_BASE}/handshake`, (context) => handleHandshake(deps, context));
	app.post(`${FEDERATION_BASE}/push`, (context) => handlePush(deps, context, keyIndex, sequencer));
	return app;
}
