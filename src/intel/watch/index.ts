// Public face of intel/watch/ (D51): watch entries checked and matched, the commit-log follower that records
// alerts, and the webhook that carries them out (its URL rules, signature and sender). Never asks the gate: the
// release of each alert's object is given to it (api/'s released-alerts.ts, bound in main.ts).
export { alertIdOf } from "./alert-id.ts";
export { matchesOnCopy, type ReleaseToOrganization, type WatchRound, watchOnce } from "./follow.ts";
export { type WatchMatch, WatchMatcher } from "./matcher.ts";
export { WATCH_LIMITS, type WatchEntryInput, type WatchValue, watchValueOf } from "./watch-entry.ts";
export { WatchService, type WatchServiceOptions } from "./watch-service.ts";
export { refusedAddress } from "./webhook/address-rules.ts";
export {
	DELIVERY_HEADER,
	newWebhookSecret,
	SIGNATURE_HEADER,
	SIGNATURE_TOLERANCE_SECONDS,
	signatureOf,
	verifyWebhookSignature,
} from "./webhook/signature.ts";
export { type AlertPayload, backoffMs, deliverWebhooksOnce } from "./webhook/webhook-delivery.ts";
export { postWebhook, type WebhookAnswer } from "./webhook/webhook-post.ts";
export { webhookUrlOf } from "./webhook/webhook-url.ts";
