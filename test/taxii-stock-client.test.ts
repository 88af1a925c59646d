// What stock TAXII 2.1 software sends, against a real `entente serve` with its default settings: the OASIS
// taxii2-client's requests (test/support/stock-taxii-client.ts) and the HTTP requests of medallion's own tests
// (oasis-open/cti-taxii-server, medallion/test/test_memory_backend.py), each asserting what they assert (D57).
// The real Python client could not be installed here (PyPI unreachable); D57 says how to run it in CI.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { entente, scratch } from "./support/cli.ts";
import { initNodeData, type NodeData, type ServeProcess, startServe } from "./support/node-process.ts";
import {
	asPages,
	discover,
	MEDIA_TYPE_TAXII_V21,
	openApiRoot,
	type StockCollection,
	StockSession,
} from "./support/stock-taxii-client.ts";

const SCENARIO = resolve(import.meta.dirname, "..", "examples", "policy", "reference-scenario.yaml");
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const GREEN = TLP2_DEFINITIONS.green.id;
/** medallion's GET_HEADERS and POST_HEADERS. */
const GET_HEADERS = { Accept: MEDIA_TYPE_TAXII_V21 };
const POST_HEADERS = { "Content-Type": MEDIA_TYPE_TAXII_V21, Accept: MEDIA_TYPE_TAXII_V21 };
type Obj = Record<string, unknown>;

function indicator(overrides: Obj = {}): Obj {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${randomUUID()}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		name: "bad ip",
		pattern: "[ipv4-addr:value = '198.51.100.7']",
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00.000Z",
		object_marking_refs: [GREEN],
		...overrides,
	};
}

/** medallion's TEST_OBJECT. */
function courseOfAction(): Obj {
	return {
		type: "course-of-action",
		spec_version: "2.1",
		id: `course-of-action--${randomUUID()}`,
		created: "2017-01-27T13:49:53.935Z",
		modified: "2017-01-27T13:49:53.935Z",
		name: "Test object",
	};
}

const { dir, remove } = scratch("taxii-stock");

