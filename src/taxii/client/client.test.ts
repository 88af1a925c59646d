// The client against the example requests and responses of the TAXII 2.1 specification, replayed by a fake server.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { type FakeTaxiiServer, startFakeTaxiiServer, TAXII } from "#test/support/fake-taxii-server.ts";
import { AppError } from "../../errors/index.ts";
import { TaxiiClient, type TaxiiClientOptions } from "./client.ts";

// §4.1 GET Response
const DISCOVERY = {
	title: "Some TAXII Server",
	description: "This TAXII Server contains a listing of...",
	contact: "string containing contact information",
	default: "https://example.com/api2/",
	api_roots: ["https://example.com/api1/", "https://example.com/api2/", "https://example.net/trustgroup1/"],
};
// §4.2 GET Response
const API_ROOT = {
	title: "Malware Research Group",
	description: "A trust group setup for malware researchers",
	versions: ["application/taxii+json;version=2.1"],
	max_content_length: 104857600,
};
// §5.2 GET Response (also the first element of §5.1's)
const COLLECTION = {
	id: "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
	title: "High Value Indicator Collection",
	description: "This data collection contains high value IOCs",
	can_read: true,
	can_write: false,
	media_types: ["application/stix+json;version=2.1"],
};
// §5.1 GET Response
const COLLECTIONS = {
	collections: [
		COLLECTION,
		{
			id: "52892447-4d7e-4f70-b94d-d7f22742ff63",
			title: "Indicators from the past 24-hours",
			description: "This data collection is for collecting current IOCs",
			can_read: true,
			can_write: false,
			media_types: ["application/stix+json;version=2.1"],
		},
	],
};
// §3.7 envelope example; the spec elides the indicator's other properties ("...")
const INDICATOR = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--252c7c11-daf2-42bd-843b-be65edca9f61",
	created: "2016-11-03T12:30:59.000Z",
	modified: "2016-11-03T12:30:59.000Z",
	pattern: "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
	pattern_type: "stix",
	valid_from: "2016-11-03T12:30:59.000Z",
};
const ENVELOPE = { more: true, next: "123456789", objects: [INDICATOR] };
// §5.3 GET Response (its date_added values are malformed in the spec itself; a client passes them on)
const MANIFEST = {
	objects: [
		{
			id: "indicator--29aba82c-5393-42a8-9edb-6a2cb1df070b",
			date_added: "2016-11-04T03:04:051Z",
			version: "2016-11-03T12:30:59.000Z",
			media_type: "application/stix+json;version=2.1",
		},
		{
			id: "indicator--ef0b28e1-308c-4a30-8770-9b4851b260a5",
			date_added: "2016-11-04T10:29:061Z",
			version: "2016-11-03T12:35:10.000Z",
			media_type: "application/stix+json;version=2.1",
		},
	],
};
// §5.8 GET Response
const VERSIONS = { versions: ["2016-11-03T12:30:59.000Z", "2016-11-03T12:31:00.000Z"] };
// §4.3 GET Response
const STATUS_PENDING = {
	id: "2d086da7-4bdc-4f91-900e-d77486753710",
	status: "pending",
	request_timestamp: "2016-11-02T12:34:34.12345Z",
	total_count: 4,
	success_count: 1,
	successes: [{ id: "indicator--c410e480-e42b-47d1-9476-85307c12bcbf", version: "2018-05-27T12:02:41.312Z" }],
	failure_count: 1,
	failures: [
		{
			id: "malware--664fa29d-bf65-4f28-a667-bdb76f29ec98",
			version: "2018-05-28T14:03:42.543Z",
			message: "Unable to process object",
		},
	],
	pending_count: 2,
	pendings: [
		{ id: "indicator--252c7c11-daf2-42bd-843b-be65edca9f61", version: "2018-05-18T20:16:21.148Z" },
		{ id: "relationship--045585ad-a22f-4333-af33-bfd503a683b5", version: "2018-05-15T10:13:32.579Z" },
	],
};
// §5.5 POST Response (202)
const POST_RESPONSE = {
	id: "2d086da7-4bdc-4f91-900e-d77486753710",
	status: "pending",
	request_timestamp: "2016-11-02T12:34:34.12345Z",
	total_count: 4,
	success_count: 1,
	successes: [{ id: "indicator--c410e480-e42b-47d1-9476-85307c12bcbf" }],
	failure_count: 0,
	pending_count: 3,
};
// §3.6.1 error message example
const ERROR_409 = {
	title: "Error condition XYZ",
	description: "This error is caused when the application tries to access data...",
	error_id: "1234",
	error_code: "581234",
	http_status: "409",
	external_details: "http://example.com/ticketnumber1/errorid-1234",
	details: { somekey1: "somevalue", somekey2: "some other value" },
};

