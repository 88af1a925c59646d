// TAXII 2.1 end to end: a real `entente serve` process on loopback, driven over HTTP as a TAXII client would.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { scratch } from "./support/cli.ts";
import { type ServeProcess, startServe } from "./support/node-process.ts";

const TAXII = "application/taxii+json;version=2.1";
const MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
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
		...overrides,
	};
}

const { dir, remove } = scratch("taxii");

describe("TAXII 2.1 over HTTP against `entente serve`", () => {
	let node: ServeProcess;
	let url: string | undefined;
	let token: string;
	let objectsUrl: string;

	const call = (path: string, init: RequestInit = {}): Promise<Response> => {
		const headers = new Headers(init.headers);
		if (!headers.has("accept")) headers.set("Accept", TAXII);
		if (!headers.has("authorization")) {
			headers.set("Authorization", `Basic ${Buffer.from(`admin:${token}`).toString("base64")}`);
		}
		return fetch(path.startsWith("http") ? path : `${url}${path}`, { ...init, headers }).catch(
			(error: unknown) => {
				throw new Error(
					`fetch ${url}${path} failed: ${String((error as { cause?: unknown }).cause)}; server stderr: ${node.stderr}`,
				);
			},
		);
	};
	const post = (objects: unknown[]): Promise<Response> =>
		call(objectsUrl, {
			method: "POST",
			headers: { "Content-Type": TAXII },
			body: JSON.stringify({ objects }),
		});

	before(async () => {
		node = await startServe({ data: join(dir, "data"), init: true });
		url = node.url;
		token = node.adminToken ?? "";
		assert.ok(token, "no admin token printed");
	});

	after(() => {
		if (node.running) node.child.kill("SIGTERM");
		remove();
	});

	it("§4.1 discovery with HTTP Basic (§8.2.2) and an unversioned Accept (§1.6.8.2)", async () => {
		const response = await call("/taxii2/", { headers: { Accept: "application/taxii+json" } });
		assert.equal(response.status, 200);
		assert.equal(response.headers.get("content-type"), TAXII);
		const discovery = (await response.json()) as Obj;
		assert.deepEqual(discovery.api_roots, ["/taxii2/api/"]);
	});

	it("§1.6.9 401 with WWW-Authenticate and a TAXII body; §3.1 406 for an unsupported Accept", async () => {
		const unauthenticated = await call("/taxii2/", { headers: { Authorization: "Bearer nope" } });
		assert.equal(unauthenticated.status, 401);
		assert.match(String(unauthenticated.headers.get("www-authenticate")), /^Basic realm="entente"/);
		assert.equal(unauthenticated.headers.get("content-type"), TAXII);
		assert.equal(((await unauthenticated.json()) as Obj).http_status, "401");
		const notAcceptable = await call("/taxii2/", { headers: { Accept: "text/html" } });
		assert.equal(notAcceptable.status, 406);
		assert.equal(notAcceptable.headers.get("content-type"), TAXII);
	});

	it("§4.2 API root and §5.1 collections: the seeded default collection", async () => {
		const root = (await (await call("/taxii2/api/")).json()) as Obj;
		assert.ok(Number(root.max_content_length) > 0);
		const { collections } = (await (await call("/taxii2/api/collections/")).json()) as { collections: Obj[] };
		assert.equal(collections.length, 1);
		assert.equal(collections[0]?.can_read, true);
		objectsUrl = `/taxii2/api/collections/${collections[0]?.id}/objects/`;
	});

	it("§5.5 POST an envelope (gzip too) → 202 status; §4.3 the status is kept", async () => {
		const id = `indicator--${randomUUID()}`;
		const response = await post([indicator({ id }), indicator({ id, modified: "2024-02-01T00:00:00.000Z" })]);
		assert.equal(response.status, 202);
		const status = (await response.json()) as Obj;
		assert.equal(status.status, "complete");
		assert.equal(status.success_count, 2);
		const again = await call(`/taxii2/api/status/${status.id}/`);
		assert.deepEqual(await again.json(), status);

		const zipped = await call(objectsUrl, {
			method: "POST",
			headers: { "Content-Type": TAXII, "Content-Encoding": "gzip" },
			body: gzipSync(JSON.stringify({ objects: [indicator()] })),
		});
		assert.equal(zipped.status, 202);

		const versions = (await (await call(`${objectsUrl}${id}/versions/`)).json()) as Obj;
		assert.deepEqual(versions.versions, ["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"]);
	});

	it("§5.5 a bundle is 422 and §3.4 a malformed added_after is 400, both with TAXII bodies", async () => {
		const bundle = await call(objectsUrl, {
			method: "POST",
			headers: { "Content-Type": TAXII },
			body: JSON.stringify({ type: "bundle", id: `bundle--${randomUUID()}`, objects: [indicator()] }),
		});
		assert.equal(bundle.status, 422);
		assert.equal(bundle.headers.get("content-type"), TAXII);
		const badDate = await call(`${objectsUrl}?added_after=last-tuesday`);
		assert.equal(badDate.status, 400);
		assert.equal(((await badDate.json()) as Obj).http_status, "400");
	});

	it("§3.5 paging over HTTP while another client posts never skips nor repeats", async () => {
		const posted = new Set<string>();
		const before = (await (await call(`${objectsUrl}?match[version]=all`)).json()) as { objects?: Obj[] };
		const start = before.objects?.length ?? 0;
		for (let i = 0; i < 3; i++) {
			const batch = Array.from({ length: 4 }, () => indicator());
			for (const o of batch) posted.add(String(o.id));
			await post(batch);
		}
		const seen: string[] = [];
		let next: string | undefined;
		let last = "";
		let round = 0;
		do {
			const query = `?match[version]=all&limit=5${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
			const batch = Array.from({ length: 2 }, () => indicator());
			const [page] = await Promise.all([
				call(`${objectsUrl}${query}`),
				round < 4
					? post(batch).then(() => {
							for (const o of batch) posted.add(String(o.id));
						})
					: undefined,
			]);
			assert.equal(page.status, 200);
			last = String(page.headers.get("x-taxii-date-added-last"));
			assert.match(last, MICROS);
			const body = (await page.json()) as { objects?: Obj[]; next?: string };
			assert.ok((body.objects?.length ?? 0) <= 5);
			seen.push(...(body.objects ?? []).map((o) => `${o.id}@${o.modified}`));
			next = body.next;
			round++;
		} while (next !== undefined);
		const rest = (await (await call(`${objectsUrl}?match[version]=all&added_after=${last}`)).json()) as {
			objects?: Obj[];
		};
		seen.push(...(rest.objects ?? []).map((o) => `${o.id}@${o.modified}`));
		assert.equal(new Set(seen).size, seen.length, "no version repeated");
		const ids = new Set(seen.map((s) => s.split("@")[0]));
		for (const id of posted) assert.ok(ids.has(id), `${id} seen`);
		assert.equal(seen.length, start + posted.size);
	});

	it("§5.7 DELETE then GET is 404 and §5.3 the manifest omits the object", async () => {
		const object = indicator();
		await post([object]);
		assert.equal((await call(`${objectsUrl}${object.id}/`)).status, 200);
		assert.equal((await call(`${objectsUrl}${object.id}/`, { method: "DELETE" })).status, 200);
		assert.equal((await call(`${objectsUrl}${object.id}/`)).status, 404);
		const manifestUrl = objectsUrl.replace(/objects\/$/, "manifest/");
		const manifest = (await (await call(`${manifestUrl}?match[id]=${object.id}`)).json()) as Obj;
		assert.deepEqual(manifest, {});
	});

	it("the server stays responsive while a client streams an oversize body", async () => {
		const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent += chunk.byteLength;
				if (sent > 200 * 1024 * 1024) controller.close();
				else controller.enqueue(chunk);
			},
		});
		const oversize = call(objectsUrl, {
			method: "POST",
			headers: { "Content-Type": TAXII },
			body: stream,
			duplex: "half",
		} as RequestInit).catch((error: unknown) => error);
		const health = await call("/taxii2/");
		assert.equal(health.status, 200);
		const answer = await oversize;
		if (answer instanceof Response) assert.equal(answer.status, 413);
		assert.ok(sent < 150 * 1024 * 1024, `the server read ${sent} bytes before refusing`);
	});
});
