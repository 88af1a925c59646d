// The OASIS taxii2-client (oasis-open/cti-taxii-client, taxii2client/v21/__init__.py and common.py) replayed
// request for request: what it sends (headers, Accept values, trailing slashes, query encoding), how its
// `requests` session follows redirects, and what it checks in each answer. PyPI is unreachable where this was
// written, so the Python package itself cannot run here (D57 says how to add it as a CI step).
import { URL } from "node:url";

/** taxii2client's MEDIA_TYPE_TAXII_V21. */
export const MEDIA_TYPE_TAXII_V21 = "application/taxii+json;version=2.1";
/** taxii2client's DEFAULT_USER_AGENT (the version number does not matter to a server). */
const USER_AGENT = "taxii2-client/2.3.1";
/** What `requests` adds to every request of a Session. */
const REQUESTS_DEFAULTS = { "Accept-Encoding": "gzip, deflate", Connection: "keep-alive" };
/** `requests` gives up after this many redirects. */
const MAX_REDIRECTS = 30;

/** A failure the Python client would raise (HTTPError, ValidationError, TAXIIServiceException). */
export class StockClientError extends Error {
	readonly status: number | undefined;
	constructor(message: string, status?: number) {
		super(message);
		this.status = status;
	}
}

/** Every request the session made, in order: what a test asserts about redirects and charging. */
export interface SentRequest {
	method: string;
	url: string;
	status: number;
}

type Params = Record<string, string | number | undefined>;

/**
 * `_HTTPConnection`: a requests.Session with HTTP Basic. `get` merges headers (User-Agent, a default Accept),
 * raises for 4xx/5xx, then checks Content-Type against Accept as `valid_content_type` does; `post` and `delete`
 * send the caller's headers only (requests' own User-Agent) and raise for status.
 */
export class StockSession {
	readonly sent: SentRequest[] = [];
	readonly #authorization: string;

	constructor(user: string, password: string) {
		this.#authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
	}

	async get(
		url: string,
		headers: Record<string, string> = {},
		params: Params = {},
	): Promise<Record<string, unknown>> {
		const merged: Record<string, string> = { "User-Agent": USER_AGENT, ...headers };
		const accept = merged.Accept ?? MEDIA_TYPE_TAXII_V21;
		const response = await this.#send("GET", url, { ...merged, Accept: accept }, params);
		raiseForStatus(response);
		const contentType = response.headers.get("content-type") ?? "";
		if (!validContentType(contentType, accept))
			throw new StockClientError(
				`Unexpected Response. Got Content-Type: '${contentType}' for Accept: '${accept}'`,
			);
		return (await response.json()) as Record<string, unknown>;
	}

	async post(url: string, headers: Record<string, string>, body: string): Promise<Record<string, unknown>> {
		const response = await this.#send("POST", url, headers, {}, body);
		raiseForStatus(response);
		return (await response.json()) as Record<string, unknown>;
	}

	async delete(url: string, headers: Record<string, string>, params: Params = {}): Promise<void> {
		const response = await this.#send("DELETE", url, headers, params);
		raiseForStatus(response);
		await response.body?.cancel();
	}

	/** One request as requests sends it, following redirects: 301/302/303 become GET, 307/308 keep method and body. */
	async #send(method: string, url: string, headers: Record<string, string>, params: Params, body?: string) {
		let target = withParams(url, params);
		let verb = method;
		for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
			const response = await fetch(target, {
				method: verb,
				headers: {
					"User-Agent": "python-requests/2.32.3",
					...REQUESTS_DEFAULTS,
					...headers,
					Authorization: this.#authorization,
				},
				redirect: "manual",
				...(body === undefined || verb === "GET" ? {} : { body }),
			});
			this.sent.push({ method: verb, url: target, status: response.status });
			const location = response.headers.get("location");
			if (![301, 302, 303, 307, 308].includes(response.status) || location === null) return response;
			await response.body?.cancel();
			if ([301, 302, 303].includes(response.status) && verb !== "HEAD") verb = "GET";
			target = new URL(location, target).toString();
		}
		throw new StockClientError(`Exceeded ${MAX_REDIRECTS} redirects.`);
	}
}

/** requests' `params=`: appended to the URL's query, `[`, `]`, `:` and `,` percent-encoded; None values dropped. */
function withParams(url: string, params: Params): string {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(params))
		if (value !== undefined) query.append(name, String(value));
	const text = query.toString();
	if (text === "") return url;
	return `${url}${url.includes("?") ? "&" : "?"}${text}`;
}

