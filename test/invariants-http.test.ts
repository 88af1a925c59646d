// The invariants (D37) at every exit of a real node whose gate is deliberately broken (it releases everything,
// as stored): TAXII, REST, `export --as` and the federation publisher let nothing out above a recipient's
// ceilings; each stopped release is an incident that `entente incidents` lists and /metrics counts.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { createUser, upsertPartyOrganizations } from "../src/accounts/index.ts";
import { writeBundle } from "../src/cli/commands/export.ts";
import { loadKeyRing } from "../src/federation/index.ts";
import { itemsForPeer } from "../src/federation/publish.ts";
import { ingest } from "../src/ingest/index.ts";
import { initNode, type OpenNode, openNode, type RunningServer, startServer } from "../src/main.ts";
import { type EgressGate, parsePolicyFile } from "../src/policy/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { TLP2_DEFINITIONS as TLP } from "../src/stix/markings/index.ts";
import type { PeerRecord } from "../src/store/index.ts";
import { storeTaxiiRepository } from "../src/taxii/server/repository.ts";
import { entente, scratch } from "./support/cli.ts";

const TAXII = "application/taxii+json;version=2.1";
const H3 = "marking-definition--2534fb03-d285-492f-9eb5-9e482335aecf";
const BANK = "identity--3d177db3-a221-47a9-a23b-f8bfc4078e65";
const FBI = "identity--6a1f4a55-3c1e-4f0e-9d6b-5b2d1c7e0f11";
const COLLECTION = "0c4b6a3e-5b1d-4d6e-8f1a-2a3b4c5d6e7f";

/** A gate that releases every version to everyone, as stored: what the invariants must stop on their own. */
const brokenGate = (): EgressGate => ({
	releasePage: async (_viewer, versions) => versions.map((version) => version.object),
	release: async (_viewer, version) => version.object,
	explain: async () => ({ verdict: "full", treatments: [], addMarkings: [], trace: [] }),
	preview: async () => [],
});

function policyText(home: string): string {
	return `version: 1
node: here
parties:
  home: { id: ${home}, name: Home CERT, sector: cert, jurisdictions: [NL], local: true, trustTier: 1 }
  bank: { id: ${BANK}, name: Example Bank, sector: private, jurisdictions: [NL], node: bank-node, trustTier: 2 }
  fbi: { id: ${FBI}, name: US FBI, sector: law-enforcement, jurisdictions: [US], node: fbi-node, trustTier: 1 }
jurisdictions:
  EU:
    name: European Union
    members: [NL]
    personalData: [{ objectType: ipv4-addr, role: victim, treatment: pseudonymise }]
  NL: { name: Netherlands }
  US: { name: United States }
agreements:
  home-bank: { name: Home–Bank, kind: bilateral, parties: [home, bank], purposes: [network-defence], tlpCeiling: amber, validity: { from: 2020-01-01 } }
  home-fbi: { name: Home–FBI, kind: bilateral, parties: [home, fbi], purposes: [network-defence], tlpCeiling: red, validity: { from: 2020-01-01 } }
`;
}

let serial = 0;
function indicator(canary: string, markings: string[]): StixObject {
	serial++;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--6f0c2b8e-1d3a-4c5b-9e7f-${String(serial).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		name: canary,
		pattern: `[domain-name:value = '${canary.toLowerCase()}.example']`,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		object_marking_refs: markings,
	};
}

const OBJECTS = {
	amberStrict: indicator("CANARY-AMBER-STRICT", [TLP["amber+strict"].id]),
	redUnnamed: indicator("CANARY-RED", [TLP.red.id]),
	h3: indicator("CANARY-H3", [TLP.green.id, H3]),
	amber: indicator("AMBER-FOR-PARTNERS", [TLP.amber.id]),
	green: indicator("GREEN-FOR-PARTNERS", [TLP.green.id]),
	victim: {
		type: "ipv4-addr",
		spec_version: "2.1",
		id: "ipv4-addr--2f6f7d0e-6d4a-5a53-b7b6-9ab1c1e0c0a1",
		value: "198.51.100.77",
		object_marking_refs: [TLP.green.id],
		x_entente_role: "victim",
	} as StixObject,
};
/** A TLP:GREEN report naming the RED object and the victim's address: its references are secrets too. */
const REPORT: StixObject = {
	type: "report",
	spec_version: "2.1",
	id: "report--6f0c2b8e-1d3a-4c5b-9e7f-0000000000aa",
	created: "2026-01-01T00:00:00.000Z",
	modified: "2026-01-01T00:00:00.000Z",
	name: "CANARY-REPORT",
	published: "2026-01-01T00:00:00Z",
	object_refs: [OBJECTS.redUnnamed.id, OBJECTS.victim.id, OBJECTS.green.id],
	object_marking_refs: [TLP.green.id],
};
/** What must never reach the FBI (US: no transfer route for victim IPs; RED not naming it; H3). */
const SECRETS_FOR_FBI = [
	"CANARY-REPORT",
	"CANARY-RED",
	"CANARY-H3",
	"198.51.100.77",
	OBJECTS.redUnnamed.id,
	OBJECTS.h3.id,
	OBJECTS.victim.id,
];
/** What must never reach the bank (AMBER ceiling; RED; H3). */
const SECRETS_FOR_BANK = [
	"CANARY-REPORT",
	"CANARY-AMBER-STRICT",
	"CANARY-RED",
	"CANARY-H3",
	OBJECTS.amberStrict.id,
	OBJECTS.redUnnamed.id,
];

