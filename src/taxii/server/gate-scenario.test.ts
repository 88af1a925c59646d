// TAXII through the egress gate with the reference scenario applied to uk-nca-node: who sees what, and 403 ≡ 404.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import {
	type Client,
	indicator,
	json,
	openTaxiiNode,
	ROOT,
	type TaxiiNode,
} from "#test/support/taxii-node.ts";
import { createUser, upsertPartyOrganizations } from "../../accounts/index.ts";
import { parsePolicyFile } from "../../policy/index.ts";
import { TLP2_DEFINITIONS } from "../../stix/markings/index.ts";

const SCENARIO = resolve(
	import.meta.dirname,
	"..",
	"..",
	"..",
	"examples",
	"policy",
	"reference-scenario.yaml",
);
const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const BANK = "identity--3d177db3-a221-47a9-a23b-f8bfc4078e65";
const UNI = "identity--d7ebb227-b33b-467f-b263-8a4ccbdd1bf4";

let node: TaxiiNode;
const as: Record<string, Client> = {};
const amber = indicator({ created_by_ref: NCA, object_marking_refs: [TLP2_DEFINITIONS.amber.id] });
const red = indicator({ created_by_ref: NCA, object_marking_refs: [TLP2_DEFINITIONS.red.id] });
const MISSING = "indicator--00000000-0000-4000-8000-00000000beef";

before(async () => {
	node = await openTaxiiNode();
	const parsed = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	await node.store.putPolicy({ text: "scenario", policy: parsed.policy, appliedBy: "test" });
	await upsertPartyOrganizations(node.store, parsed.policy);
	for (const [name, party] of Object.entries({ nca: NCA, fbi: FBI, bank: BANK, uni: UNI })) {
		const { user, token } = await createUser(node.store, { organizationId: party, name, role: "reader" });
		as[name] = { user, token };
	}
	await node.defineCollections([
		{
			...node.defaultCollection,
			read: { organizations: [NCA, FBI, BANK, UNI] },
		},
	]);
	await node.seed([amber, red], as.nca);
});
after(() => node.close());

const objectsOf = async (who: string, purpose = "criminal-investigation") =>
	((
		await json(
			await node.request(`${ROOT}/collections/all/objects/`, {
				as: as[who] ?? null,
				headers: { "X-Entente-Purpose": purpose },
			}),
		)
	).objects ?? []) as { id: string }[];

describe("TAXII through the egress gate (reference scenario)", () => {
	it("an NCA TLP:AMBER object reaches the FBI and the bank, not the university; RED stays with NCA", async () => {
		const ids = (list: { id: string }[]) => list.map((o) => o.id).sort();
		assert.deepEqual(ids(await objectsOf("nca")), [amber.id, red.id].sort() as string[]);
		assert.deepEqual(ids(await objectsOf("fbi")), [amber.id]);
		assert.deepEqual(ids(await objectsOf("bank", "network-defence")), [amber.id]);
		assert.deepEqual(ids(await objectsOf("uni", "research")), []);
	});

	it("an unknown purpose is refused with the list of purposes", async () => {
		const response = await node.request(`${ROOT}/collections/all/objects/`, {
			as: as.fbi ?? null,
			headers: { "X-Entente-Purpose": "curiosity" },
		});
		assert.equal(response.status, 400);
	});

	for (const path of ["objects/ID/", "objects/ID/versions/", "manifest/?match[id]=ID"]) {
		it(`a hidden object and a missing one answer byte-identically: ${path}`, async () => {
			const get = async (id: string) => {
				const response = await node.request(`${ROOT}/collections/all/${path.replace("ID", id)}`, {
					as: as.fbi ?? null,
				});
				return { status: response.status, body: await response.text() };
			};
			assert.deepEqual(await get(String(red.id)), await get(MISSING));
		});
	}

	it("manifest and date-added headers cover released items only", async () => {
		const response = await node.request(`${ROOT}/collections/all/manifest/`, { as: as.fbi ?? null });
		const body = await json(response);
		const entries = body.objects as { id: string; date_added: string }[];
		assert.deepEqual(
			entries.map((e) => e.id),
			[amber.id],
		);
		assert.equal(response.headers.get("X-TAXII-Date-Added-Last"), entries[0]?.date_added);
	});
});
