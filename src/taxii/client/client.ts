// A TAXII 2.1 client bound to one API root: every endpoint of §4 and §5, paging, posting with status polling.
import { AppError } from "../../errors/index.ts";
import { DEFAULT_LIMITS, type JsonLimits, type JsonObject, parseJson } from "../../json/index.ts";
import { type AddObjectsOptions, type AddObjectsResult, addObjectsThrough } from "./add-objects.ts";
import { type EnvelopePage, envelopePageOf } from "./envelope.ts";
import { type ObjectFilter, queryOf } from "./filter.ts";
import {
	type ApiRoot,
	apiRootSchema,
	type Collection,
	collectionSchema,
	collectionsSchema,
	type Discovery,
	discoverySchema,
	type ManifestRecord,
	manifestSchema,
	resourceOf,
	type Status,
	statusSchema,
	versionsSchema,
} from "./resources.ts";
import { redact, Transport, type TransportOptions } from "./transport.ts";

export interface TaxiiClientOptions extends TransportOptions {
	/** Limits for parsing answers; `maxBytes` also caps a response body unless `maxResponseBytes` is set. */
	limits?: JsonLimits;
	/** Allow plain http:// to hosts other than loopback. TAXII requires HTTPS (§8.5.1). */
	allowHttp?: boolean;
}

/** A page of manifest records (§5.3.1) with its paging headers. */
export interface ManifestPage {
	records: ManifestRecord[];
	more: boolean;
	next?: string;
	dateAddedFirst?: string;
	dateAddedLast?: string;
}

/** Consecutive empty pages that still say `more` before the client calls the server broken. */
const MAX_EMPTY_PAGES = 10;

/**
 * Talks to one API root. Requests carry `Accept: application/taxii+json;version=2.1` and the
 * configured credentials; answers are size-limited, type-checked and parsed as untrusted JSON.
 * @example
 * const client = await TaxiiClient.connect("https://taxii.example.com/taxii2/", { auth: { kind: "basic", user, password } });
 * for await (const page of client.objectPages(collectionId, { match: { version: ["all"] } })) console.log(page.items.length);
 */
export class TaxiiClient {
	/** The API root URL, always ending in `/`. */
	readonly apiRootUrl: string;
	readonly #root: URL;
	readonly #transport: Transport;
	readonly #limits: JsonLimits;
	#apiRoot: ApiRoot | undefined;

	constructor(apiRoot: string | URL, options: TaxiiClientOptions = {}) {
		this.#root = checkedUrl(apiRoot, options);
		if (!this.#root.pathname.endsWith("/")) this.#root.pathname += "/";
		this.apiRootUrl = redact(this.#root);
		this.#limits = options.limits ?? DEFAULT_LIMITS;
		this.#transport = new Transport({
			...options,
			maxResponseBytes: options.maxResponseBytes ?? this.#limits.maxBytes,
		});
	}

	/**
	 * A client for `url`, which may be an API root or a discovery endpoint (§4.1): for the latter, the
	 * server's `default` API root is used. Credentials are never sent to an API root on another
	 * origin than the URL given.
	 * @throws AppError E_TAXII_URL when discovery names no default root or one on another origin.
	 */
	static async connect(url: string | URL, options: TaxiiClientOptions = {}): Promise<TaxiiClient> {
		const given = checkedUrl(url, options);
		if (!given.pathname.endsWith("/")) given.pathname += "/";
		const probe = new TaxiiClient(given, options);
		const value = await probe.#getJson(given);
		if (isObject(value) && "versions" in value && "max_content_length" in value) {
			probe.#apiRoot = resourceOf(apiRootSchema, value, "api-root", probe.apiRootUrl);
			return probe;
		}
		const discovery = resourceOf(discoverySchema, value, "discovery", probe.apiRootUrl);
		if (discovery.default === undefined) {
			const roots = discovery.api_roots ?? [];
			throw new AppError(
				"E_TAXII_URL",
				`${redact(given)} is a discovery endpoint without a default API root; pass one of its API roots instead: ${roots.join(", ") || "(none advertised)"}`,
				{ details: { apiRoots: roots } },
			);
		}
		const root = new URL(discovery.default, given);
		if (root.origin !== given.origin && options.auth !== undefined) {
			throw new AppError(
				"E_TAXII_URL",
				`the default API root ${redact(root)} is on another server than ${redact(given)}; credentials are not forwarded, pass the API root URL itself`,
			);
		}
		return new TaxiiClient(root, options);
	}

