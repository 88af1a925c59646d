// This node's side of a handshake: its name, URL, public keys and the parties (local organisations) it hosts.
import type { Store } from "../store/index.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import type { HandshakeHello } from "./wire.ts";

/** The parties this node hosts: its local organisations. */
export async function hostedParties(store: Store): Promise<{ id: string; name: string }[]> {
	return (await store.listOrganizations())
		.filter((o) => o.local !== false)
		.map((o) => ({ id: o.id, name: o.name }));
}

export async function localHello(
	store: Store,
	nodeName: string,
	url: string,
	ring: NodeKeyRing,
	agreements: readonly string[],
	clientCertificate?: HandshakeHello["clientCertificate"],
): Promise<HandshakeHello> {
	return {
		node: nodeName,
		url,
		keys: ring.publicJwks(),
		parties: await hostedParties(store),
		agreements: [...agreements],
		...(clientCertificate === undefined ? {} : { clientCertificate }),
	};
}