describe("invariants at every exit of a node whose gate releases everything", () => {
	const dir = scratch("invariants");
	let node: OpenNode;
	let server: RunningServer;
	let adminToken = "";
	const tokens = new Map<string, string>();

	before(async () => {
		const init = await initNode({ dataDir: dir.dir, nodeName: "here", organization: { name: "Home CERT" } });
		adminToken = init.adminToken;
		node = await openNode({ dataDir: dir.dir, port: 0, logLevel: "silent" }, { gate: brokenGate });
		const text = policyText(init.organizationId);
		const parsed = parsePolicyFile(text, "policy.yaml", { nodeName: "here" });
		assert.ok(parsed.ok, JSON.stringify(parsed.ok ? [] : parsed.errors));
		await node.store.putPolicy({ text, policy: parsed.policy, appliedBy: "test" });
		await upsertPartyOrganizations(node.store, parsed.policy);
		for (const party of [BANK, FBI])
			tokens.set(
				party,
				(await createUser(node.store, { organizationId: party, name: party, role: "analyst" })).token,
			);
		const repository = storeTaxiiRepository(node.store, "here", () => Date.now() * 1000);
		await repository.putCollection({
			id: COLLECTION,
			alias: "all",
			title: "everything",
			filter: {},
			read: { organizations: [init.organizationId, BANK, FBI] },
			write: { organizations: [init.organizationId], roles: ["admin", "analyst"] },
		});
		const report = await ingest(
			node.store,
			[...Object.values(OBJECTS), REPORT].map((object, index) => ({ index, object })),
			{ provenance: { organizationId: init.organizationId, source: "test" } },
		);
		assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
		server = await startServer(node);
		await server.indexReady;
	});

	after(async () => {
		await server?.close();
		await node?.close();
		dir.remove();
	});

	const get = async (path: string, party: string): Promise<string> => {
		const response = await fetch(`${server.url}${path}`, {
			headers: { Accept: TAXII, Authorization: `Bearer ${tokens.get(party)}` },
		});
		return `${response.status} ${await response.text()}`;
	};

	/** Every body a partner can read about the stored objects, by exit. */
	async function bodiesFor(party: string): Promise<[string, string][]> {
		const taxii = `/taxii2/api/collections/${COLLECTION}`;
		const bodies: [string, string][] = [
			["TAXII objects", await get(`${taxii}/objects/?match[version]=all`, party)],
			["TAXII manifest", await get(`${taxii}/manifest/?match[version]=all`, party)],
			["REST objects", await get("/api/v1/objects?limit=200", party)],
			["REST search", await get("/api/v1/objects?limit=200&q=CANARY", party)],
			["REST autocomplete", await get("/api/v1/autocomplete?prefix=198.51", party)],
		];
		for (const object of [...Object.values(OBJECTS), REPORT]) {
			bodies.push([
				`REST referrers ${object.id}`,
				await get(`/api/v1/objects/${object.id}/referrers`, party),
			]);
			bodies.push([`TAXII object ${object.id}`, await get(`${taxii}/objects/${object.id}/`, party)]);
			bodies.push([
				`TAXII versions ${object.id}`,
				await get(`${taxii}/objects/${object.id}/versions/`, party),
			]);
			bodies.push([`REST object ${object.id}`, await get(`/api/v1/objects/${object.id}`, party)]);
			bodies.push([`REST versions ${object.id}`, await get(`/api/v1/objects/${object.id}/versions`, party)]);
		}
		const chunks: string[] = [];
		await writeBundle(
			node.store,
			{ versions: ["all"] },
			new Writable({
				write(chunk, _encoding, done) {
					chunks.push(String(chunk));
					done();
				},
			}),
			(versions) =>
				node.gate.releasePage({ partyId: party, userId: "cli", purpose: "network-defence" }, versions),
		);
		bodies.push(["export --as", chunks.join("")]);
		const peer: PeerRecord = {
			name: `${party}-node`,
			kind: "entente",
			url: "http://127.0.0.1:1",
			keys: [],
			parties: [party],
			agreements: [],
			status: "active",
			createdAt: "2026-01-01T00:00:00Z",
			updatedAt: "2026-01-01T00:00:00Z",
		};
		const page = await node.store.query({ versions: ["all"], limit: 100 });
		const { items } = await itemsForPeer(
			{
				gate: node.gate,
				ring: loadKeyRing(dir.dir),
				local: new Set([(await node.store.listOrganizations()).find((o) => o.local !== false)?.id ?? ""]),
				known: new Set([BANK, FBI]),
				purpose: "network-defence",
			},
			peer,
			page.items,
		);
		bodies.push(["federation push", JSON.stringify(items.filter((item) => item !== undefined))]);
		return bodies;
	}

	it("lets nothing above a partner's ceilings out of TAXII, REST, export or federation, and what is allowed still goes", async () => {
		for (const [party, secrets, allowed] of [
			[FBI, SECRETS_FOR_FBI, ["AMBER-FOR-PARTNERS", "GREEN-FOR-PARTNERS", "CANARY-AMBER-STRICT"]],
			[BANK, SECRETS_FOR_BANK, ["AMBER-FOR-PARTNERS", "GREEN-FOR-PARTNERS", "198.51.100.77"]],
		] as const) {
			const bodies = await bodiesFor(party);
			for (const [where, body] of bodies)
				for (const secret of secrets)
					assert.ok(!body.includes(secret), `${where} to ${party} contains ${secret}`);
			// The broken gate really releases: what the invariants allow reaches the party on each listing exit.
			for (const [where, body] of bodies.filter(([w]) =>
				["TAXII objects", "REST objects", "export --as", "federation push"].includes(w),
			))
				for (const value of allowed) assert.ok(body.includes(value), `${where} to ${party} lacks ${value}`);
		}
		// A withheld object answers as a missing one, byte for byte.
		const missing = await get(
			"/taxii2/api/collections/0c4b6a3e-5b1d-4d6e-8f1a-2a3b4c5d6e7f/objects/indicator--00000000-0000-4000-8000-000000000000/",
			FBI,
		);
		const withheld = await get(
			`/taxii2/api/collections/0c4b6a3e-5b1d-4d6e-8f1a-2a3b4c5d6e7f/objects/${OBJECTS.redUnnamed.id}/`,
			FBI,
		);
		assert.equal(withheld, missing);
	});

	it("`policy apply` says which invariant a file turns off, and why", async () => {
		const file = `${dir.dir}/off.yaml`;
		const home = (await node.store.listOrganizations()).find((o) => o.local !== false)?.id ?? "";
		writeFileSync(file, `${policyText(home)}invariants:\n  h3-inline: { off: "court order 7" }\n`);
		const applied = await entente(["policy", "apply", file, "--dry-run", "--data", dir.dir]);
		assert.equal(applied.code, 0, applied.stderr);
		assert.match(applied.stderr, /warning: invariant h3-inline is OFF in this policy: court order 7/);
	});

	it("records each stopped release: `entente incidents` lists them, /metrics counts them per invariant", async () => {
		const listed = await entente(["incidents", "--data", dir.dir, "--json", "--limit", "1000"]);
		assert.equal(listed.code, 0, listed.stderr);
		const { incidents, counts } = JSON.parse(listed.stdout) as {
			incidents: { invariant: string; objectId: string; partyId: string }[];
			counts: Record<string, number>;
		};
		const seen = (invariant: string, objectId: string, partyId: string) =>
			incidents.some((i) => i.invariant === invariant && i.objectId === objectId && i.partyId === partyId);
		assert.ok(seen("tlp-ceiling", OBJECTS.amberStrict.id, BANK));
		assert.ok(seen("red-named", OBJECTS.redUnnamed.id, FBI));
		assert.ok(seen("victim-transfer", OBJECTS.victim.id, FBI));
		assert.ok(seen("h3-inline", OBJECTS.h3.id, BANK));
		const table = await entente(["incidents", "--data", dir.dir, "--limit", "3"]);
		assert.match(table.stdout, /invariant\s+object\s+recipient/);
		assert.equal(table.stdout.trim().split("\n").length, 5, table.stdout);

		const metrics = await fetch(`${server.url}/metrics`, {
			headers: { Authorization: `Bearer ${adminToken}` },
		});
		const text = await metrics.text();
		for (const invariant of ["tlp-ceiling", "red-named", "victim-transfer", "h3-inline"]) {
			const line = text.match(
				new RegExp(`^entente_invariant_violations_total\\{invariant="${invariant}"\\} (\\d+)$`, "m"),
			);
			assert.ok(line !== null, `no ${invariant} line in /metrics`);
			assert.equal(Number(line[1]), counts[invariant], invariant);
			assert.ok(Number(line[1]) > 0, invariant);
		}
	});
});
