// Public face of misp/: MISP JSON events ⇄ STIX 2.1, after MISP's own misp-stix mapping (D53, D54).
export { isMispFeedManifest, isMispJson, mispEventsOf } from "./detect.ts";
export type { StixToMispOptions } from "./to-misp/events.ts";
export { md5HashesOf, stixToMisp } from "./to-misp/stix-to-misp.ts";
export { MAX_EVENT_ATTRIBUTES, mispToStix } from "./to-stix/event.ts";
export type { ConversionNote, MispConversion, MispEventJson, MispToStixOptions } from "./types.ts";
