// Posts one signed webhook body (D51): the receiver's addresses are checked as DNS answers them, at the moment of
// connecting (a name that resolves, or later re-resolves, inside the node's network is refused); no redirect is
// followed; the answer is read up to a small bound and dropped.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { refusedAddress } from "./address-rules.ts";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureOf } from "./signature.ts";

export interface WebhookPostOptions {
	/** The operator allows receivers on private and loopback addresses (config `webhooks.allowPrivateAddresses`). */
	allowPrivate: boolean;
	timeoutMs: number;
	now?: () => Date;
}

/** What the receiver answered: `ok` for a 2xx. A network failure or a refused address is thrown with its reason. */
export interface WebhookAnswer {
	ok: boolean;
	status: number;
}

/** Bytes of a receiver's answer read before it is dropped. */
const ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` (JSON text) to `url`, signed with `secret`, naming `deliveryId` (the receiver deduplicates by it).
 * @throws Error naming why nothing was answered: refused address, DNS, connection, TLS, timeout.
 * @example await postWebhook(new URL(sub.url), sub.secret, alert.id, JSON.stringify(payload), { allowPrivate: false, timeoutMs: 10_000 })
 */
export function postWebhook(
	url: URL,
	secret: string,
	deliveryId: string,
	body: string,
	options: WebhookPostOptions,
): Promise<WebhookAnswer> {
	const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
	if (isIP(host) !== 0) {
		const refused = refusedAddress(host, options.allowPrivate);
		if (refused !== undefined) return Promise.reject(new Error(`refused: ${refused}`));
	}
	const request = url.protocol === "https:" ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const outgoing = request(
			url,
			{
				method: "POST",
				lookup: checkedLookup(options.allowPrivate),
				timeout: options.timeoutMs,
				headers: {
					"Content-Type": "application/json",
					"Content-Length": Buffer.byteLength(body),
					"User-Agent": "entente-webhook/1",
					[DELIVERY_HEADER]: deliveryId,
					[SIGNATURE_HEADER]: signatureOf(secret, body, options.now?.() ?? new Date()),
				},
			},
			(answer) =>
				drain(answer, () => resolve({ ok: okStatus(answer.statusCode), status: answer.statusCode ?? 0 })),
		);
		outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
		outgoing.on("error", reject);
		outgoing.end(body);
	});
}

function okStatus(status: number | undefined): boolean {
	return status !== undefined && status >= 200 && status < 300;
}

/** Reads at most ANSWER_BYTES of the answer, then lets it go. */
function drain(answer: IncomingMessage, done: () => void): void {
	let read = 0;
	answer.on("data", (chunk: Buffer) => {
		read += chunk.length;
		if (read > ANSWER_BYTES) answer.destroy();
	});
	answer.on("close", done);
	answer.on("end", done);
	answer.on("error", done);
}

/** dns.lookup, failing when any address it gives is one a webhook may not reach. */
function checkedLookup(allowPrivate: boolean): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, options as LookupOptions, (error, address, family) => {
			if (error !== null) return callback(error, "", 0);
			const addresses: LookupAddress[] = Array.isArray(address)
				? address
				: [{ address: address as string, family: family ?? 0 }];
			for (const candidate of addresses) {
				const refused = refusedAddress(candidate.address, allowPrivate);
				if (refused !== undefined) {
					const failure = new Error(`refused: ${hostname} resolves to ${refused}`) as NodeJS.ErrnoException;
					failure.code = "E_WEBHOOK_ADDRESS_REFUSED";
					return callback(failure, "", 0);
				}
			}
			if (Array.isArray(address))
				(callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
			else callback(null, address as string, family ?? 0);
		});
	};
}
