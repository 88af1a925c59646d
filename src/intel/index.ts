// Public face of intel/.

export { type BulkMatchOptions, type MatchHit, type MatchRow, matchValues } from "./bulk-match.ts";
export { type BuildOptions, buildIndex } from "./index/build-index.ts";
export { type FollowOptions, followStore, type IndexFollower } from "./index/follow-store.ts";
export {
	type LiveIndex,
	type LiveIndexOptions,
	openLiveIndex,
	type StartingIndex,
	startLiveIndex,
} from "./index/live-index.ts";
export {
	ObservableIndex,
	type RelatedObject,
	type Relation,
	type Suggestion,
} from "./index/observable-index.ts";
export { IndicatorPatterns, scoOfValue } from "./indicator-patterns.ts";
export {
	type Candidate,
	candidatesOf,
	countBySource,
	type MatchInput,
	observableOfInput,
	PATTERN_STEPS_PER_REQUEST,
	PatternBudget,
	type Release,
	type ReleasedCandidate,
	ReleasedValues,
	releasedCandidates,
	TOO_COMMON,
} from "./match.ts";
export {
	deliverReleasesOnce,
	type ReleaseDeliveryOptions,
	type ReleasePayload,
	type ReleasePayloads,
	ReleaseWebhookService,
	type ReleaseWebhookServiceOptions,
} from "./release-webhooks/index.ts";
export {
	BUILT_IN_PREFIX,
	BUILT_IN_WARNINGLISTS,
	compileWarninglists,
	compileWarninglistsYielding,
	kindsOfList,
	openWarninglists,
	type ReadWarninglist,
	readMispWarninglist,
	WARNINGLIST_LIMITS,
	type Warninglist,
	type WarninglistHit,
	type WarninglistInfo,
	type WarninglistMatcher,
	type WarninglistStore,
	Warninglists,
} from "./warninglists/index.ts";
export {
	type AlertPayload,
	alertIdOf,
	deliverWebhooksOnce,
	matchesOnCopy,
	type ReleaseToOrganization,
	WATCH_LIMITS,
	type WatchEntryInput,
	type WatchMatch,
	WatchMatcher,
	type WatchRound,
	WatchService,
	type WatchServiceOptions,
	type WatchValue,
	watchOnce,
	watchValueOf,
} from "./watch/index.ts";
export {
	backoffMs,
	DELIVERY_HEADER,
	newWebhookSecret,
	postWebhook,
	type RetryPolicy,
	refusedAddress,
	type SendOutcome,
	SIGNATURE_HEADER,
	SIGNATURE_TOLERANCE_SECONDS,
	sendSigned,
	signatureOf,
	verifyWebhookSignature,
	WakeSignal,
	type WebhookAnswer,
	type WebhookPostOptions,
	type WebhookTarget,
	webhookUrlOf,
} from "./webhook/index.ts";
