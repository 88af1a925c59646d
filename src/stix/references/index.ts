// Public face of STIX references: the one table of reference properties and the walk that finds and withdraws them.
export { REFERENCE_PROPERTIES, type ReferenceProperty, referenceProperty } from "./reference-properties.ts";
export {
	forEachReference,
	HANDLING_REFERENCES,
	isReferenceName,
	isStixId,
	referencedIds,
	referencesWithPaths,
	type Withdrawal,
	type WithdrawOptions,
	withdrawReferences,
} from "./reference-walk.ts";