	/** §4.1: the discovery resource, by default at `/taxii2/` of the API root's server. */
	async discovery(url: string | URL = new URL("/taxii2/", this.#root)): Promise<Discovery> {
		const target = new URL(url, this.#root);
		return resourceOf(discoverySchema, await this.#getJson(target), "discovery", redact(target));
	}

	/** §4.2: the API root resource; fetched once, then remembered. */
	async apiRoot(): Promise<ApiRoot> {
		this.#apiRoot ??= resourceOf(apiRootSchema, await this.#getJson(this.#root), "api-root", this.apiRootUrl);
		return this.#apiRoot;
	}

	/** §5.1: every collection this client may see; `[]` for the empty `{}` answer. */
	async collections(): Promise<Collection[]> {
		const url = this.#url("collections/");
		return (
			resourceOf(collectionsSchema, await this.#getJson(url), "collections", redact(url)).collections ?? []
		);
	}

	/** §5.2 */
	async collection(collectionId: string): Promise<Collection> {
		const url = this.#url(`collections/${segment(collectionId)}/`);
		return resourceOf(collectionSchema, await this.#getJson(url), "collection", redact(url));
	}

	/**
	 * §5.4 with paging (§3.5): yields each page in order, following `next`, or, when a server says
	 * `more` without `next`, `added_after` set to the page's `X-TAXII-Date-Added-Last`.
	 * @throws AppError E_TAXII_PROTOCOL when the server says `more` but gives no way to continue, or repeats itself.
	 */
	async *objectPages(collectionId: string, filter: ObjectFilter = {}): AsyncGenerator<EnvelopePage> {
		const base = `collections/${segment(collectionId)}/objects/`;
		yield* this.#pages(filter, async (query) => {
			const url = this.#url(base, query);
			return envelopePageOf(await this.#transport.request("GET", url), redact(url), this.#limits);
		});
	}

	/** §5.4 as a flat stream of objects; a malformed element throws. */
	async *getObjects(collectionId: string, filter: ObjectFilter = {}): AsyncGenerator<JsonObject> {
		for await (const page of this.objectPages(collectionId, filter)) {
			for (const item of page.items) {
				if ("error" in item) throw item.error;
				yield item.object;
			}
		}
	}

	/** §5.6: the versions of one object the filter selects (the latest by default), every page read. */
	async getObject(
		collectionId: string,
		objectId: string,
		filter: Omit<ObjectFilter, "match"> & {
			match?: { version?: readonly string[]; spec_version?: readonly string[] };
		} = {},
	): Promise<JsonObject[]> {
		const base = `collections/${segment(collectionId)}/objects/${segment(objectId)}/`;
		const objects: JsonObject[] = [];
		for await (const page of this.#pages(filter, async (query) => {
			const url = this.#url(base, query);
			return envelopePageOf(await this.#transport.request("GET", url), redact(url), this.#limits);
		})) {
			for (const item of page.items) {
				if ("error" in item) throw item.error;
				objects.push(item.object);
			}
		}
		return objects;
	}

	/** §5.8: every version (`modified`) of one object, oldest added first, every page read. */
	async versions(
		collectionId: string,
		objectId: string,
		filter: Omit<ObjectFilter, "match"> & { match?: { spec_version?: readonly string[] } } = {},
	): Promise<string[]> {
		const base = `collections/${segment(collectionId)}/objects/${segment(objectId)}/versions/`;
		const versions: string[] = [];
		for await (const page of this.#pages(filter, async (query) => {
			const url = this.#url(base, query);
			const response = await this.#transport.request("GET", url);
			const resource = resourceOf(versionsSchema, this.#parse(response.body, url), "versions", redact(url));
			return { ...pagingOf(resource, response.headers), items: resource.versions ?? [] };
		})) {
			versions.push(...page.items);
		}
		return versions;
	}

	/** §5.3: manifest records page by page, paged like objects. */
	async *manifest(collectionId: string, filter: ObjectFilter = {}): AsyncGenerator<ManifestPage> {
		const base = `collections/${segment(collectionId)}/manifest/`;
		for await (const page of this.#pages(filter, async (query) => {
			const url = this.#url(base, query);
			const response = await this.#transport.request("GET", url);
			const resource = resourceOf(manifestSchema, this.#parse(response.body, url), "manifest", redact(url));
			return { ...pagingOf(resource, response.headers), items: resource.objects ?? [] };
		})) {
			const { items, ...paging } = page;
			yield { records: items, ...paging };
		}
	}

	/**
	 * §5.5: posts the objects in envelopes that fit the API root's `max_content_length`, and polls
	 * each status (§4.3) until it is complete or `statusTimeoutMs` has been waited.
	 */
	async addObjects(
		collectionId: string,
		objects: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
		options: AddObjectsOptions = {},
	): Promise<AddObjectsResult> {
		const url = this.#url(`collections/${segment(collectionId)}/objects/`);
		return addObjectsThrough(
			{
				maxContentLength: async () => (await this.apiRoot()).max_content_length,
				post: async (body) => {
					const response = await this.#transport.request("POST", url, body);
					return resourceOf(statusSchema, this.#parse(response.body, url), "status", redact(url));
				},
				status: (id) => this.status(id),
				sleep: this.#transport.sleep,
			},
			objects,
			options,
		);
	}

	/** §4.3 */
	async status(statusId: string): Promise<Status> {
		const url = this.#url(`status/${segment(statusId)}/`);
		return resourceOf(statusSchema, await this.#getJson(url), "status", redact(url));
	}

	/** §5.7: deletes the object (all versions, or those `match[version]` selects). */
	async deleteObject(
		collectionId: string,
		objectId: string,
		match: { version?: readonly string[] } = {},
	): Promise<void> {
		const url = this.#url(
			`collections/${segment(collectionId)}/objects/${segment(objectId)}/`,
			queryOf({ match }),
		);
		await this.#transport.request("DELETE", url);
	}

	async *#pages<
		T extends { more: boolean; next?: string; dateAddedLast?: string; items: readonly unknown[] },
	>(filter: ObjectFilter, fetchPage: (query: string) => Promise<T>): AsyncGenerator<T> {
		let current: ObjectFilter = filter;
		let previous: string | undefined;
		let emptyPages = 0;
		for (;;) {
			const query = queryOf(current);
			if (query === previous) {
				throw new AppError(
					"E_TAXII_PROTOCOL",
					`the server asked for the same page twice (${query}); stopping`,
					{
						details: { apiRoot: this.apiRootUrl, query },
					},
				);
			}
			previous = query;
			const page = await fetchPage(query);
			yield page;
			if (!page.more) return;
			emptyPages = page.items.length === 0 ? emptyPages + 1 : 0;
			if (emptyPages >= MAX_EMPTY_PAGES) {
				throw new AppError(
					"E_TAXII_PROTOCOL",
					`${MAX_EMPTY_PAGES} empty pages in a row still said "more"; stopping`,
				);
			}
			if (page.next !== undefined) {
				current = { ...current, next: page.next };
			} else if (page.dateAddedLast !== undefined) {
				const { next: _dropped, ...rest } = current;
				current = { ...rest, addedAfter: page.dateAddedLast };
			} else {
				throw new AppError(
					"E_TAXII_PROTOCOL",
					`the server said "more" without "next" nor an X-TAXII-Date-Added-Last header: paging cannot continue (§3.5)`,
					{ details: { apiRoot: this.apiRootUrl } },
				);
			}
		}
	}

	#url(path: string, query = ""): URL {
		return new URL(`${path}${query}`, this.#root);
	}

	async #getJson(url: URL): Promise<unknown> {
		return this.#parse((await this.#transport.request("GET", url)).body, url);
	}

	#parse(body: Uint8Array, url: URL): unknown {
		try {
			return parseJson(body, this.#limits);
		} catch (error) {
			throw new AppError(
				"E_TAXII_PROTOCOL",
				`${redact(url)} answered JSON that cannot be read: ${(error as Error).message}`,
				{
					cause: error,
				},
			);
		}
	}
}

function pagingOf(
	resource: { more?: boolean | undefined; next?: string | undefined },
	headers: Headers,
): { more: boolean; next?: string; dateAddedFirst?: string; dateAddedLast?: string } {
	const first = headers.get("x-taxii-date-added-first");
	const last = headers.get("x-taxii-date-added-last");
	return {
		more: resource.more === true,
		...(resource.more === true && resource.next !== undefined && resource.next !== ""
			? { next: resource.next }
			: {}),
		...(first === null ? {} : { dateAddedFirst: first }),
		...(last === null ? {} : { dateAddedLast: last }),
	};
}

/** A path segment from an id: encoded, so an id cannot climb out of its endpoint. */
function segment(id: string): string {
	if (id === "" || id === "." || id === "..")
		throw new AppError("E_TAXII_URL", `not a usable identifier: ${JSON.stringify(id)}`);
	return encodeURIComponent(id);
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function checkedUrl(value: string | URL, options: { allowHttp?: boolean }): URL {
	let url: URL;
	try {
		url = new URL(value);
	} catch (cause) {
		throw new AppError("E_TAXII_URL", `not a URL: ${String(value)}`, { cause });
	}
	if (url.protocol === "https:") return url;
	if (url.protocol === "http:" && (options.allowHttp === true || LOOPBACK.has(url.hostname))) return url;
	throw new AppError(
		"E_TAXII_URL",
		url.protocol === "http:"
			? `${redact(url)} is plain HTTP: TAXII 2.1 requires HTTPS (§8.5.1); allow it explicitly (allowHttp, --allow-http) if you must`
			: `${redact(url)}: only https:// (and http:// when allowed) URLs are TAXII endpoints`,
	);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
