import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import {
	envelope,
	indicator,
	json,
	MICROS,
	malware,
	openTaxiiNode,
	ROOT,
	type TaxiiNode,
} from "#test/support/taxii-node.ts";
import { TAXII_MEDIA_TYPE } from "./media-types.ts";

type Obj = Record<string, unknown>;
const MAX = 64 * 1024;

describe("§5.5 Add Objects and §4.3 status", () => {
	let node: TaxiiNode;
	let objects: string;
	before(async () => {
		node = await openTaxiiNode({ maxContentLength: MAX });
		objects = `${ROOT}/collections/${node.defaultCollection.id}/objects/`;
	});
	after(() => node.close());

	const versionCount = async (): Promise<number> => (await node.store.stats()).versions;

	it("§5.5 answers 202 with a complete status resource, per-object successes and failures", async () => {
		const good = indicator();
		const invalid: Obj = { ...indicator(), pattern: undefined };
		const response = await node.request(objects, envelope([good, invalid]));
		assert.equal(response.status, 202);
		assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
		const status = await json(response);
		assert.match(String(status.id), /^[0-9a-f-]{36}$/);
		assert.equal(status.status, "complete");
		assert.match(String(status.request_timestamp), MICROS);
		assert.equal(status.total_count, 2);
		assert.equal(status.success_count, 1);
		assert.deepEqual(status.successes, [{ id: good.id, version: good.modified }]);
		assert.equal(status.failure_count, 1);
		const failure = (status.failures as Obj[])[0];
		assert.equal(failure?.id, invalid.id);
		assert.equal(failure?.version, invalid.modified);
		assert.match(String(failure?.message), /pattern/);
		assert.equal(status.pending_count, 0);
		assert.equal(status.pendings, undefined);

		// §4.3 the same resource can be fetched back by its id; others' statuses are 404.
		const fetched = await node.request(`${ROOT}/status/${status.id}/`);
		assert.equal(fetched.status, 200);
		assert.deepEqual(await json(fetched), status);
		const foreign = await node.request(`${ROOT}/status/${status.id}/`, { as: node.other });
		const unknown = await node.request(`${ROOT}/status/${randomUUID()}/`, { as: node.other });
		assert.equal(foreign.status, 404);
		assert.equal(await foreign.text(), await unknown.text());
		assert.equal((await node.request(`${ROOT}/status/not-a-uuid/`)).status, 404);

		const stored = await json(await node.request(`${objects}?match[id]=${good.id}`));
		assert.deepEqual(stored.objects, [good]);
	});

	it("§5.5 re-posting identical objects is a success, not an error", async () => {
		const object = indicator();
		await node.request(objects, envelope([object]));
		const again = await json(await node.request(objects, envelope([{ ...object }])));
		assert.equal(again.success_count, 1);
		assert.equal(again.failure_count, 0);
	});

	it("§5.5 a different object under an existing (id, version) fails without overwriting", async () => {
		const object = indicator();
		await node.request(objects, envelope([object]));
		const clash = await json(await node.request(objects, envelope([{ ...object, name: "changed" }])));
		assert.equal(clash.failure_count, 1);
		const stored = await json(await node.request(`${objects}${object.id}/`));
		assert.equal((stored.objects as Obj[])[0]?.name, "bad ip");
	});

	it("§5.5 an empty envelope is accepted with total_count 0", async () => {
		const response = await node.request(objects, { ...envelope([]), body: "{}" });
		assert.equal(response.status, 202);
		const status = await json(response);
		assert.equal(status.total_count, 0);
		assert.equal(status.successes, undefined);
	});

	it("§5.5 a STIX bundle is refused (422) and nothing of it is stored", async () => {
		const before = await versionCount();
		const bundle = { type: "bundle", id: `bundle--${randomUUID()}`, objects: [indicator()] };
		const response = await node.request(objects, { ...envelope([]), body: JSON.stringify(bundle) });
		assert.equal(response.status, 422);
		const body = await json(response);
		assert.equal(body.http_status, "422");
		assert.match(String(body.description), /envelope/);
		assert.equal(await versionCount(), before);
	});

	for (const [label, body, status] of [
		["malformed JSON", '{"objects": [', 400],
		["a JSON array", "[]", 422],
		["objects that is not a list", '{"objects": {}}', 422],
		["an empty body", "", 422],
		["nesting deeper than the limit", `{"objects": [${"[".repeat(200)}${"]".repeat(200)}]}`, 413],
	] as const) {
		it(`§5.5 ${label} is ${status} with a TAXII body and stores nothing`, async () => {
			const before = await versionCount();
			const response = await node.request(objects, { ...envelope([]), body });
			assert.equal(response.status, status);
			assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
			assert.equal((await json(response)).http_status, String(status));
			assert.equal(await versionCount(), before);
		});
	}

	for (const contentType of [
		"application/json",
		"application/stix+json;version=2.1",
		"application/taxii+json;version=2.0",
	]) {
		it(`§3.1 Content-Type ${contentType} is 415`, async () => {
			const response = await node.request(objects, {
				...envelope([indicator()]),
				headers: { "Content-Type": contentType },
			});
			assert.equal(response.status, 415);
			assert.equal((await json(response)).http_status, "415");
		});
	}

	it("§5.5 can_write false is 403 (the collection is readable, so it is not hidden)", async () => {
		const response = await node.request(objects, { ...envelope([indicator()]), as: node.reader });
		assert.equal(response.status, 403);
	});

	it("§5.5 objects outside a typed collection fail individually", async () => {
		const typed = randomUUID();
		await node.defineCollections([
			node.defaultCollection,
			{
				id: typed,
				title: "malware",
				read: { organizations: "local" },
				write: { organizations: "local" },
				filter: { types: ["malware"] },
			},
		]);
		const status = await json(
			await node.request(`${ROOT}/collections/${typed}/objects/`, envelope([malware(), indicator()])),
		);
		assert.equal(status.success_count, 1);
		assert.equal(status.failure_count, 1);
		assert.match(String((status.failures as Obj[])[0]?.message), /holds only malware/);
		await node.defineCollections([node.defaultCollection]);
	});

	describe("§4.2.1 max_content_length, enforced on the stream", () => {
		const big = (): string => JSON.stringify({ objects: [indicator({ description: "x".repeat(MAX) })] });

		it("§4.2.1 a declared Content-Length over the limit is 413 before reading", async () => {
			const response = await node.request(objects, {
				...envelope([]),
				headers: { "Content-Type": TAXII_MEDIA_TYPE, "Content-Length": String(MAX + 1) },
				body: "{}",
			});
			assert.equal(response.status, 413);
			const body = await json(response);
			assert.equal(body.http_status, "413");
			assert.deepEqual(body.details, { max_content_length: MAX });
		});

		it("§4.2.1 a streamed body without Content-Length is cut off at the limit (413)", async () => {
			const before = await versionCount();
			let pulled = 0;
			const chunk = new TextEncoder().encode(" ".repeat(8192));
			const stream = new ReadableStream<Uint8Array>({
				pull(controller) {
					pulled++;
					if (pulled > 1000) controller.close();
					else controller.enqueue(chunk);
				},
			});
			const response = await node.request(objects, {
				method: "POST",
				headers: { "Content-Type": TAXII_MEDIA_TYPE },
				body: stream,
				duplex: "half",
			} as RequestInit);
			assert.equal(response.status, 413);
			assert.ok(pulled < 50, `read ${pulled} chunks of a 8 MB stream`);
			assert.equal(await versionCount(), before);
		});

		it("§4.2.1 a body at the limit is accepted, one byte over is not", async () => {
			const object = indicator();
			const text = JSON.stringify({ objects: [object] });
			const padded = text + " ".repeat(MAX - Buffer.byteLength(text));
			assert.equal((await node.request(objects, { ...envelope([]), body: padded })).status, 202);
			assert.equal((await node.request(objects, { ...envelope([]), body: `${padded} ` })).status, 413);
			assert.equal(big().length > MAX, true);
		});

		it("§4.2.1 gzip bodies are decoded and counted after decoding", async () => {
			const object = indicator();
			const small = gzipSync(JSON.stringify({ objects: [object] }));
			const ok = await node.request(objects, {
				...envelope([]),
				headers: { "Content-Type": TAXII_MEDIA_TYPE, "Content-Encoding": "gzip" },
				body: small,
			});
			assert.equal(ok.status, 202);
			assert.equal((await json(ok)).success_count, 1);

			// A compression bomb: 20 KB on the wire, 20 MB decoded.
			const bomb = gzipSync(`{"objects": [], "x": "${"a".repeat(20 * 1024 * 1024)}"}`);
			assert.ok(bomb.byteLength < MAX);
			const refused = await node.request(objects, {
				...envelope([]),
				headers: { "Content-Type": TAXII_MEDIA_TYPE, "Content-Encoding": "gzip" },
				body: bomb,
			});
			assert.equal(refused.status, 413);
		});

		it("§4.2.1 an undecodable gzip body is 422, an unknown encoding 415", async () => {
			const broken = await node.request(objects, {
				...envelope([]),
				headers: { "Content-Type": TAXII_MEDIA_TYPE, "Content-Encoding": "gzip" },
				body: "not gzip at all",
			});
			assert.equal(broken.status, 422);
			const unknown = await node.request(objects, {
				...envelope([]),
				headers: { "Content-Type": TAXII_MEDIA_TYPE, "Content-Encoding": "br" },
				body: "{}",
			});
			assert.equal(unknown.status, 415);
		});
	});

	it("the egress gate withholds objects with a marking the node does not understand", async () => {
		const unknownMarking = `marking-definition--${randomUUID()}`;
		const marked = indicator({ object_marking_refs: [unknownMarking] });
		const status = await json(await node.request(objects, envelope([marked])));
		assert.equal(status.success_count, 1);
		assert.match(String((status.successes as Obj[])[0]?.message), /released once the store holds/);
		assert.equal((await node.request(`${objects}${marked.id}/`)).status, 404);
		assert.deepEqual(await json(await node.request(`${objects}?match[id]=${marked.id}`)), {});
	});

	it("serves a report naming an object not held yet only once it is, whole, on TAXII and REST alike (D58)", async () => {
		const named = indicator();
		const report = {
			type: "report",
			spec_version: "2.1",
			id: `report--${randomUUID()}`,
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			name: "waits for its indicator",
			published: "2024-01-01T00:00:00.000Z",
			object_refs: [named.id],
		};
		await node.request(objects, envelope([report]));
		assert.equal((await node.request(`${objects}${report.id}/`)).status, 404, "never served without it");
		assert.equal((await node.request(`/api/v1/objects/${report.id}`)).status, 404);
		await node.request(objects, envelope([named]));
		const served = await json(await node.request(`${objects}${report.id}/`));
		assert.deepEqual((served.objects as Obj[])[0], report, "served as written, once complete");
		const rest = await json(await node.request(`/api/v1/objects/${report.id}`));
		assert.deepEqual((rest.object as Obj | undefined)?.object_refs ?? rest.object_refs, [named.id]);
	});

	it("releases them once a later Add Objects brings the definition, as newly added (D58)", async () => {
		const statement = `marking-definition--${randomUUID()}`;
		const marked = indicator({ object_marking_refs: [statement] });
		await node.request(objects, envelope([marked]));
		assert.equal((await node.request(`${objects}${marked.id}/`)).status, 404);
		const page = await node.request(objects);
		const horizon = page.headers.get("X-TAXII-Date-Added-Last") ?? "1970-01-01T00:00:00Z";
		const definition = {
			type: "marking-definition",
			spec_version: "2.1",
			id: statement,
			created: "2024-01-01T00:00:00.000Z",
			definition_type: "statement",
			definition: { statement: "Copyright Example Corp" },
		};
		await node.request(objects, envelope([definition]));
		assert.equal((await node.request(`${objects}${marked.id}/`)).status, 200);
		// A client that followed added_after past the first post sees the object now, as new.
		const news = await json(await node.request(`${objects}?added_after=${horizon}`));
		assert.ok(
			(news.objects as Obj[]).some((object) => object.id === marked.id),
			"the released version is in the next added_after page",
		);
	});
});
