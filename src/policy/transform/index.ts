// Public face of policy/transform/: the released copy of objects under personal-data treatments.
export { type TransformContext, type TransformedBundle, transformBundle } from "./bundle.ts";
export { PERSONAL_FIELDS } from "./defaults.ts";
export { DERIVATION_PROPERTY, type Derivation, isObservableType, keyedUuidV4 } from "./derivation.ts";
export { rebaseAfterRemoval } from "./granular.ts";
export { generaliseIp } from "./network.ts";
export { PSEUDONYM_KINDS, type PseudonymKind, pseudonymise } from "./pseudonym.ts";
export { REDACTED, scrubText, scrubUrl } from "./scrub.ts";
export { type TransformedObject, transformObject } from "./transform-object.ts";
export { CREDENTIAL_RULE, type DerivationRule } from "./treat-object.ts";
