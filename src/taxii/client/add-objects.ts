// Add Objects (§5.5): post envelopes that fit the server's limit, then poll each status (§4.3) until complete or out of time.
import type { ObjectRef } from "./envelope-chunks.ts";
import { envelopeChunks } from "./envelope-chunks.ts";
import type { Status, StatusDetails } from "./resources.ts";
import type { Sleep } from "./retry.ts";

export interface AddObjectsOptions {
	/** Upper bound on an envelope's size, below the server's max_content_length. Default 16 MiB. */
	maxEnvelopeBytes?: number;
	/** Objects per envelope. Default 5000. */
	maxObjectsPerEnvelope?: number;
	/** How long to keep polling one pending status. Default 120 s; 0 does not poll. */
	statusTimeoutMs?: number;
	/** First wait between polls; it grows by half each time up to 10 s. Default 1 s. */
	pollIntervalMs?: number;
	/** Called after each envelope's final status. */
	onEnvelope?: (status: Status, sent: number) => void;
}

export interface AddObjectsResult {
	envelopes: number;
	/** Objects sent in envelopes (too-large ones excluded). */
	sent: number;
	success: number;
	failure: number;
	pending: number;
	/** Each envelope's last status, without its `successes` list (kept small for large pushes). */
	statuses: Status[];
	/** Failed objects as the server reported them, up to 1000. */
	failures: StatusDetails[];
	/** Objects not sent because alone they exceed the limit. */
	tooLarge: (ObjectRef & { bytes: number })[];
	/** Every status reached `complete` and nothing was left unsent. */
	complete: boolean;
}

/** What addObjects needs from a client. */
export interface AddObjectsTransport {
	maxContentLength(): Promise<number>;
	post(body: string): Promise<Status>;
	status(id: string): Promise<Status>;
	sleep: Sleep;
}

const MAX_FAILURES_KEPT = 1000;
const MAX_POLL_INTERVAL_MS = 10_000;

export async function addObjectsThrough(
	transport: AddObjectsTransport,
	objects: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
	options: AddObjectsOptions = {},
): Promise<AddObjectsResult> {
	const limit = Math.min(await transport.maxContentLength(), options.maxEnvelopeBytes ?? 16 * 1024 * 1024);
	const result: AddObjectsResult = {
		envelopes: 0,
		sent: 0,
		success: 0,
		failure: 0,
		pending: 0,
		statuses: [],
		failures: [],
		tooLarge: [],
		complete: true,
	};
	for await (const chunk of envelopeChunks(objects, limit, options.maxObjectsPerEnvelope ?? 5000)) {
		if (chunk.kind === "too-large") {
			result.tooLarge.push({ ...chunk.object, bytes: chunk.bytes });
			result.complete = false;
			continue;
		}
		let status = await transport.post(chunk.body);
		status = await pollUntilComplete(transport, status, options);
		result.envelopes++;
		result.sent += chunk.objects.length;
		result.success += status.success_count;
		result.failure += status.failure_count;
		result.pending += status.pending_count;
		if (status.status !== "complete") result.complete = false;
		for (const failure of status.failures ?? []) {
			if (result.failures.length < MAX_FAILURES_KEPT) result.failures.push(failure);
		}
		const { successes: _omitted, ...kept } = status;
		result.statuses.push(kept);
		options.onEnvelope?.(status, chunk.objects.length);
	}
	return result;
}

async function pollUntilComplete(
	transport: AddObjectsTransport,
	first: Status,
	options: AddObjectsOptions,
): Promise<Status> {
	let status = first;
	// Time is counted in waits, not by the clock, so an injected sleep makes the whole loop testable.
	const budget = options.statusTimeoutMs ?? 120_000;
	let waited = 0;
	let interval = options.pollIntervalMs ?? 1000;
	while (status.status === "pending" && waited + interval <= budget) {
		await transport.sleep(interval);
		waited += interval;
		status = await transport.status(status.id);
		interval = Math.min(MAX_POLL_INTERVAL_MS, interval * 1.5);
	}
	return status;
}
