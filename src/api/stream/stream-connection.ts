// One open release stream (D59): Server-Sent Events of the versions committed after the reader's position, each
// released to the reader's viewer at send time. Its buffer is bounded: a reader that does not keep up is cut off
// with a last `end` event naming the reason and the id to resume from, so it never holds memory or other readers.
// Heartbeats repeat the last id sent; the token is checked again periodically (a revoked one ends the stream).
import { formatMicros } from "../../store/index.ts";
import type { ApiGate, ApiViewer } from "../gate.ts";
import type { ReleaseFeed } from "./release-feed.ts";
import type { ReleaseFilter } from "./release-filter.ts";
import { releasedNews } from "./released-news.ts";

/** How a stream behaves; main.ts takes them from config `stream.*`. */
export interface StreamLimits {
	/** Bytes of events queued for a reader before it is cut off as too slow. */
	bufferBytes: number;
	/** How often a heartbeat (a comment carrying the position) is sent. */
	heartbeatMs: number;
	/** How often the reader's credentials are checked again. */
	tokenCheckMs: number;
}

/** Why a stream ended, as its last event says. */
export type StreamEnd = "slow-reader" | "token-revoked" | "node-closing" | "failed";

const END_MESSAGES: Record<StreamEnd, string> = {
	"slow-reader": "you read more slowly than releases arrive: reconnect with Last-Event-ID to resume",
	"token-revoked": "the credentials of this stream are no longer valid: sign in again",
	"node-closing": "the node is shutting down: reconnect with Last-Event-ID to resume",
	failed: "the node could not read its commit log: reconnect with Last-Event-ID to resume",
};

export interface StreamConnectionOptions {
	feed: ReleaseFeed;
	gate: ApiGate;
	viewer: ApiViewer;
	filter: ReleaseFilter;
	/** Where the reader resumes (its Last-Event-ID); undefined: from the newest commit on. */
	position: string | undefined;
	limits: StreamLimits;
	/** Whether the credentials that opened the stream still sign in as its user. */
	stillSignedIn: () => Promise<boolean>;
	/** Called once when the stream has ended, whatever ended it. */
	onEnd: () => void;
}

const encoder = new TextEncoder();

/**
 * The body of a `text/event-stream` answer: `release` events (id: the version's position; data: the copy as
 * released), heartbeats, and a last `end` event (data: `{reason, message, resume}`) when the node ends it.
 */
export function openReleaseStream(options: StreamConnectionOptions): ReadableStream<Uint8Array> {
	const connection = new StreamConnection(options);
	return new ReadableStream<Uint8Array>(
		{
			start: (controller) => connection.start(controller),
			cancel: () => connection.cancel(),
		},
		{ highWaterMark: options.limits.bufferBytes, size: (chunk) => chunk.byteLength },
	);
}

class StreamConnection {
	readonly #options: StreamConnectionOptions;
	#controller: ReadableStreamDefaultController<Uint8Array> | undefined;
	/** Where this stream has read the commit log to: past versions the reader does not receive. Never shown. */
	#position: string | undefined;
	/**
	 * The id the reader knows: the position of the last event sent, or where it started. Heartbeats and the last
	 * event repeat it, never `#position`: a hidden version's commit must not move anything the reader sees.
	 */
	#shown: string | undefined;
	#open = true;
	#wake: (() => void) | undefined;
	#moved = false;

	constructor(options: StreamConnectionOptions) {
		this.#options = options;
		this.#position = options.position;
		this.#shown = options.position;
	}

	start(controller: ReadableStreamDefaultController<Uint8Array>): void {
		this.#controller = controller;
		void this.#run();
	}

	/** The reader went away. */
	cancel(): void {
		this.#open = false;
		this.#signal();
	}

	async #run(): Promise<void> {
		const { feed, limits } = this.#options;
		const unlisten = feed.listen(
			() => this.#signal(),
			() => this.#end("node-closing"),
		);
		try {
			if (this.#position === undefined) {
				// A new reader starts at the newest commit, but is shown the time it connected (read first, so a
				// resume from it misses nothing committed after): the newest commit's own time may be a hidden one's.
				this.#shown = formatMicros(Date.now() * 1000);
				this.#position = await feed.freshHorizon();
			}
			this.#send(`retry: 2000\n${this.#beat()}`);
			let nextBeat = Date.now() + limits.heartbeatMs;
			let nextCheck = Date.now() + limits.tokenCheckMs;
			while (this.#open) {
				const behind = await this.#catchUp();
				if (!this.#open) break;
				const now = Date.now();
				if (now >= nextCheck) {
					if (!(await this.#options.stillSignedIn())) return this.#end("token-revoked");
					nextCheck = now + limits.tokenCheckMs;
				}
				if (now >= nextBeat) {
					this.#send(this.#beat());
					nextBeat = now + limits.heartbeatMs;
				}
				if (!behind) await this.#waitFor(Math.max(0, Math.min(nextBeat, nextCheck) - now));
			}
		} catch {
			this.#end("failed");
		} finally {
			unlisten();
			this.#options.onEnd();
		}
	}

	/** Sends one page of what was committed after the position; true when more may follow at once. */
	async #catchUp(): Promise<boolean> {
		const { feed, gate, viewer, filter } = this.#options;
		const horizon = await feed.horizon();
		if (horizon === undefined || (this.#position !== undefined && this.#position >= horizon)) return false;
		const page = await feed.pageAfter(this.#position, horizon);
		const news = await releasedNews(gate, viewer, filter, page.versions);
		if (!this.#open) return false;
		// One chunk per page (one encoding, one enqueue); the buffer's bound is still judged before each event.
		const events: string[] = [];
		let pending = 0;
		for (const item of news) {
			// Over the buffer: the reader resumes after the last event it was sent, nothing held for it meanwhile.
			if ((this.#controller?.desiredSize ?? 0) - pending < 0) {
				this.#send(events.join(""));
				this.#end("slow-reader");
				return false;
			}
			const event = `event: release\nid: ${item.position}\ndata: ${JSON.stringify(item.copy)}\n\n`;
			events.push(event);
			pending += Buffer.byteLength(event);
			this.#position = item.position;
			this.#shown = item.position;
		}
		if (events.length > 0) this.#send(events.join(""));
		this.#position = page.until;
		return page.until < horizon;
	}

	/** A heartbeat: a comment, and the last id sent again (a client that connected just now learns where it is). */
	#beat(): string {
		return this.#shown === undefined ? ": heartbeat\n\n" : `: heartbeat\nid: ${this.#shown}\n\n`;
	}

	#send(text: string): void {
		if (this.#open && text !== "") this.#controller?.enqueue(encoder.encode(text));
	}

	/** Sends the last event and closes; what was queued before it is still read first. */
	#end(reason: StreamEnd): void {
		if (!this.#open) return;
		const resume = this.#shown ?? null;
		const data = JSON.stringify({ reason, message: END_MESSAGES[reason], resume });
		this.#send(`event: end\n${resume === null ? "" : `id: ${resume}\n`}data: ${data}\n\n`);
		this.#open = false;
		this.#controller?.close();
		this.#signal();
	}

	#signal(): void {
		this.#moved = true;
		this.#wake?.();
	}

	async #waitFor(ms: number): Promise<void> {
		if (this.#moved) {
			this.#moved = false;
			return;
		}
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, ms);
			function done(): void {
				clearTimeout(timer);
				resolve();
			}
			this.#wake = done;
		});
		this.#wake = undefined;
		this.#moved = false;
	}
}