const COLLECTION_PATH = `/api1/collections/${COLLECTION.id}`;
const DATES = {
	"x-taxii-date-added-first": "2016-11-04T03:04:05.100000Z",
	"x-taxii-date-added-last": "2016-11-04T03:04:05.200000Z",
};

let server: FakeTaxiiServer;
let sleeps: number[];

function client(options: TaxiiClientOptions = {}): TaxiiClient {
	return new TaxiiClient(`${server.origin}/api1/`, {
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		random: () => 1,
		...options,
	});
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const item of items) all.push(item);
	return all;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
		return error;
	}
	assert.fail("expected a rejection");
}

before(async () => {
	server = await startFakeTaxiiServer();
});
// `?.`: under a name filter that no test here matches, node may run this before `before` has started it.
after(() => server?.close());
beforeEach(() => {
	server.requests.length = 0;
	sleeps = [];
});

describe("TaxiiClient against the spec's examples", () => {
	it("§4.1 reads the discovery resource, asking for application/taxii+json;version=2.1", async () => {
		server.on("GET", "/taxii2/", { body: DISCOVERY });
		assert.deepEqual(await client().discovery(), DISCOVERY);
		assert.equal(server.requests[0]?.headers.accept, TAXII);
		assert.equal(server.requests[0]?.url, "/taxii2/");
	});

	it("§4.2 reads the API root once and remembers it", async () => {
		server.on("GET", "/api1/", { body: API_ROOT });
		const taxii = client();
		assert.deepEqual(await taxii.apiRoot(), API_ROOT);
		await taxii.apiRoot();
		assert.equal(server.requests.length, 1);
	});

	it("§4.1 connect() from a discovery URL uses its default API root, resolved against the discovery URL", async () => {
		server.on("GET", "/taxii2/", { body: { ...DISCOVERY, default: "/api1/", api_roots: ["/api1/"] } });
		server.on("GET", "/api1/", { body: API_ROOT });
		const taxii = await TaxiiClient.connect(`${server.origin}/taxii2/`);
		assert.equal(taxii.apiRootUrl, `${server.origin}/api1/`);
		const direct = await TaxiiClient.connect(`${server.origin}/api1`);
		assert.equal(direct.apiRootUrl, `${server.origin}/api1/`);
	});

	it("§4.1 connect() does not forward credentials to a default API root on another server", async () => {
		server.on("GET", "/taxii2/", { body: DISCOVERY });
		const error = await rejection(
			TaxiiClient.connect(`${server.origin}/taxii2/`, { auth: { kind: "bearer", token: "t" } }),
		);
		assert.equal(error.code, "E_TAXII_URL");
		assert.match(error.message, /https:\/\/example\.com\/api2\//);
	});

	it("§5.1 and §5.2 read collections; an empty {} is no collections", async () => {
		server.on("GET", "/api1/collections/", { body: COLLECTIONS });
		server.on("GET", `${COLLECTION_PATH}/`, { body: COLLECTION });
		const taxii = client();
		assert.deepEqual(await taxii.collections(), COLLECTIONS.collections);
		assert.deepEqual(await taxii.collection(COLLECTION.id), COLLECTION);
		server.on("GET", "/api1/collections/", { body: {} });
		assert.deepEqual(await taxii.collections(), []);
	});

	it("§3.5 follows next with the original filters, then added_after from X-TAXII-Date-Added-Last", async () => {
		let call = 0;
		server.on("GET", `${COLLECTION_PATH}/objects/`, () => {
			call++;
			if (call === 1) return { body: ENVELOPE, headers: DATES };
			if (call === 2) return { body: { more: true, objects: [INDICATOR] }, headers: DATES };
			return { body: {}, headers: DATES };
		});
		const pages = [];
		for await (const page of client().objectPages(COLLECTION.id, {
			limit: 1,
			match: { type: ["indicator", "malware"], version: ["all"] },
		}))
			pages.push(page);
		assert.deepEqual(
			server.requests.map((request) => request.url.split("?")[1]),
			[
				"limit=1&match[type]=indicator,malware&match[version]=all",
				"limit=1&next=123456789&match[type]=indicator,malware&match[version]=all",
				"added_after=2016-11-04T03%3A04%3A05.200000Z&limit=1&match[type]=indicator,malware&match[version]=all",
			],
		);
		assert.deepEqual(
			pages.map((page) => page.items.length),
			[1, 1, 0],
		);
		assert.equal(pages[0]?.dateAddedLast, DATES["x-taxii-date-added-last"]);
		assert.deepEqual(pages[0]?.items[0], { index: 0, object: INDICATOR });
	});

	it("§3.5 stops with E_TAXII_PROTOCOL when more has neither next nor X-TAXII-Date-Added-Last", async () => {
		server.on("GET", `${COLLECTION_PATH}/objects/`, { body: { more: true, objects: [INDICATOR] } });
		const error = await rejection(collect(client().getObjects(COLLECTION.id)));
		assert.equal(error.code, "E_TAXII_PROTOCOL");
	});

	it("§5.6, §5.8, §5.3 and §5.7: an object, its versions, the manifest, and delete", async () => {
		const objectPath = `${COLLECTION_PATH}/objects/${INDICATOR.id}/`;
		server.on("GET", objectPath, { body: { objects: [INDICATOR] }, headers: DATES });
		server.on("GET", `${objectPath}versions/`, { body: VERSIONS, headers: DATES });
		server.on("GET", `${COLLECTION_PATH}/manifest/`, { body: MANIFEST, headers: DATES });
		server.on("DELETE", objectPath, { status: 200, body: "" });
		const taxii = client();
		assert.deepEqual(await taxii.getObject(COLLECTION.id, INDICATOR.id, { match: { version: ["all"] } }), [
			INDICATOR,
		]);
		assert.deepEqual(await taxii.versions(COLLECTION.id, INDICATOR.id), VERSIONS.versions);
		const manifest = await collect(taxii.manifest(COLLECTION.id));
		assert.deepEqual(manifest[0]?.records, MANIFEST.objects);
		await taxii.deleteObject(COLLECTION.id, INDICATOR.id);
		assert.deepEqual(
			server.requests.map((request) => `${request.method} ${request.url}`),
			[
				`GET ${objectPath}?match[version]=all`,
				`GET ${objectPath}versions/`,
				`GET ${COLLECTION_PATH}/manifest/`,
				`DELETE ${objectPath}`,
			],
		);
	});

	it("§4.3 reads a pending status with its successes, failures and pendings", async () => {
		server.on("GET", `/api1/status/${STATUS_PENDING.id}/`, { body: STATUS_PENDING });
		assert.deepEqual(await client().status(STATUS_PENDING.id), STATUS_PENDING);
	});

	it("§1.6.9 sends HTTP Basic and bearer credentials", async () => {
		server.on("GET", "/api1/", { body: API_ROOT });
		await client({ auth: { kind: "basic", user: "sentinel", password: "pä:ss" } }).apiRoot();
		await client({ auth: { kind: "bearer", token: "tok-123" } }).apiRoot();
		assert.equal(
			server.requests[0]?.headers.authorization,
			`Basic ${Buffer.from("sentinel:pä:ss").toString("base64")}`,
		);
		assert.equal(server.requests[1]?.headers.authorization, "Bearer tok-123");
	});
});

describe("TaxiiClient errors", () => {
	it("§3.6.1 turns an error body into an AppError quoting title, description and http_status; 4xx is not retried", async () => {
		server.on("GET", "/api1/collections/", { status: 409, body: ERROR_409 });
		const error = await rejection(client().collections());
		assert.equal(error.code, "E_TAXII_HTTP");
		assert.match(error.message, /HTTP 409/);
		assert.match(error.message, /Error condition XYZ/);
		assert.match(error.message, /This error is caused when the application tries to access data/);
		assert.match(error.message, /http_status 409/);
		assert.deepEqual((error.details?.error as { details?: unknown } | undefined)?.details, ERROR_409.details);
		assert.equal(server.requests.length, 1);
		assert.deepEqual(sleeps, []);
	});

	it("maps 404 to E_TAXII_NOT_FOUND and an HTML 401 page to E_TAXII_AUTH", async () => {
		server.on("GET", `${COLLECTION_PATH}/`, {
			status: 404,
			body: { title: "Not Found", http_status: "404" },
		});
		server.on("GET", "/api1/collections/", {
			status: 401,
			headers: { "content-type": "text/html" },
			body: "<html>login</html>",
		});
		assert.equal((await rejection(client().collection(COLLECTION.id))).code, "E_TAXII_NOT_FOUND");
		const auth = await rejection(client().collections());
		assert.equal(auth.code, "E_TAXII_AUTH");
		assert.match(auth.message, /text\/html/);
		assert.doesNotMatch(auth.message, /login/);
	});

	it("§1.6.8 refuses a 200 that is not application/taxii+json;version=2.1", async () => {
		server.on("GET", "/api1/", { headers: { "content-type": "application/json" }, body: API_ROOT });
		const error = await rejection(client().apiRoot());
		assert.equal(error.code, "E_TAXII_PROTOCOL");
		server.on("GET", "/api1/", {
			headers: { "content-type": "application/taxii+json;version=2.0" },
			body: API_ROOT,
		});
		assert.equal((await rejection(client().apiRoot())).code, "E_TAXII_PROTOCOL");
		server.on("GET", "/api1/", { headers: { "content-type": "application/taxii+json" }, body: API_ROOT });
		assert.deepEqual(await client().apiRoot(), API_ROOT);
	});

	it("names every missing required property of a resource", async () => {
		server.on("GET", "/api1/", { body: { title: "x" } });
		const error = await rejection(client().apiRoot());
		assert.equal(error.code, "E_TAXII_PROTOCOL");
		assert.match(error.message, /versions/);
		assert.match(error.message, /max_content_length/);
	});

	it("retries 5xx with capped exponential backoff, then succeeds", async () => {
		let call = 0;
		server.on("GET", "/api1/", () =>
			++call <= 3 ? { status: 503, body: { title: "busy" } } : { body: API_ROOT },
		);
		assert.deepEqual(await client({ retry: { baseDelayMs: 100, maxDelayMs: 300 } }).apiRoot(), API_ROOT);
		assert.deepEqual(sleeps, [100, 200, 300]);
	});

	it("jitters the backoff with the random source", async () => {
		let call = 0;
		server.on("GET", "/api1/", () => (++call === 1 ? { status: 502 } : { body: API_ROOT }));
		await client({ random: () => 0.25, retry: { baseDelayMs: 1000 } }).apiRoot();
		assert.deepEqual(sleeps, [250]);
	});

	it("honours Retry-After on 429", async () => {
		let call = 0;
		server.on("GET", "/api1/", () =>
			++call === 1
				? { status: 429, headers: { "retry-after": "7" }, body: { title: "slow down" } }
				: { body: API_ROOT },
		);
		await client().apiRoot();
		assert.deepEqual(sleeps, [7000]);
	});

	it("gives up after maxAttempts with E_TAXII_SERVER, and refuses a Retry-After beyond its cap", async () => {
		server.on("GET", "/api1/", {
			status: 500,
			body: { title: "Internal", description: "db down", http_status: "500" },
		});
		const error = await rejection(client({ retry: { maxAttempts: 3 } }).apiRoot());
		assert.equal(error.code, "E_TAXII_SERVER");
		assert.match(error.message, /db down.*after 3 attempts/);
		assert.equal(server.requests.length, 3);
		server.on("GET", "/api1/", { status: 503, headers: { "retry-after": "3600" } });
		const later = await rejection(client().apiRoot());
		assert.match(later.message, /retry after 3600 s/);
	});

	it("retries network errors and timeouts, then reports E_TAXII_NETWORK", async () => {
		server.on("GET", "/api1/", { destroy: true });
		const dropped = await rejection(client({ retry: { maxAttempts: 2 } }).apiRoot());
		assert.equal(dropped.code, "E_TAXII_NETWORK");
		assert.equal(server.requests.length, 2);
		server.on("GET", "/api1/collections/", { hang: true });
		const slow = await rejection(client({ retry: { maxAttempts: 1 }, timeoutMs: 50 }).collections());
		assert.equal(slow.code, "E_TAXII_NETWORK");
		assert.match(slow.message, /timed out/);
	});

	it("refuses a response larger than the limit, counting bytes after decompression, without retrying", async () => {
		server.on("GET", "/api1/", { body: { ...API_ROOT, description: "x".repeat(10_000) } });
		const plain = await rejection(client({ maxResponseBytes: 4096 }).apiRoot());
		assert.equal(plain.code, "E_TAXII_TOO_LARGE");
		server.requests.length = 0;
		const bomb = gzipSync(JSON.stringify({ ...API_ROOT, description: " ".repeat(5_000_000) }));
		assert.ok(bomb.byteLength < 10_000);
		server.on("GET", "/api1/", { headers: { "content-encoding": "gzip" }, body: bomb });
		const inflated = await rejection(client({ maxResponseBytes: 65_536 }).apiRoot());
		assert.equal(inflated.code, "E_TAXII_TOO_LARGE");
		assert.equal(server.requests.length, 1);
	});

	it("§8.5.1 refuses plain HTTP to a host other than loopback unless allowed", () => {
		assert.throws(() => new TaxiiClient("http://taxii.example.com/api1/"), { code: "E_TAXII_URL" });
		assert.equal(
			new TaxiiClient("http://taxii.example.com/api1", { allowHttp: true }).apiRootUrl,
			"http://taxii.example.com/api1/",
		);
	});
});

describe("TaxiiClient.addObjects", () => {
	it("§5.5 posts envelopes within max_content_length and polls §4.3 status until complete", async () => {
		server.on("GET", "/api1/", { body: { ...API_ROOT, max_content_length: 700 } });
		const posted: unknown[][] = [];
		server.on("POST", `${COLLECTION_PATH}/objects/`, (request) => {
			assert.ok(
				Buffer.byteLength(request.body) <= 700,
				`envelope of ${Buffer.byteLength(request.body)} bytes`,
			);
			assert.equal(request.headers["content-type"], TAXII);
			posted.push((JSON.parse(request.body) as { objects: unknown[] }).objects);
			return { status: 202, body: POST_RESPONSE };
		});
		let polls = 0;
		server.on("GET", `/api1/status/${POST_RESPONSE.id}/`, () =>
			++polls % 2 === 1
				? { body: STATUS_PENDING }
				: { body: { ...STATUS_PENDING, status: "complete", pending_count: 0, pendings: undefined } },
		);
		const objects = Array.from({ length: 6 }, (_, n) => ({ ...INDICATOR, name: `n${n}`.padEnd(100, "x") }));
		const huge = {
			...INDICATOR,
			id: "indicator--c410e480-e42b-47d1-9476-85307c12bcbf",
			description: "y".repeat(800),
		};
		const result = await client().addObjects(COLLECTION.id, [...objects, huge], { pollIntervalMs: 10 });
		assert.deepEqual(posted.flat(), objects);
		assert.ok(posted.length >= 2);
		assert.equal(result.envelopes, posted.length);
		assert.equal(result.sent, 6);
		assert.deepEqual(
			result.tooLarge.map((entry) => entry.id),
			[huge.id],
		);
		assert.equal(result.complete, false);
		assert.ok(result.statuses.every((status) => status.status === "complete"));
		assert.equal(result.failures[0]?.message, "Unable to process object");
		assert.deepEqual(sleeps.slice(0, 1), [10]);
	});

	it("§4.3 stops polling a status that stays pending once statusTimeoutMs has been waited", async () => {
		server.on("GET", "/api1/", { body: API_ROOT });
		server.on("POST", `${COLLECTION_PATH}/objects/`, { status: 202, body: POST_RESPONSE });
		server.on("GET", `/api1/status/${POST_RESPONSE.id}/`, { body: STATUS_PENDING });
		const result = await client().addObjects(COLLECTION.id, [INDICATOR], {
			pollIntervalMs: 100,
			statusTimeoutMs: 1000,
		});
		assert.equal(result.complete, false);
		assert.equal(result.pending, 2);
		assert.ok(sleeps.reduce((sum, ms) => sum + ms, 0) <= 1000);
		assert.ok(sleeps.length >= 3);
	});
});
