// POST /import/misp (D53): MISP events in, their STIX published as the caller's organisation; a malformed event
// refuses the request whole, stores nothing, and names where and how to fix it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { NCA, openShareNode, type ShareNode } from "#test/support/share-node.ts";
import { sharedData } from "#test/support/shared-data.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { MispImportResult } from "./shapes/index.ts";

let node: ShareNode;
before(async () => {
	node = await openShareNode();
});
after(() => node.close());

const CERT_FR = "5e396a1e-68e4-4db5-8810-ca350aba047c";

describe("POST /import/misp", () => {
	it("stores a real MISP event (CERT-FR's feed) under MISP's ids, as the caller's organisation", async () => {
		const event = JSON.parse(readFileSync(sharedData("misp", "feed-cert-fr", `${CERT_FR}.json`), "utf8"));
		const answer = await node.call("POST", "/api/v1/import/misp", { body: event });
		assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 500));
		const result = MispImportResult.parse(answer.body);
		assert.equal(result.counts.rejected, 0);
		assert.deepEqual(
			result.events.map((one) => [one.uuid, one.attributes]),
			[[CERT_FR, 37]],
		);
		const [grouping] = await node.store.getVersions(`grouping--${CERT_FR}`);
		assert.deepEqual(grouping?.provenance, { organizationId: NCA, source: "api:publish" });
		assert.deepEqual(grouping?.object.object_marking_refs?.[0], TLP2_DEFINITIONS.clear.id);
	});

	it("answers the conversion notes: what was kept another way, per event", async () => {
		const answer = await node.call("POST", "/api/v1/import/misp", {
			body: [
				{
					Event: {
						uuid: "6c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80",
						info: "notes",
						timestamp: "1700000000",
						Attribute: [{ uuid: "7c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", type: "text", value: "free text" }],
					},
				},
			],
		});
		const result = MispImportResult.parse(answer.body);
		assert.deepEqual(result.notes, [
			{
				event: 0,
				path: "Event.Attribute[0] (type 'text')",
				reason: "no STIX 2.1 form for this type or value; kept as an x-misp-attribute",
			},
		]);
	});

	it("refuses the whole request when one event is malformed, naming it, and stores nothing", async () => {
		const good = {
			Event: {
				uuid: "8c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80",
				info: "good",
				timestamp: "1700000000",
				Attribute: [{ uuid: "9c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", type: "domain", value: "good.example" }],
			},
		};
		const bad = {
			Event: {
				...good.Event,
				uuid: "ac9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80",
				Attribute: [{ type: "domain", value: ["a"] }],
			},
		};
		const answer = await node.call("POST", "/api/v1/import/misp", { body: { response: [good, bad] } });
		assert.equal(answer.status, 400);
		assert.equal(answer.body.error_code, "E_MISP_INVALID");
		assert.match(
			String(answer.body.description),
			/^\[1\]\.Event\.Attribute\[0\]\.value: a list where MISP writes a string; give "value" as text/,
		);
		assert.deepEqual(await node.store.getVersions("grouping--8c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80"), []);
	});

	it("refuses what is not MISP, malformed JSON and other media types", async () => {
		const stix = await node.call("POST", "/api/v1/import/misp", { body: { type: "bundle", objects: [] } });
		assert.equal(stix.status, 400);
		assert.match(JSON.stringify(stix.body), /not a MISP event/);
		const broken = await node.call("POST", "/api/v1/import/misp", { body: '{"Event": {' });
		assert.equal(broken.status, 400);
		const yaml = await node.call("POST", "/api/v1/import/misp", {
			body: "Event: {}",
			contentType: "text/yaml",
		});
		assert.equal(yaml.status, 415);
	});
});
