// Reads STIX bundles, TAXII envelopes, bare objects and arrays from a byte stream, object by object.
import { AppError } from "../errors/index.ts";
import { BundleScanner, type ScanEvent } from "./bundle-scanner.ts";
import { DEFAULT_LIMITS, type JsonLimits } from "./limits.ts";

/** A parsed JSON object (not yet validated as STIX). */
export type JsonObject = Record<string, unknown>;

/**
 * One element of the `objects` array, in order. `fatal` errors end the stream (truncated input,
 * broken top-level structure, too many objects); other errors concern one element only.
 */
export type BundleItem =
	| { readonly index: number; readonly object: JsonObject }
	| { readonly index: number; readonly error: AppError; readonly fatal: boolean };

/** The shapes accepted at the top level. */
export type BundleForm = "bundle" | "envelope" | "object" | "array";

/** What the top level said about itself, known once the whole input has been read. */
export interface BundleHeader {
	readonly form: BundleForm;
	/** `type` of a bundle ("bundle"), absent for envelopes, arrays and bundles broken upstream. */
	readonly type?: string;
	readonly id?: string;
	/** Present on STIX 2.0 bundles ("2.0"); STIX 2.1 bundles have none. */
	readonly spec_version?: string;
	/** TAXII envelope paging. */
	readonly more?: boolean;
	readonly next?: string;
	/** Elements read, failed ones included. */
	readonly objectCount: number;
	/** Problems that did not stop the read, e.g. a bundle without `"type": "bundle"`. */
	readonly warnings: readonly string[];
	/** False when a fatal error ended the read, or the consumer stopped early. */
	readonly complete: boolean;
}

/** A read in progress: iterate `objects`; `header` resolves once `objects` is drained or closed. */
export interface BundleRead {
	readonly objects: AsyncGenerator<BundleItem, void, undefined>;
	readonly header: Promise<BundleHeader>;
}

const KNOWN_MEMBERS = new Set(["type", "id", "spec_version", "objects", "more", "next"]);

/** How to read what is not STIX. */
export interface BundleReadOptions {
	/**
	 * Whether a top-level object that is not STIX (no `type`, no `objects`) is another format the caller reads
	 * (a MISP event): then it is item 0, whole, instead of the fatal "not STIX" error.
	 */
	foreign?: (object: JsonObject) => boolean;
}

/**
 * Streams the objects of a STIX bundle, a TAXII envelope, a bare STIX object (index 0) or a JSON
 * array of objects. Memory is bounded by the largest object; each object is parsed with
 * `parseJson`'s rules and a failing one is yielded as an error while the next still comes through.
 * Because `type` may follow `objects` in a stream, the header is a promise settled at the end.
 * @example
 * const read = readBundle(createReadStream(path));
 * for await (const item of read.objects) if ("object" in item) store(item.object);
 * const { form, warnings } = await read.header;
 */
export function readBundle(
	source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	limits: JsonLimits = DEFAULT_LIMITS,
	options: BundleReadOptions = {},
): BundleRead {
	let settle: (header: BundleHeader) => void = () => {};
	const header = new Promise<BundleHeader>((resolve) => {
		settle = resolve;
	});
	async function* objects(): AsyncGenerator<BundleItem, void, undefined> {
		const scanner = new BundleScanner(limits);
		const members = new Map<string, unknown>();
		const warnings: string[] = [];
		let form: BundleForm = "envelope";
		let count = 0;
		let complete = false;
		const accept = (event: ScanEvent): BundleItem | undefined => {
			switch (event.kind) {
				case "element":
					count++;
					return isObject(event.value)
						? { index: event.index, object: event.value }
						: { index: event.index, error: notAnObject(event.index, event.value), fatal: false };
				case "element-error":
					count++;
					return { index: event.index, error: event.error, fatal: false };
				case "member":
					members.set(event.key, event.value);
					return undefined;
				case "fatal":
					return { index: count, error: event.error, fatal: true };
				case "end": {
					const ending = finish(event, members, warnings, options);
					form = ending.form;
					complete = ending.item === undefined || !("error" in ending.item);
					if (ending.item !== undefined) count++;
					return ending.item;
				}
			}
		};
		try {
			for await (const chunk of source) {
				scanner.push(chunk);
				for (let event = scanner.pull(); event !== undefined; event = scanner.pull()) {
					const item = accept(event);
					if (item !== undefined) yield item;
					if (item !== undefined && "fatal" in item && item.fatal) return;
				}
			}
			scanner.finish();
			for (let event = scanner.pull(); event !== undefined; event = scanner.pull()) {
				const item = accept(event);
				if (item !== undefined) yield item;
			}
		} finally {
			settle(headerOf(form, members, count, warnings, complete));
		}
	}
	return { objects: objects(), header };
}

