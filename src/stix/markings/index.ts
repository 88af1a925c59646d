// Public face of stix/markings/: the pinned marking catalogue (TLP 1.0/2.0, PAP, IEP, statements, handling codes).
export { classifyMarking, isKnownMarkingRef, knownMarkings } from "./catalogue.ts";
export type { MarkingDefinitionClass } from "./classify-definition.ts";
export { classifyMarkingDefinition } from "./classify-definition.ts";
export type { HandlingCode } from "./handling.ts";
export { HANDLING_CODES, HANDLING_DEFINITIONS, HANDLING_IDS, HANDLING_MEANINGS } from "./handling.ts";
export type { IepPolicy, IepResult } from "./iep.ts";
export { IEP_EXTENSION_ID, IEP_PERMITTED_ACTIONS, validateIep } from "./iep.ts";
export type { KnownMarking, MarkingDefinition, MarkingKind } from "./known-marking.ts";
export { MARKING_KINDS } from "./known-marking.ts";
export type { PapLevel } from "./pap.ts";
export { PAP_EXTENSION_ID, PAP_IDS, PAP_LEVELS } from "./pap.ts";
export { checkPinnedDefinition, type PinnedDefinitionCheck } from "./pinned-definition.ts";
export type { SelectorResolution, SelectorStep } from "./selectors.ts";
export { resolveSelector, selectorOf, selectorSteps } from "./selectors.ts";
export type { Tlp1Level } from "./tlp1.ts";
export { TLP1_DEFINITIONS, TLP1_LEVELS } from "./tlp1.ts";
export type { Tlp2Level } from "./tlp2.ts";
export { TLP2_DEFINITIONS, TLP2_EXTENSION_ID, TLP2_LEVELS } from "./tlp2.ts";
