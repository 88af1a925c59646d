// D31 regressions: an observable has no single owner. A partner that posts a value first does not capture it:
// the originator's later, stricter statement of the same value is stored beside it, reads back to the
// originator as it stated it, and reaches nobody else; each statement goes out under its own terms only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { partyNamed, SCENARIO_NODE, scenarioPolicy } from "./fixtures/reference-scenario-policy.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const ROOT = "/taxii2/api/collections/all";
const STIX = "application/taxii+json;version=2.1";
const CLEAR = TLP2_DEFINITIONS.clear.id;
const RED = TLP2_DEFINITIONS.red.id;
const PURPOSE = "criminal-investigation";

const POLICY = scenarioPolicy();
const partyOf = (prefix: string): string => partyNamed(POLICY, prefix);
const NCA = partyOf("UK National Crime");
const FBI = partyOf("US Federal");
const NL = partyOf("Dutch");
const UNI = partyOf("Example University");

function ip(value: string, marking: string, extra: Record<string, unknown> = {}): StixObject {
	const body = { type: "ipv4-addr", spec_version: "2.1", value };
	return { ...body, id: scoId(body), object_marking_refs: [marking], ...extra } as StixObject;
}

async function post(node: ScenarioNode, party: string, objects: readonly StixObject[]) {
	const response = await node.request(`${ROOT}/objects/`, party, {
		method: "POST",
		headers: { "Content-Type": STIX },
		body: JSON.stringify({ objects }),
	});
	assert.equal(response.status, 202, await response.clone().text());
	return (await response.json()) as { success_count: number; failure_count: number; failures?: unknown[] };
}

const objectsOf = (text: string): StixObject[] =>
	(JSON.parse(text) as { objects?: StixObject[] }).objects ?? [];