/**
 * The objects of `readBundle`, without the header.
 * @example for await (const item of readBundleObjects(body)) console.log(item.index);
 */
export function readBundleObjects(
	source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	limits: JsonLimits = DEFAULT_LIMITS,
): AsyncGenerator<BundleItem, void, undefined> {
	return readBundle(source, limits).objects;
}

/** Decides the form once the top level has closed; a bare object becomes item 0. */
function finish(
	event: Extract<ScanEvent, { kind: "end" }>,
	members: Map<string, unknown>,
	warnings: string[],
	options: BundleReadOptions,
): { form: BundleForm; item: BundleItem | undefined } {
	if (event.form === "array") return { form: "array", item: undefined };
	const type = members.get("type");
	const id = members.get("id");
	if (!event.streamed && type !== undefined && type !== "bundle") {
		// a bare STIX object: its members, in order, are the object (`__proto__` was refused earlier)
		const object = Object.fromEntries(members);
		members.clear();
		return { form: "object", item: { index: 0, object } };
	}
	if (event.streamed && type !== undefined && type !== "bundle") {
		const error = new AppError(
			"E_BUNDLE_SHAPE",
			`top-level object of type ${JSON.stringify(type)} has an objects array`,
		);
		return { form: "bundle", item: { index: 0, error, fatal: true } };
	}
	const unknown = [...members.keys()].filter((key) => !KNOWN_MEMBERS.has(key));
	if (!event.streamed && type === undefined && unknown.length > 0 && options.foreign !== undefined) {
		const object = Object.fromEntries(members);
		if (options.foreign(object)) {
			members.clear();
			return { form: "object", item: { index: 0, object } };
		}
	}
	if (!event.streamed && type === undefined && unknown.length > 0) {
		const error = new AppError(
			"E_BUNDLE_SHAPE",
			`not STIX: the top-level object has neither "type" nor an "objects" array (it has ${unknown
				.slice(0, 5)
				.map((key) => JSON.stringify(key))
				.join(", ")}); expected a STIX bundle, a TAXII envelope, a STIX object or an array of objects`,
		);
		return { form: "envelope", item: { index: 0, error, fatal: true } };
	}
	for (const key of unknown) warnings.push(`unknown top-level property "${key}"`);
	if (type === "bundle" || (typeof id === "string" && id.startsWith("bundle--"))) {
		if (type === undefined) warnings.push('bundle has no "type": "bundle" (read anyway)');
		if (!event.streamed) warnings.push("bundle has no objects array");
		return { form: "bundle", item: undefined };
	}
	if (event.streamed && members.size === 0)
		warnings.push("top-level object with only an objects array: read as a TAXII envelope");
	return { form: "envelope", item: undefined };
}

function headerOf(
	form: BundleForm,
	members: Map<string, unknown>,
	objectCount: number,
	warnings: string[],
	complete: boolean,
): BundleHeader {
	const text = (key: string): { [k: string]: string } => {
		const value = members.get(key);
		return typeof value === "string" ? { [key]: value } : {};
	};
	const more = members.get("more");
	return {
		form,
		...text("type"),
		...text("id"),
		...text("spec_version"),
		...(typeof more === "boolean" ? { more } : {}),
		...text("next"),
		objectCount,
		warnings,
		complete,
	};
}

function isObject(value: unknown): value is JsonObject {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function notAnObject(index: number, value: unknown): AppError {
	const found = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
	return new AppError("E_BUNDLE_SHAPE", `objects[${index}] is ${found}, not a STIX object`, {
		details: { index },
	});
}
