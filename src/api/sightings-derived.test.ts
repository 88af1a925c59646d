// Sightings under the node's own gate (the reference scenario): a partner that receives a victim's address only
// pseudonymised (D29) sees the sightings of it under the id it holds, never the address or its stored id.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { partyNamed, scenarioPolicy } from "#test/fixtures/reference-scenario-policy.ts";
import { buildTestNode, type TestNode } from "#test/support/test-node.ts";
import { sampleIntel } from "../demo/index.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";

const VICTIM = "ipv4-addr--653fed73-b6e7-53e9-accb-dfbe1af908b2";

describe("sightings of a pseudonymised observable", () => {
	let node: TestNode;
	before(async () => {
		const policy = scenarioPolicy();
		const nca = partyNamed(policy, "UK National Crime");
		const bank = partyNamed(policy, "Example Bank");
		node = await buildTestNode({
			nodeName: "uk-nca-node",
			policy,
			users: {
				nca: { organizationId: nca, name: "nina", role: "analyst" },
				bank: { organizationId: bank, name: "bob", role: "reader" },
			},
		});
		await node.ingest(sampleIntel("uk-nca", nca), nca);
		const response = await node.request("/api/v1/sightings", {
			as: node.user("nca"),
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({
				sighting_of_ref: VICTIM,
				kind: "seen",
				count: 2,
				object_marking_refs: [TLP2_DEFINITIONS.green.id],
				audience: "markings",
			}),
		});
		assert.equal(response.status, 200, await response.text());
	});
	after(() => node.close());

	it("the bank counts the sighting under its pseudonym's id; the stored id answers 404 as a missing one", async () => {
		const bank = node.user("bank");
		const listed = await node.request("/api/v1/objects?type=ipv4-addr&limit=200", { as: bank });
		const { items } = (await listed.json()) as { items: { object: { id: string; value: string } }[] };
		const pseudonym = items.find((item) => item.object.value !== "192.0.2.45" && item.object.id !== VICTIM);
		assert.ok(pseudonym !== undefined, JSON.stringify(items.map((i) => i.object.value)));
		const derived = pseudonym.object.id;
		const answer = await node.request(`/api/v1/objects/${derived}/sightings`, { as: bank });
		const text = await answer.text();
		assert.equal(answer.status, 200, text);
		const body = JSON.parse(text) as { kinds: { seen: { count: number } }; organisations: { id: string }[] };
		assert.equal(body.kinds.seen.count, 2);
		assert.doesNotMatch(text, /192\.0\.2\.45|653fed73/);
		const stored = await node.request(`/api/v1/objects/${VICTIM}/sightings`, { as: bank });
		const missing = await node.request(
			"/api/v1/objects/ipv4-addr--00000000-0000-5000-8000-000000000000/sightings",
			{
				as: bank,
			},
		);
		assert.deepEqual([stored.status, await stored.text()], [missing.status, await missing.text()]);
	});
});
