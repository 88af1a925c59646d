// One decoder for every way in: the same bytes meet the same refusal on REST publish and preview, the
// policy PUT and TAXII Add Objects (federation push and handshake: federation-hostile-bytes.test.ts;
// import: src/json/bundle-reader.test.ts), and nothing of a refused body is stored.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALPHA, type ApiNode, openApiNode, POLICY_YAML } from "./support/api-node.ts";

const TAXII = "application/taxii+json;version=2.1";
let node: ApiNode;
before(async () => {
	node = await openApiNode({ seed: false });
});
after(() => node.close());

/** `{"objects":[an indicator whose name is `name`]}` as bytes; `name` is spliced in raw. */
function envelope(n: number, name: Uint8Array): Uint8Array {
	const object = {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--0d0d0d0d-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created_by_ref: ALPHA,
		created: "2025-01-01T00:00:00.000Z",
		modified: "2025-01-01T00:00:00.000Z",
		name: "NAME",
		pattern: "[ipv4-addr:value = '203.0.113.9']",
		pattern_type: "stix",
		valid_from: "2025-01-01T00:00:00Z",
	};
	const [head, tail] = JSON.stringify({ objects: [object] }).split("NAME") as [string, string];
	return Buffer.concat([Buffer.from(head), name, Buffer.from(tail)]);
}

const HOSTILE: [string, Uint8Array][] = [
	["invalid UTF-8 (0xFF)", Buffer.from([0x62, 0xff, 0x64])],
	["an overlong encoding of '/'", Buffer.from([0xc0, 0xaf])],
	["a UTF-8-encoded surrogate", Buffer.from([0xed, 0xa0, 0x80])],
	["a lone surrogate escape", Buffer.from("\\ud800")],
	["a truncated sequence", Buffer.from([0xe2, 0x82])],
];

/** Every way in that reads a body of objects or a policy, with the bytes it sends. */
const PATHS: { name: string; send: (bytes: Uint8Array, n: number) => Promise<Response> }[] = [
	{
		name: "REST publish",
		send: (bytes) => post("/api/v1/objects", bytes, "application/json"),
	},
	{
		name: "REST preview",
		send: (bytes) => post("/api/v1/policy/preview", bytes, "application/json"),
	},
	{
		name: "TAXII Add Objects",
		send: (bytes) => post("/taxii2/api/collections/all/objects/", bytes, TAXII, { accept: TAXII }),
	},
];

function post(path: string, body: Uint8Array, contentType: string, headers: Record<string, string> = {}) {
	return node.request(path, { method: "POST", body, headers: { "content-type": contentType, ...headers } });
}

function put(body: Uint8Array, contentType: string) {
	return node.request("/api/v1/policy", { method: "PUT", body, headers: { "content-type": contentType } });
}

describe("one decoder for every way in", () => {
	for (const [what, bytes] of HOSTILE) {
		it(`refuses ${what} with the same 400 on every path, storing nothing`, async () => {
			const before = (await node.store.stats()).versions;
			for (const [i, path] of PATHS.entries()) {
				const response = await path.send(envelope(100 + i, bytes), 100 + i);
				const text = await response.text();
				assert.equal(response.status, 400, `${path.name}: ${text}`);
				assert.match(text, /E_JSON_UTF8/, path.name);
				assert.match(text, /invalid UTF-8 at byte \d+|lone UTF-16 surrogate/, path.name);
			}
			assert.equal((await node.store.stats()).versions, before, "nothing stored");
			const json = await put(
				Buffer.concat([Buffer.from('{"text":"'), bytes, Buffer.from('"}')]),
				"application/json",
			);
			assert.equal(json.status, 400, "policy PUT as JSON");
			assert.match(await json.text(), /E_JSON_UTF8/);
			// In YAML `\ud800` in a comment is plain text, not an escape: only raw bytes are refused there.
			if (what !== "a lone surrogate escape") {
				const yaml = await put(
					Buffer.concat([Buffer.from(`${POLICY_YAML}# `), bytes, Buffer.from("\n")]),
					"application/yaml",
				);
				assert.equal(yaml.status, 400, "policy PUT as YAML");
				assert.match(await yaml.text(), /E_JSON_UTF8.*invalid UTF-8 at byte \d+/);
			}
			assert.equal(await node.store.getPolicy(), undefined, "no policy stored");
		});
	}

	it("skips a leading byte order mark on every path alike, and refuses one anywhere else", async () => {
		const bom = Buffer.from([0xef, 0xbb, 0xbf]);
		for (const [i, path] of PATHS.entries()) {
			const leading = await path.send(Buffer.concat([bom, envelope(200 + i, Buffer.from("ok"))]), 200 + i);
			assert.ok(leading.status === 200 || leading.status === 202, `${path.name}: ${await leading.text()}`);
			const inner = envelope(210 + i, Buffer.from("ok"));
			const misplaced = await path.send(
				Buffer.concat([inner.subarray(0, 1), bom, inner.subarray(1)]),
				210 + i,
			);
			assert.equal(misplaced.status, 400, `${path.name}: ${await misplaced.text()}`);
		}
		const policy = await put(Buffer.concat([bom, Buffer.from(POLICY_YAML)]), "application/yaml");
		assert.equal(policy.status, 200, await policy.text());
	});
});
