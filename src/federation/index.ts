// Public face of federation/: node identity, onboarding, the push/handshake endpoints, the outbox
// feeder and delivery service, peer status, and the crypto underneath (crypto/).
export { type Clock, offsetClock } from "./clock.ts";
export {
	type ConnectionTestOptions,
	type ConnectionTestResult,
	type TestStep,
	testConnection,
} from "./connection-test.ts";
export { NodeKeyRing, ReplayCache, signObject, signRequest, toPublicJwk } from "./crypto/index.ts";
export { FAILURE_CLASSES, type FailureClass, PeerFailure } from "./failure.ts";
export { FederationService, type FederationServiceOptions } from "./federation-service.ts";
export { peerSource } from "./inbox.ts";
export { decodeInvitation, type Invitation } from "./invitation.ts";
export {
	type AnnounceResult,
	announceKeyRotation,
	type KeyTransition,
	makeKeyTransition,
	readKeyTransition,
} from "./key-transition.ts";
export {
	identityOf,
	KEY_RING_FILE,
	type KeyIdentity,
	loadKeyRing,
	rotateKeyRing,
	writeRingMetadata,
} from "./node-identity.ts";
export { createNodeKey, fingerprintOf, loadNodeKey, NODE_KEY_FILE, type NodeKey } from "./node-key.ts";
export { type AcceptResult, acceptInvitation, createInvitation, type NodeSelf } from "./onboarding.ts";
export { purposeOf } from "./outbox-feeder.ts";
export { certificateIdentityOf } from "./peer-certificate.ts";
export { type PeerStatus, peerStatuses, renderPeerMetrics } from "./peer-status.ts";
export { checkPeerUrl, isLoopbackHost } from "./peer-url.ts";
export { type ProvenanceProof, provenanceProofs } from "./received-provenance.ts";
export { createFederationApp } from "./routes.ts";
export type { FederationServerDependencies } from "./server-context.ts";
export type { FederationClientTls } from "./transport.ts";
export { type WatchedKeyRing, watchKeyRing } from "./watched-key-ring.ts";
export {
	FEDERATION_BASE,
	HANDSHAKE_PATH,
	type ItemResult,
	KEYS_PATH,
	type ObjectItem,
	PUSH_PATH,
	type PushBody,
	type PushItem,
	type PushResponse,
} from "./wire.ts";
