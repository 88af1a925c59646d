// The egress gate as the REST API sees it: the part of policy/'s EgressGate it calls, bound in main.ts.
import type { EgressGate, Viewer } from "../policy/index.ts";

export type { Decision, PartyPreview, Purpose, ReleasableVersion } from "../policy/index.ts";

/** Who receives a response: the user's organisation (a party), the user, and the declared purpose. */
export type ApiViewer = Viewer;

/**
 * What the REST API needs of the one egress gate: `createGate(sources)` satisfies it; tests pass a
 * fake. Every object, string or count the API derives from stored objects comes from what
 * `releasePage`/`release` return, never from the versions handed to them.
 * @example createApiApp({ store, gate: createGate(sources), nodeName, version, onError })
 */
export type ApiGate = Pick<EgressGate, "releasePage" | "release" | "explain" | "preview">;
