// Public face of observables/: what a value is — its kind and one normal form, refanging, classification,
// where values sit in STIX objects, and the IP and domain relations the index, warninglists and watch-lists share.

export { classify } from "./classify.ts";
export { MAX_DOMAIN_LENGTH, parentDomains, registrableDomain } from "./domain.ts";
export {
	DEFAULT_EXTRACT_LIMIT,
	type ExtractedObservable,
	type ExtractedReference,
	type Extraction,
	type ExtractOptions,
	extractObservables,
	extractText,
	extractTextYielding,
	type ReferenceKind,
	type TextFormat,
} from "./extract/index.ts";
export { cidrContains, type ParsedCidr, parseCidr, parsedContains } from "./ip.ts";
export {
	isObservableKind,
	OBSERVABLE_KINDS,
	type Observable,
	type ObservableKind,
	observableKey,
} from "./kinds.ts";
export { MAX_OBSERVABLE_LENGTH, normalise, OBSERVABLE_LIMITS, tryNormalise } from "./normalise.ts";
export { type FoundObservable, observablesOf } from "./observables-of.ts";
export { refang } from "./refang.ts";
export { patternOf, scoOf, stixTargetOf } from "./stix-mapping.ts";
