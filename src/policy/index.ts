// Public face of policy/: what may leave the node, for whom.
export { type ReleasableVersion, releaseTo, type Viewer } from "./gate.ts";
