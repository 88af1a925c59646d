// The webhook machinery every webhook of the node shares (D51, D59): where a receiver may be (URL and address rules
// against server-side request forgery, checked again at each connection), the HMAC signature, the POST, one attempt
// with its backoff, and the wake-up flag of the senders' loops. Watch-list alerts (watch/) and release webhooks
// (release-webhooks/) each keep their own queue and payload; nothing here knows what is sent.
export { refusedAddress } from "./address-rules.ts";
export {
	backoffMs,
	type RetryPolicy,
	type SendOutcome,
	sendSigned,
	type WebhookTarget,
} from "./send-attempt.ts";
export {
	DELIVERY_HEADER,
	newWebhookSecret,
	SIGNATURE_HEADER,
	SIGNATURE_TOLERANCE_SECONDS,
	signatureOf,
	verifyWebhookSignature,
} from "./signature.ts";
export { WakeSignal } from "./wake-signal.ts";
export { postWebhook, type WebhookAnswer, type WebhookPostOptions } from "./webhook-post.ts";
export { webhookUrlOf } from "./webhook-url.ts";
