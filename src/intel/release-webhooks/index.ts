// Public face of intel/release-webhooks/ (D59): the sender of new releases to each user's release webhooks. Never
// asks the gate: the release of each page to a subscription's owner is given to it (api/'s releasePayloads).
export {
	deliverReleasesOnce,
	type ReleaseDeliveryOptions,
	type ReleasePayload,
	type ReleasePayloads,
} from "./deliver-releases.ts";
export { ReleaseWebhookService, type ReleaseWebhookServiceOptions } from "./release-webhook-service.ts";