describe("observables have no single owner (D31)", () => {
	let node: ScenarioNode;
	// FBI states the address first, TLP:CLEAR; NCA then states it TLP:RED as a victim's.
	const partner = ip("198.51.100.31", CLEAR);
	const originator = ip("198.51.100.31", RED, { x_entente_role: "victim" });

	before(async () => {
		node = await openScenarioNode({ nodeName: SCENARIO_NODE, parties: POLICY });
		await node.applyPolicy(POLICY, "reference scenario");
		for (const [party, object] of [
			[FBI, partner],
			[NCA, originator],
		] as const) {
			const status = await post(node, party, [object]);
			assert.equal(status.success_count, 1, JSON.stringify(status));
		}
	});
	after(() => node?.close());

	it("stores the originator's statement beside the partner's: nothing quarantined", async () => {
		assert.deepEqual(await node.store.listQuarantine(10), []);
		const statements = await node.store.getVersions(partner.id, ["all"]);
		assert.deepEqual(
			statements.map((v) => [v.provenance.organizationId, v.object.object_marking_refs]),
			[
				[FBI, [CLEAR]],
				[NCA, [RED]],
			],
		);
	});

	for (const [route, path] of [
		["TAXII object", (id: string) => `${ROOT}/objects/${id}/`],
		["TAXII objects", (id: string) => `${ROOT}/objects/?match[id]=${id}`],
		["TAXII all versions", (id: string) => `${ROOT}/objects/?match[id]=${id}&match[version]=all`],
		["TAXII first version", (id: string) => `${ROOT}/objects/?match[id]=${id}&match[version]=first`],
		["REST object", (id: string) => `/api/v1/objects/${id}`],
	] as const) {
		it(`${route}: the originator reads its own RED victim statement back, once`, async () => {
			const read = await node.get(path(partner.id), NCA, PURPOSE);
			assert.equal(read.status, 200, read.text);
			const objects =
				route === "REST object"
					? [(JSON.parse(read.text) as { object: StixObject }).object]
					: objectsOf(read.text);
			assert.equal(objects.length, 1, read.text);
			assert.deepEqual(objects[0]?.object_marking_refs, [RED]);
			assert.equal(objects[0]?.x_entente_role, "victim");
		});

		it(`${route}: a party entitled to the partner's statement only receives it, and nothing of the originator's`, async () => {
			const read = await node.get(path(partner.id), NL, PURPOSE);
			assert.equal(read.status, 200, read.text);
			assert.doesNotMatch(read.text, new RegExp(`${RED}|victim|x_entente_role`));
			const objects =
				route === "REST object"
					? [(JSON.parse(read.text) as { object: StixObject }).object]
					: objectsOf(read.text);
			assert.equal(objects.length, 1, read.text);
			// The partner's statement as it stated it, with what the agreement adds (a PAP marking).
			const { object_marking_refs: markings, ...rest } = objects[0] ?? {};
			const { object_marking_refs: _, ...stated } = partner;
			assert.deepEqual(rest, stated);
			assert.ok(Array.isArray(markings) && markings.includes(CLEAR), read.text);
		});

		it(`${route}: a party entitled to neither statement gets the answer for a missing object`, async () => {
			// The university may receive neither for this purpose (no agreement covers it).
			const absent = ip("198.51.100.39", CLEAR).id;
			const hidden = await node.get(path(partner.id), UNI, PURPOSE);
			const missing = await node.get(path(absent), UNI, PURPOSE);
			assert.equal(hidden.status, missing.status);
			assert.equal(hidden.text, missing.text.replaceAll(absent, partner.id));
		});
	}

	it("manifest and versions name one version per party, which match[version] finds again", async () => {
		for (const [party, marking] of [
			[NCA, RED],
			[NL, CLEAR],
		] as const) {
			const versions = await node.get(`${ROOT}/objects/${partner.id}/versions/`, party, PURPOSE);
			const list = (JSON.parse(versions.text) as { versions: string[] }).versions;
			assert.equal(list.length, 1, versions.text);
			const version = list[0] ?? "";
			assert.match(version, /^\d{4}-\d{2}-\d{2}T/);
			const manifest = await node.get(`${ROOT}/manifest/?match[id]=${partner.id}`, party, PURPOSE);
			assert.deepEqual(
				(JSON.parse(manifest.text) as { objects: { version: string }[] }).objects.map((m) => m.version),
				[version],
			);
			const exact = await node.get(
				`${ROOT}/objects/?match[id]=${partner.id}&match[version]=${version}`,
				party,
				PURPOSE,
			);
			assert.deepEqual(
				objectsOf(exact.text).map((o) => (o.object_marking_refs as string[] | undefined)?.[0]),
				[marking],
			);
		}
	});

	it("a party's own statement reads back the same whether or not the node held the value hidden from it", async () => {
		// NCA holds one value RED; nobody holds the other. NL then publishes both, TLP:CLEAR.
		const held = ip("198.51.100.33", CLEAR);
		const fresh = ip("198.51.100.34", CLEAR);
		assert.equal(
			(await post(node, NCA, [ip("198.51.100.33", RED, { x_entente_role: "victim" })])).success_count,
			1,
		);
		const answers: string[] = [];
		for (const object of [held, fresh]) {
			const status = await post(node, NL, [object]);
			const read = await node.get(`${ROOT}/objects/${object.id}/`, NL, PURPOSE);
			answers.push(
				`${JSON.stringify({ ...status, id: undefined, request_timestamp: undefined })} ${read.status} ${read.text}`
					.replaceAll(object.id, "ID")
					.replaceAll(String(object.value), "VALUE")
					// A statement's version is when the poster's own statement was stored (D57): its time, not the other's.
					.replace(/"version":"[^"]+"/g, '"version":"VERSION"'),
			);
		}
		assert.equal(answers[0], answers[1]);
		assert.doesNotMatch(answers[0] ?? "", new RegExp(`${RED}|victim`));
	});

	it("a contributor's delete removes its own statement only, answered as for a value nobody else stated", async () => {
		const shared = ip("198.51.100.35", CLEAR);
		const alone = ip("198.51.100.36", CLEAR);
		assert.equal(
			(await post(node, NCA, [ip("198.51.100.35", RED, { x_entente_role: "victim" })])).success_count,
			1,
		);
		const answers: string[] = [];
		for (const object of [shared, alone]) {
			await post(node, NL, [object]);
			const removed = await node.request(`${ROOT}/objects/${object.id}/`, NL, { method: "DELETE" });
			const after = await node.get(`${ROOT}/objects/${object.id}/`, NL, PURPOSE);
			answers.push(
				`${removed.status} ${await removed.text()} ${after.status} ${after.text}`.replaceAll(object.id, "ID"),
			);
		}
		assert.equal(answers[0], answers[1]);
		assert.match(answers[0] ?? "", /^200 .* 404 /);
		// The originator's statement stays, and reads back to it as it stated it.
		const kept = await node.get(`${ROOT}/objects/${shared.id}/`, NCA, PURPOSE);
		assert.deepEqual(
			objectsOf(kept.text).map((o) => [(o.object_marking_refs as string[])[0], o.x_entente_role]),
			[[RED, "victim"]],
		);
	});

	it("a page of every observable carries each id once per party, and no RED statement to a partner", async () => {
		for (const party of [NCA, FBI, NL, UNI]) {
			const page = await node.get(`${ROOT}/objects/?match[type]=ipv4-addr`, party, PURPOSE);
			const ids = objectsOf(page.text).map((o) => o.id);
			assert.equal(new Set(ids).size, ids.length, page.text);
			if (party !== NCA) assert.doesNotMatch(page.text, new RegExp(`${RED}|victim`));
		}
	});
});