function raiseForStatus(response: Response): void {
	if (response.status >= 400)
		throw new StockClientError(`${response.status} Client Error for url: ${response.url}`, response.status);
}

/** `valid_content_type` for version 2.1: every Accept token in the Content-Type, whose type is application/taxii+json. */
export function validContentType(contentType: string, accept: string): boolean {
	const acceptTokens = accept.replaceAll(" ", "").split(";");
	const contentTokens = contentType.replaceAll(" ", "").split(";");
	return (
		acceptTokens.every((token) => contentTokens.includes(token)) &&
		contentTokens[0] === "application/taxii+json"
	);
}

/** `_filter_kwargs_to_query_params`: `version`, `added_after`, `limit`, `next` as such, anything else `match[…]`. */
export function filterParams(
	filters: Record<string, string | number | readonly string[] | undefined>,
): Params {
	const params: Params = {};
	for (const [name, raw] of Object.entries(filters)) {
		// Python skips every falsy value: None, "", [], and 0 (as_pages' default per_request).
		if (raw === undefined || raw === "" || raw === 0 || (Array.isArray(raw) && raw.length === 0)) continue;
		const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
		if (name === "version") params["match[version]"] = values.join(",");
		else if (name === "added_after") params.added_after = values.join(",");
		else if (name === "limit") params.limit = Number(values[0]);
		else if (name === "next") params.next = values[0];
		else params[`match[${name}]`] = values.join(",");
	}
	return params;
}

/** `_TAXIIEndpoint`: adds the trailing slash to an endpoint URL when it is missing (cti-taxii-client issue 50). */
function endpointUrl(url: string): string {
	return url.endsWith("/") ? url : `${url}/`;
}

/** `Server`: discovery, then an ApiRoot per `api_roots` entry resolved against the discovery URL. */
export async function discover(
	session: StockSession,
	url: string,
): Promise<{ title: string; apiRoots: string[] }> {
	const base = endpointUrl(url);
	const response = await session.get(base);
	if (!response.title) throw new StockClientError(`No 'title' in Server Discovery for request '${base}'`);
	const roots = (response.api_roots as string[] | undefined) ?? [];
	return { title: String(response.title), apiRoots: roots.map((root) => new URL(root, base).toString()) };
}

/** `ApiRoot.refresh_information` and `refresh_collections`, with their validations. */
export async function openApiRoot(
	session: StockSession,
	url: string,
): Promise<{ information: Record<string, unknown>; collections: StockCollection[] }> {
	const root = endpointUrl(url);
	const information = await session.get(root);
	if (!information.title) throw new StockClientError(`No 'title' in API Root for request '${root}'`);
	if (!Array.isArray(information.versions) || information.versions.length === 0)
		throw new StockClientError(`No 'versions' in API Root for request '${root}'`);
	if (information.max_content_length === undefined || information.max_content_length === null)
		throw new StockClientError(`No 'max_content_length' in API Root for request '${root}'`);
	const listed = await session.get(`${root}collections/`);
	const items = (listed.collections as Record<string, unknown>[] | undefined) ?? [];
	const collections = items.map(
		(item) => new StockCollection(session, `${root}collections/${String(item.id)}/`, item),
	);
	return { information, collections };
}

/** `Collection`: the endpoints of §5 exactly as the client calls them. */
export class StockCollection {
	readonly url: string;
	readonly info: Record<string, unknown>;
	readonly #session: StockSession;

	constructor(session: StockSession, url: string, info: Record<string, unknown>) {
		this.#session = session;
		this.url = endpointUrl(url);
		this.info = info;
		for (const field of ["id", "title"])
			if (!info[field]) throw new StockClientError(`No '${field}' in Collection for request '${this.url}'`);
		for (const field of ["can_read", "can_write"])
			if (info[field] === undefined || info[field] === null)
				throw new StockClientError(`No '${field}' in Collection for request '${this.url}'`);
		if (!this.url.includes(String(info.id)))
			throw new StockClientError(
				`The collection '${String(info.id)}' does not match the url for queries '${this.url}'`,
			);
	}

	get objectsUrl(): string {
		return `${this.url}objects/`;
	}

	getObjects(filters: Parameters<typeof filterParams>[0] = {}): Promise<Record<string, unknown>> {
		return this.#session.get(this.objectsUrl, { Accept: MEDIA_TYPE_TAXII_V21 }, filterParams(filters));
	}

