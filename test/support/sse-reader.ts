// Reads a Server-Sent Events answer in tests (D59): events as the WHATWG parser dispatches them, comments kept
// apart, each wait bounded so a test that expects an event that never comes fails instead of hanging.

/** One dispatched event, or a comment line (`: heartbeat`) with the id set beside it. */
export interface SseEvent {
	event: string;
	id: string | undefined;
	data: string;
	comment?: string;
}

export class SseReader {
	readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
	readonly #decoder = new TextDecoder();
	#text = "";
	#done = false;
	/** The last id seen, as an EventSource would resume with. */
	lastId: string | undefined;

	constructor(response: Response) {
		if (response.body === null) throw new Error("the answer has no body");
		this.#reader = response.body.getReader();
	}

	/** The next block (event or comment); undefined when the stream ended. */
	async next(timeoutMs = 5000): Promise<SseEvent | undefined> {
		for (;;) {
			const end = this.#text.indexOf("\n\n");
			if (end >= 0) {
				const block = this.#text.slice(0, end);
				this.#text = this.#text.slice(end + 2);
				return this.#parse(block);
			}
			if (this.#done) return undefined;
			let timer: NodeJS.Timeout | undefined;
			const chunk = await Promise.race([
				this.#reader.read(),
				new Promise<never>((_, reject) => {
					timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
				}),
			]).finally(() => clearTimeout(timer));
			if (chunk.done) this.#done = true;
			else this.#text += this.#decoder.decode(chunk.value, { stream: true });
		}
	}

	/** The next `event:` of type `type` (others skipped), or undefined when the stream ended first. */
	async nextOf(type: string, timeoutMs = 5000): Promise<SseEvent | undefined> {
		for (;;) {
			const event = await this.next(timeoutMs);
			if (event === undefined || (event.comment === undefined && event.event === type)) return event;
		}
	}

	/** Every `release` event until `count` are read or the stream ends. */
	async releases(count: number, timeoutMs = 5000): Promise<SseEvent[]> {
		const got: SseEvent[] = [];
		while (got.length < count) {
			const event = await this.nextOf("release", timeoutMs);
			if (event === undefined) break;
			got.push(event);
		}
		return got;
	}

	/** Reads to the end, returning every block. */
	async rest(timeoutMs = 5000): Promise<SseEvent[]> {
		const all: SseEvent[] = [];
		for (let event = await this.next(timeoutMs); event !== undefined; event = await this.next(timeoutMs)) {
			all.push(event);
		}
		return all;
	}

	async cancel(): Promise<void> {
		await this.#reader.cancel();
	}

	#parse(block: string): SseEvent {
		const event: SseEvent = { event: "message", id: undefined, data: "" };
		const data: string[] = [];
		for (const line of block.split("\n")) {
			if (line.startsWith(":")) event.comment = line.slice(1).trim();
			const colon = line.indexOf(":");
			const field = colon < 0 ? line : line.slice(0, colon);
			const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
			if (field === "event") event.event = value;
			else if (field === "id") event.id = value;
			else if (field === "data") data.push(value);
		}
		event.data = data.join("\n");
		if (event.id !== undefined) this.lastId = event.id;
		return event;
	}
}
