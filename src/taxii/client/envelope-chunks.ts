// Splits a stream of objects into envelopes (§3.7) that each fit the API root's max_content_length (§4.2.1).

/** What a status resource will call the object: its id and version (§4.3.1 status-details). */
export interface ObjectRef {
	id: string;
	version: string;
}

export type Chunk =
	| { kind: "envelope"; body: string; objects: ObjectRef[] }
	/** An object that alone exceeds the limit: it cannot be sent. */
	| { kind: "too-large"; object: ObjectRef; bytes: number };

const OPEN = '{"objects":[';
const CLOSE = "]}";
const FRAME_BYTES = Buffer.byteLength(OPEN) + Buffer.byteLength(CLOSE);

/**
 * Groups objects, in order, into envelope bodies of at most `maxBytes` UTF-8 bytes and at most
 * `maxObjects` objects. Memory holds one envelope at a time.
 * @example for await (const chunk of envelopeChunks(objects, 104_857_600, 5000)) post(chunk);
 */
export async function* envelopeChunks(
	objects: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
	maxBytes: number,
	maxObjects: number,
): AsyncGenerator<Chunk> {
	let parts: string[] = [];
	let refs: ObjectRef[] = [];
	let bytes = FRAME_BYTES;
	const flush = (): Chunk => {
		const chunk: Chunk = { kind: "envelope", body: `${OPEN}${parts.join(",")}${CLOSE}`, objects: refs };
		parts = [];
		refs = [];
		bytes = FRAME_BYTES;
		return chunk;
	};
	for await (const object of objects) {
		const json = JSON.stringify(object);
		const size = Buffer.byteLength(json);
		const ref = refOf(object);
		if (FRAME_BYTES + size > maxBytes) {
			yield { kind: "too-large", object: ref, bytes: size };
			continue;
		}
		const separator = parts.length === 0 ? 0 : 1;
		if (parts.length >= maxObjects || bytes + separator + size > maxBytes) yield flush();
		bytes += (parts.length === 0 ? 0 : 1) + size;
		parts.push(json);
		refs.push(ref);
	}
	if (parts.length > 0) yield flush();
}

function refOf(object: Record<string, unknown>): ObjectRef {
	const text = (value: unknown): string => (typeof value === "string" ? value : "");
	return { id: text(object.id), version: text(object.modified) || text(object.created) };
}