	getObject(
		objectId: string,
		filters: Parameters<typeof filterParams>[0] = {},
	): Promise<Record<string, unknown>> {
		return this.#session.get(
			`${this.objectsUrl}${objectId}/`,
			{ Accept: MEDIA_TYPE_TAXII_V21 },
			filterParams(filters),
		);
	}

	objectVersions(
		objectId: string,
		filters: Parameters<typeof filterParams>[0] = {},
	): Promise<Record<string, unknown>> {
		return this.#session.get(
			`${this.objectsUrl}${objectId}/versions/`,
			{ Accept: MEDIA_TYPE_TAXII_V21 },
			filterParams(filters),
		);
	}

	deleteObject(objectId: string, filters: Parameters<typeof filterParams>[0] = {}): Promise<void> {
		return this.#session.delete(
			`${this.objectsUrl}${objectId}/`,
			{ Accept: MEDIA_TYPE_TAXII_V21 },
			filterParams(filters),
		);
	}

	getManifest(filters: Parameters<typeof filterParams>[0] = {}): Promise<Record<string, unknown>> {
		return this.#session.get(`${this.url}manifest/`, { Accept: MEDIA_TYPE_TAXII_V21 }, filterParams(filters));
	}

	/**
	 * `add_objects(envelope)`: POST, then a Status at `urljoin(url, "../../status/{id}")` — without the trailing
	 * slash, so polling it (`wait_until_final`, `refresh`) depends on the server's redirect.
	 */
	async addObjects(envelope: { objects: unknown[] }): Promise<StockStatus> {
		const status = await this.#session.post(
			this.objectsUrl,
			{ Accept: MEDIA_TYPE_TAXII_V21, "Content-Type": MEDIA_TYPE_TAXII_V21 },
			JSON.stringify(envelope),
		);
		const statusUrl = new URL(`../../status/${String(status.id)}`, this.url).toString();
		return new StockStatus(this.#session, statusUrl, status);
	}
}

/** `Status`: its fields validated as `_validate_status` does; `refresh` re-reads it from its URL. */
export class StockStatus {
	readonly url: string;
	fields: Record<string, unknown>;
	readonly #session: StockSession;

	constructor(session: StockSession, url: string, fields: Record<string, unknown>) {
		this.#session = session;
		this.url = endpointUrl(url);
		this.fields = validateStatus(fields);
	}

	async refresh(): Promise<void> {
		this.fields = validateStatus(await this.#session.get(this.url, { Accept: MEDIA_TYPE_TAXII_V21 }));
	}
}

function validateStatus(fields: Record<string, unknown>): Record<string, unknown> {
	for (const name of ["id", "status"])
		if (!fields[name]) throw new StockClientError(`No '${name}' in Status`);
	for (const name of ["total_count", "success_count", "failure_count", "pending_count"])
		if (fields[name] === undefined || fields[name] === null)
			throw new StockClientError(`No '${name}' in Status`);
	for (const [list, count] of [
		["successes", "success_count"],
		["pendings", "pending_count"],
		["failures", "failure_count"],
	] as const) {
		const items = fields[list] as unknown[] | undefined;
		if (items !== undefined && items.length > 0 && items.length !== fields[count])
			throw new StockClientError(`Found ${list} of ${items.length}, but ${count}=${String(fields[count])}`);
	}
	const sum = Number(fields.success_count) + Number(fields.pending_count) + Number(fields.failure_count);
	if (sum !== fields.total_count) throw new StockClientError("(success + pending + failure) != total_count");
	return fields;
}

/**
 * `as_pages(func, per_request)`: the first page with `limit=per_request`; when a page with more holds another
 * number of objects, `per_request` becomes that number; then `next` from each envelope until `more` is false.
 */
export async function* asPages(
	fetchPage: (filters: Parameters<typeof filterParams>[0]) => Promise<Record<string, unknown>>,
	perRequest: number,
	filters: Parameters<typeof filterParams>[0] = {},
): AsyncGenerator<Record<string, unknown>> {
	let envelope = await fetchPage({ ...filters, limit: perRequest });
	yield envelope;
	const obtained = ((envelope.objects as unknown[] | undefined) ?? []).length;
	let limit = perRequest;
	if (envelope.more === true && obtained !== perRequest) limit = obtained;
	while (envelope.more === true) {
		envelope = await fetchPage({ ...filters, limit, next: String(envelope.next ?? "") });
		yield envelope;
	}
}
