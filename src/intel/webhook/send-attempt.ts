// One signed webhook POST and what came of it, for every webhook the node sends (D51's watch-list alerts, D59's
// release webhooks): a 2xx is delivered; anything else — an answer, a refused address, DNS, TLS, a timeout — is a
// failure with its reason and the time of the retry, which backs off exponentially with jitter.
import { postWebhook, type WebhookPostOptions } from "./webhook-post.ts";

/** Where a webhook goes and the key its signature is made with. */
export interface WebhookTarget {
	url: string;
	secret: string;
}

/** How retries back off: the first waits `retryBaseMs`, each next one twice as long, at most `retryMaxMs`. */
export interface RetryPolicy {
	retryBaseMs: number;
	retryMaxMs: number;
}

/** What one attempt came to. */
export type SendOutcome =
	| { outcome: "delivered"; at: string; status: number }
	| { outcome: "failed"; at: string; status?: number; error: string; retryAt: string };

/**
 * POSTs `body` to `target`, signed, naming `deliveryId`; never throws. `attempts` (made before this one) sets the
 * retry's delay when it fails.
 * @example const sent = await sendSigned(sub, alert.id, JSON.stringify(payload), delivery.attempts, options)
 */
export async function sendSigned(
	target: WebhookTarget,
	deliveryId: string,
	body: string,
	attempts: number,
	options: WebhookPostOptions & RetryPolicy,
): Promise<SendOutcome> {
	const now = options.now ?? (() => new Date());
	let failure: { error: string; status?: number };
	try {
		const answer = await postWebhook(new URL(target.url), target.secret, deliveryId, body, options);
		if (answer.ok) return { outcome: "delivered", at: now().toISOString(), status: answer.status };
		failure = { error: `the receiver answered ${answer.status}`, status: answer.status };
	} catch (error) {
		failure = { error: error instanceof Error ? error.message : String(error) };
	}
	const at = now();
	const retryAt = new Date(at.getTime() + backoffMs(attempts, options)).toISOString();
	return { outcome: "failed", at: at.toISOString(), ...failure, retryAt };
}

/** The wait before the next attempt: base × 2^attempts, capped, plus up to a tenth of jitter. */
export function backoffMs(attempts: number, options: RetryPolicy): number {
	const delay = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.min(attempts, 30));
	return delay + Math.floor(Math.random() * delay * 0.1);
}
