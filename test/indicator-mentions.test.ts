// D19 regressions: an indicator fetched without the observables its pattern names (one object over TAXII and
// REST, an export of indicators only) never carries a value the recipient may not receive as it is.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { partyNamed, SCENARIO_NODE, scenarioPolicy } from "./fixtures/reference-scenario-policy.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const ROOT = "/taxii2/api/collections/all";
const TIME = "2025-05-01T00:00:00.000Z";
const CLEAR = TLP2_DEFINITIONS.clear.id;
const RED = TLP2_DEFINITIONS.red.id;

const POLICY = scenarioPolicy();
const partyOf = (prefix: string): string => partyNamed(POLICY, prefix);
// GB has no transfer route to CO: NCA's victim IPs and e-mail addresses reach the Colombian police pseudonymised.
const CO = partyOf("Colombian");

function observable(type: string, value: string, marking = CLEAR, role = "victim"): StixObject {
	const body = { type, spec_version: "2.1", value };
	return { ...body, id: scoId(body), object_marking_refs: [marking], x_entente_role: role } as StixObject;
}

function indicator(n: number, pattern: string, extra: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--d1900000-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created: TIME,
		modified: TIME,
		name: `indicator ${n}`,
		pattern,
		pattern_type: "stix",
		valid_from: TIME,
		object_marking_refs: [CLEAR],
		...extra,
	} as StixObject;
}

const victimIp = observable("ipv4-addr", "198.51.100.71");
const victimMail = observable("email-addr", "alice.d19@example.org");
const redIp = observable("ipv4-addr", "198.51.100.72", RED);
const held = indicator(1, `[ipv4-addr:value = '198.51.100.71']`);
const viaReference = indicator(2, `[email-message:to_refs[*].value = 'alice.d19@example.org']`);
const ofHidden = indicator(3, `[ipv4-addr:value = '198.51.100.72']`);
const unheld = indicator(4, `[ipv4-addr:value = '198.51.100.73']`);
const attacker = indicator(5, `[ipv4-addr:value = '198.51.100.74']`, { x_entente_role: "attacker" });
const c2 = indicator(6, `[ipv4-addr:value = '198.51.100.75']`, { indicator_types: ["malicious-activity"] });
const INDICATORS = [held, viaReference, ofHidden, unheld, attacker, c2];

const PURPOSE = "criminal-investigation";

async function openNode(): Promise<ScenarioNode> {
	const node = await openScenarioNode({ nodeName: SCENARIO_NODE, parties: POLICY, writers: [NCA] });
	await node.applyPolicy(POLICY, "reference scenario");
	await node.ingest([victimIp, victimMail, redIp, ...INDICATORS], NCA);
	return node;
}

describe("indicators released without the observables their patterns name (D19)", () => {
	let node: ScenarioNode;
	/** The pseudonym the Colombian police receive for the victim IP, fetched on its own. */
	let pseudonym: string;
	before(async () => {
		node = await openNode();
		const ip = await node.get(`${ROOT}/objects/${victimIp.id}/`, CO, PURPOSE);
		const [released] = (JSON.parse(ip.text) as { objects: StixObject[] }).objects;
		pseudonym = String(released?.value);
		assert.notEqual(
			pseudonym,
			victimIp.value,
			"the reference scenario pseudonymises NCA's victim IPs for CO",
		);
	});
	after(() => node.close());

	const patternOver = async (path: string, id: string): Promise<string | undefined> => {
		const answer = await node.get(path, CO, PURPOSE);
		if (answer.status === 404) return undefined;
		assert.equal(answer.status, 200, answer.text);
		const json = JSON.parse(answer.text) as { objects?: StixObject[]; object?: StixObject } & StixObject;
		const object = json.objects?.find((o) => o.id === id) ?? json.object ?? json;
		return String(object.pattern);
	};

	for (const [path, name] of [
		[(id: string) => `${ROOT}/objects/${id}/`, "TAXII GET objects/{id}/"],
		[(id: string) => `/api/v1/objects/${id}`, "REST GET objects/{id}"],
	] as const) {
		it(`${name}: a held victim IP in the pattern becomes the pseudonym its observable gets`, async () => {
			const pattern = await patternOver(path(held.id), held.id);
			assert.equal(pattern, `[ipv4-addr:value = '${pseudonym}']`);
		});

		it(`${name}: a victim e-mail reached through to_refs is pseudonymised`, async () => {
			const pattern = await patternOver(path(viaReference.id), viaReference.id);
			assert.ok(pattern !== undefined && !pattern.includes(String(victimMail.value)), pattern);
		});

		it(`${name}: an indicator naming an observable the party may not receive is withheld`, async () => {
			assert.equal(await patternOver(path(ofHidden.id), ofHidden.id), undefined);
		});

		it(`${name}: a value the node does not hold is treated as playing any role a rule names`, async () => {
			const pattern = await patternOver(path(unheld.id), unheld.id);
			assert.ok(pattern !== undefined && !pattern.includes("198.51.100.73"), pattern);
			assert.match(pattern, /^\[ipv4-addr:value = '2[45]\d\.\d+\.\d+\.\d+'\]$/);
		});

		it(`${name}: an indicator declaring its values' role is judged by it`, async () => {
			assert.equal(await patternOver(path(attacker.id), attacker.id), attacker.pattern);
		});

		it(`${name}: a malicious-activity indicator names values the node does not hold in no role`, async () => {
			assert.equal(await patternOver(path(c2.id), c2.id), c2.pattern);
		});
	}

	it("export --as of indicators only rewrites or withholds every indicator as a single GET does", async () => {
		const { objects } = await node.exportAs(CO, { types: ["indicator"] }, PURPOSE);
		const exported = new Map(objects.map((o) => [o.id, String(o.pattern)]));
		assert.equal(exported.get(held.id), `[ipv4-addr:value = '${pseudonym}']`);
		assert.ok(!exported.get(viaReference.id)?.includes(String(victimMail.value)));
		assert.equal(exported.has(ofHidden.id), false);
		assert.ok(!exported.get(unheld.id)?.includes("198.51.100.73"));
		assert.equal(exported.get(attacker.id), attacker.pattern);
	});

	it("a party entitled to the observables in full receives the indicator as it is", async () => {
		const local = await node.gate.release(
			{ partyId: NCA, userId: "test", purpose: PURPOSE },
			(await node.store.getVersions(held.id, ["last"]))[0] ?? assert.fail("not stored"),
		);
		assert.equal(local?.pattern, held.pattern);
	});
});
