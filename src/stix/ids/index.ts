// Public face of STIX identifiers: canonical JSON, UUID helpers and deterministic SCO ids.
export { canonicalJson } from "./canonical-json.ts";
export { chooseOneHash, ID_CONTRIBUTING_PROPERTIES, SCO_ID_NAMESPACE, scoId, scoValue } from "./sco-id.ts";
export { isUuidV4, uuidV5, uuidV5In, uuidVersion } from "./uuid.ts";
