// Public face of intel/watch/ (D51): watch entries checked and matched, the commit-log follower that records
// alerts, and the sender of their webhook (its URL rules, signature and POST are ../webhook/'s, shared). Never asks the gate: the
// release of each alert's object is given to it (api/'s released-alerts.ts, bound in main.ts).
export { alertIdOf } from "./alert-id.ts";
export { matchesOnCopy, type ReleaseToOrganization, type WatchRound, watchOnce } from "./follow.ts";
export { type WatchMatch, WatchMatcher } from "./matcher.ts";
export { WATCH_LIMITS, type WatchEntryInput, type WatchValue, watchValueOf } from "./watch-entry.ts";
export { WatchService, type WatchServiceOptions } from "./watch-service.ts";
export { type AlertPayload, deliverWebhooksOnce } from "./webhook-delivery.ts";
