// Public face of ingest/: untrusted input → validated, upgraded, stored STIX 2.1, with a report.

export { authorRule } from "./author.ts";
export { embeddedAuthors } from "./embedded-authors.ts";
export { heldBody } from "./held-rejections.ts";
export {
	type IngestItem,
	type IngestOptions,
	type IngestProgress,
	ingest,
	UNKNOWN_MARKING_FLAG,
} from "./ingest.ts";
export { ingestSource, type SourceOptions, type SourceTranslator } from "./ingest-source.ts";
export {
	countIntake,
	followIntake,
	INTAKE_CURSOR,
	type IntakeFollower,
	type IntakeRound,
	intakeCounts,
} from "./intake-count.ts";
export { MarkingKnowledge } from "./marking-knowledge.ts";
export { maskHidden } from "./mask-hidden.ts";
export { ownSetAside } from "./own-copies.ts";
export { markingRefsOf, type Prepared, prepareObject } from "./prepare.ts";
export { type QuarantineEntry, quarantineEntry } from "./quarantine-entry.ts";
export {
	decideQuarantined,
	type QuarantineDecision,
	type QuarantineDecisionRequest,
} from "./quarantine-review.ts";
export { type IngestReport, OBJECT_STATUSES, type ObjectResult, type ObjectStatus } from "./report.ts";
export { SAMPLE_SET_AUTHOR, sampleSetObjects } from "./sample-set.ts";
export { type InputSource, listSources } from "./sources.ts";