describe("stock TAXII clients against `entente serve` (taxii2-client, medallion's HTTP tests)", () => {
	let node: ServeProcess;
	let data: NodeData;
	let sharedId = "";
	const session = (user: string): StockSession =>
		new StockSession(user, data.tokens[user] ?? data.adminToken);
	const collectionFor = async (user: string): Promise<StockCollection> => {
		const { apiRoots } = await discover(session(user), `${node.url}/taxii2/`);
		const { collections } = await openApiRoot(session(user), String(apiRoots[0]));
		const shared = collections.find((c) => c.info.id === sharedId);
		assert.ok(shared, `${user} lists the shared collection`);
		return shared;
	};
	/** A medallion test-client request: Basic auth, its headers, `follow_redirects=True`. */
	const medallion = async (path: string, init: { method?: string; headers?: Obj; body?: string } = {}) => {
		const response = await fetch(`${node.url}${path}`, {
			method: init.method ?? "GET",
			headers: {
				...(init.headers as Record<string, string>),
				Authorization: `Basic ${Buffer.from(`anna:${data.tokens.anna}`).toString("base64")}`,
			},
			...(init.body === undefined ? {} : { body: init.body }),
		});
		const text = await response.text();
		return { response, json: (text === "" ? {} : JSON.parse(text)) as Obj };
	};

	before(async () => {
		data = await initNodeData({
			data: join(dir, "data"),
			name: "uk-nca-node",
			org: "UK National Crime Agency",
			orgId: NCA,
			policy: SCENARIO,
			users: [
				{ name: "anna", party: NCA, role: "analyst" },
				{ name: "flo", party: NCA, role: "reader" },
				{ name: "fbi", party: FBI, role: "analyst" },
			],
		});
		sharedId = randomUUID();
		const add = await entente([
			...["collections", "add", "--data", data.data, "--title", "Shared with the FBI", "--id", sharedId],
			...["--read-org", NCA, "--read-org", FBI, "--write-org", NCA, "--write-org", FBI],
		]);
		assert.equal(add.code, 0, add.stderr);
		node = await startServe({ data: data.data, name: "uk-nca-node" });
	});

	after(async () => {
		await node?.stop();
		remove();
	});

	it("`collections add` refuses a collection id that is not a UUIDv4, naming the fix", async () => {
		const refused = await entente([
			...["collections", "add", "--data", data.data, "--title", "v1 id"],
			...["--id", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"],
		]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /not a lowercase version 4 UUID.*leave the id out/s);
	});

	describe("taxii2-client", () => {
		let collection: StockCollection;
		const ids: string[] = [];
		before(async () => {
			collection = await collectionFor("anna");
			// 2,000 objects in four envelopes, as `add_objects` posts them.
			for (let batch = 0; batch < 4; batch++) {
				const objects = Array.from({ length: 500 }, () => indicator());
				ids.push(...objects.map((o) => String(o.id)));
				const status = await collection.addObjects({ objects });
				assert.equal(status.fields.status, "complete");
				assert.equal(status.fields.success_count, 500);
			}
		});

		it("Server, ApiRoot and Collection load and validate", async () => {
			const { title, apiRoots } = await discover(session("anna"), `${node.url}/taxii2`);
			assert.ok(title);
			assert.deepEqual(apiRoots, [`${node.url}/taxii2/api/`]);
			const { information } = await openApiRoot(session("anna"), String(apiRoots[0]));
			assert.deepEqual(information.versions, [MEDIA_TYPE_TAXII_V21]);
			assert.equal(collection.info.can_read, true);
			assert.equal(collection.info.can_write, true);
		});

		it("as_pages pages 2,000 objects 10 at a time under the default rate limit, then 1 at a time through the manifest", async () => {
			const reader = await collectionFor("anna");
			const seen: string[] = [];
			let pages = 0;
			for await (const envelope of asPages((f) => reader.getObjects(f), 10)) {
				pages++;
				for (const object of (envelope.objects as Obj[] | undefined) ?? []) seen.push(String(object.id));
				if (envelope.more === false) assert.equal(envelope.next, undefined);
			}
			assert.equal(pages, 200);
			assert.equal(new Set(seen).size, 2000);
			assert.deepEqual(new Set(seen), new Set(ids));
			let records = 0;
			for await (const manifest of asPages((f) => reader.getManifest(f), 1, { type: "indicator" }))
				records += ((manifest.objects as unknown[] | undefined) ?? []).length;
			assert.equal(records, 2000, "2,000 pages in a row, none refused");
		});

		it("add_objects returns a Status whose URL lacks the slash; refreshing it follows the 308", async () => {
			const polling = session("anna");
			const own = await openApiRoot(polling, `${node.url}/taxii2/api/`);
			const mine = own.collections.find((c) => c.info.id === sharedId);
			assert.ok(mine);
			const object = indicator();
			const status = await mine.addObjects({ objects: [object] });
			assert.match(status.url, /\/taxii2\/api\/status\/[0-9a-f-]{36}\/$/);
			await status.refresh();
			assert.equal(status.fields.success_count, 1);
			const [ok] = status.fields.successes as Obj[];
			assert.deepEqual(ok, { id: object.id, version: object.modified });
		});

		it("get_object, object_versions and delete_object(version=…) remove exactly that version", async () => {
			const id = `indicator--${randomUUID()}`;
			const versions = ["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"];
			await collection.addObjects({ objects: versions.map((modified) => indicator({ id, modified })) });
			assert.deepEqual((await collection.objectVersions(id)).versions, versions);
			const first = await collection.getObject(id, { version: "first" });
			assert.equal((first.objects as Obj[])[0]?.modified, versions[0]);
			await collection.deleteObject(id, { version: versions[1] });
			assert.deepEqual((await collection.objectVersions(id)).versions, [versions[0], versions[2]]);
			await assert.rejects(collection.deleteObject(id, { version: versions[1] }), { status: 404 });
			await collection.deleteObject(id, { version: ["first", "last"] });
			await assert.rejects(collection.objectVersions(id), { status: 404 });
		});

		it("an SCO's version in the status, manifest and versions round-trips through match[version]", async () => {
			const sco = {
				type: "ipv4-addr",
				spec_version: "2.1",
				id: `ipv4-addr--${randomUUID()}`,
				value: "203.0.113.9",
			};
			const status = await collection.addObjects({ objects: [sco] });
			const [success] = status.fields.successes as Obj[];
			const version = String(success?.version);
			assert.match(version, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
			const manifest = await collection.getManifest({ id: sco.id });
			assert.equal((manifest.objects as Obj[])[0]?.version, version);
			assert.deepEqual((await collection.objectVersions(sco.id)).versions, [version]);
			const found = await collection.getObject(sco.id, { version });
			assert.equal((found.objects as Obj[])[0]?.id, sco.id);
			await collection.deleteObject(sco.id, { version });
			await assert.rejects(collection.getObject(sco.id), { status: 404 });
		});

		it("a partner's delete_object(version=…) of the node's own object is refused, and the version stays", async () => {
			const object = indicator();
			await collection.addObjects({ objects: [object] });
			const partner = await collectionFor("fbi");
			const seen = await partner.getObject(String(object.id));
			assert.equal((seen.objects as Obj[]).length, 1, "the partner reads it (TLP:GREEN, an agreement)");
			for (const version of [String(object.modified), "all", "first", "last"])
				await assert.rejects(partner.deleteObject(String(object.id), { version }), { status: 403 });
			await assert.rejects(partner.deleteObject(String(object.id), { spec_version: "2.1" }), { status: 403 });
			assert.deepEqual((await collection.objectVersions(String(object.id))).versions, [object.modified]);
		});
	});

	describe("medallion's HTTP tests (test_memory_backend.py), request for request", () => {
		const objectsPath = () => `/taxii2/api/collections/${sharedId}/objects/`;

		it("test_add_and_delete_object: DELETE and GET without the trailing slash follow the 308", async () => {
			const object = courseOfAction();
			const posted = await medallion(objectsPath(), {
				method: "POST",
				headers: POST_HEADERS,
				body: JSON.stringify({ objects: [object] }),
			});
			assert.equal(posted.response.status, 202);
			const status = await medallion(`/taxii2/api/status/${String(posted.json.id)}/`, {
				headers: GET_HEADERS,
			});
			assert.equal(status.json.success_count, 1);
			const manifest = await medallion(
				`/taxii2/api/collections/${sharedId}/manifest/?match[id]=${String(object.id)}`,
				{ headers: GET_HEADERS },
			);
			assert.equal((manifest.json.objects as Obj[])[0]?.id, object.id);
			const deleted = await medallion(`${objectsPath()}${String(object.id)}`, {
				method: "DELETE",
				headers: GET_HEADERS,
			});
			assert.equal(deleted.response.status, 200);
			assert.equal(deleted.response.headers.get("content-type"), MEDIA_TYPE_TAXII_V21);
			const gone = await medallion(`${objectsPath()}${String(object.id)}`, { headers: GET_HEADERS });
			assert.equal(gone.response.status, 404);
			assert.equal(gone.response.headers.get("content-type"), MEDIA_TYPE_TAXII_V21);
		});

		it("test_delete_objects_version: a version, then first, then last, then all", async () => {
			const base = courseOfAction();
			const id = String(base.id);
			const objects = [
				{ ...base, created: "2014-01-27T13:49:53.935Z" },
				...["2015", "2016", "2018", "2019"].map((year) => ({
					...base,
					created: "2014-01-27T13:49:53.935Z",
					modified: `${year}-01-27T13:49:53.935Z`,
				})),
			];
			const posted = await medallion(objectsPath(), {
				method: "POST",
				headers: POST_HEADERS,
				body: JSON.stringify({ objects }),
			});
			assert.equal(posted.json.success_count, 5);
			const versions = async () => {
				const { response, json } = await medallion(`${objectsPath()}${id}/versions`, {
					headers: GET_HEADERS,
				});
				return { status: response.status, more: json.more, versions: json.versions as string[] | undefined };
			};
			const all = await versions();
			assert.equal(all.more, false);
			assert.equal(all.versions?.length, 5);
			for (const [query, removed, left] of [
				["2018-01-27T13:49:53.935Z", "2018-01-27T13:49:53.935Z", 4],
				["first", "2015-01-27T13:49:53.935Z", 3],
				["last", "2019-01-27T13:49:53.935Z", 2],
			] as const) {
				const deleted = await medallion(`${objectsPath()}${id}?match[version]=${query}`, {
					method: "DELETE",
					headers: GET_HEADERS,
				});
				assert.equal(deleted.response.status, 200, query);
				const now = await versions();
				assert.equal(now.more, false);
				assert.equal(now.versions?.length, left);
				assert.ok(!now.versions?.includes(removed));
			}
			const everything = await medallion(`${objectsPath()}${id}?match[version]=all`, {
				method: "DELETE",
				headers: GET_HEADERS,
			});
			assert.equal(everything.response.status, 200);
			assert.equal((await versions()).status, 404);
		});

		it("test_delete_objects_spec_version: every version here is 2.1, so 2.0 selects none (404) and 2.1 all", async () => {
			// medallion stores a spec_version 2.0 copy as 2.0; this node upgrades 2.0 input to 2.1 at ingest, so the
			// 2.0 selection finds nothing: 404, as §5.7 asks when no version is selected.
			const object = courseOfAction();
			const id = String(object.id);
			await medallion(objectsPath(), {
				method: "POST",
				headers: POST_HEADERS,
				body: JSON.stringify({ objects: [object] }),
			});
			const none = await medallion(`${objectsPath()}${id}?match[spec_version]=2.0`, {
				method: "DELETE",
				headers: GET_HEADERS,
			});
			assert.equal(none.response.status, 404);
			const deleted = await medallion(`${objectsPath()}${id}?match[spec_version]=2.1`, {
				method: "DELETE",
				headers: GET_HEADERS,
			});
			assert.equal(deleted.response.status, 200);
			assert.equal(
				(await medallion(`${objectsPath()}${id}/versions`, { headers: GET_HEADERS })).response.status,
				404,
			);
		});

		it("test_SCO_versioning: first, last, all and added_after on an artifact; a later added_after is {}", async () => {
			const sco = {
				type: "artifact",
				spec_version: "2.1",
				id: `artifact--${randomUUID()}`,
				mime_type: "application/zip",
				// medallion's fixture has neither payload_bin nor url, which STIX 2.1 §6.1 requires one of; ours adds one.
				payload_bin: "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==",
				encryption_algorithm: "mime-type-indicated",
				decryption_key: "My voice is my passport",
			};
			const posted = await medallion(objectsPath(), {
				method: "POST",
				headers: POST_HEADERS,
				body: JSON.stringify({ objects: [sco] }),
			});
			assert.equal(posted.json.success_count, 1, JSON.stringify(posted.json));
			for (const query of [
				"match[version]=all",
				"match[version]=first",
				"match[version]=last",
				"added_after=2017-01-27T13:49:53.935Z",
			]) {
				const { response, json } = await medallion(`${objectsPath()}${sco.id}?${query}`, {
					headers: GET_HEADERS,
				});
				assert.equal(response.status, 200, query);
				assert.equal((json.objects as Obj[]).length, 1, query);
			}
			const later = new Date(Date.now() + 60_000).toISOString();
			const { response, json } = await medallion(`${objectsPath()}${sco.id}?added_after=${later}`, {
				headers: GET_HEADERS,
			});
			assert.equal(response.status, 200);
			assert.deepEqual(json, {}, "len(objs) == 0");
			assert.equal(response.headers.get("x-taxii-date-added-first"), null, "no 1970 on an empty page");
		});

		it("test_get_objects_limit / test_object_pagination_changing_params_400: more, next, headers; changed filters 400", async () => {
			const first = await medallion(`${objectsPath()}?limit=4`, { headers: GET_HEADERS });
			assert.equal(first.json.more, true);
			assert.equal((first.json.objects as Obj[]).length, 4);
			assert.ok(first.response.headers.get("x-taxii-date-added-first"));
			const next = encodeURIComponent(String(first.json.next));
			const second = await medallion(`${objectsPath()}?limit=3&next=${next}`, { headers: GET_HEADERS });
			assert.equal(second.response.status, 200);
			assert.equal((second.json.objects as Obj[]).length, 3);
			const changed = await medallion(
				`${objectsPath()}?match[version]=first&limit=2&next=${encodeURIComponent(String(second.json.next))}`,
				{
					headers: GET_HEADERS,
				},
			);
			assert.equal(changed.response.status, 400);
			assert.equal(changed.response.headers.get("content-type"), MEDIA_TYPE_TAXII_V21);
		});

		it("Get Manifest takes its listed Accept values; other methods are 405 with Allow; OPTIONS answers", async () => {
			for (const accept of [
				"application/stix+json;version=2.1",
				"application/taxii+json;version=2.1,application/stix+json;version=2.1",
			]) {
				const { response } = await medallion(`/taxii2/api/collections/${sharedId}/manifest/`, {
					headers: { Accept: accept },
				});
				assert.equal(response.status, 200, accept);
			}
			const put = await medallion(objectsPath(), { method: "PUT", headers: GET_HEADERS });
			assert.equal(put.response.status, 405);
			assert.equal(put.response.headers.get("allow"), "GET, HEAD, POST, OPTIONS");
			const options = await fetch(`${node.url}${objectsPath()}`, { method: "OPTIONS" });
			assert.equal(options.status, 204);
			assert.equal(options.headers.get("allow"), "GET, HEAD, POST, OPTIONS");
		});
	});

	it("a flood of plain requests from one user is still cut off with 429 and Retry-After", async () => {
		const flood = session("flo");
		const statuses: number[] = [];
		for (let wave = 0; wave < 12; wave++) {
			const answers = await Promise.all(
				Array.from({ length: 40 }, () =>
					flood.get(`${node.url}/taxii2/api/collections/`).then(
						() => 200,
						(error: { status?: number }) => error.status ?? 0,
					),
				),
			);
			statuses.push(...answers);
			if (answers.includes(429)) break;
		}
		assert.ok(statuses.includes(429), `no 429 in ${statuses.length} requests`);
		const retry = await fetch(`${node.url}/taxii2/api/collections/`, {
			headers: { Authorization: `Basic ${Buffer.from(`flo:${data.tokens.flo}`).toString("base64")}` },
		});
		if (retry.status === 429) assert.ok(Number(retry.headers.get("retry-after")) >= 1);
	});
});
