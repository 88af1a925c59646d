// rejudgePage: a queued page judged again at the moment of delivery (D34), over a real store and gate.
import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { upsertPartyOrganizations } from "../accounts/index.ts";
import { ingest } from "../ingest/index.ts";
import { createLogger } from "../log/index.ts";
import { createGate, type Policy } from "../policy/index.ts";
import { storeGateSources } from "../release/index.ts";
import type { StixObject } from "../stix/core.ts";
import { scoId } from "../stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { type OutboxMessage, openSqliteStore, type PeerRecord, type Store } from "../store/index.ts";
import { NodeKeyRing } from "./crypto/index.ts";
import { feedPeerOnce } from "./outbox-feeder.ts";
import { rejudgePage } from "./send-time.ts";

const A = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const B = "identity--0b0b0b0b-0000-4000-8000-000000000002";
const END = Date.parse("2027-01-01T00:00:00Z");
const GREEN = TLP2_DEFINITIONS.green.id;

const party = (id: string, name: string, local: boolean, status: "active" | "suspended" = "active") => ({
	id,
	name,
	sector: "cert" as const,
	jurisdictions: ["GB"],
	node: local ? "node-a" : "node-b",
	local,
	trustTier: 1,
	clients: [],
	status,
	understands: ["tlp1", "tlp2"] as ("tlp1" | "tlp2")[],
});

function policyOf(
	version: number,
	change: { suspended?: boolean; treatments?: Policy["agreements"][number]["treatments"] } = {},
): Policy {
	return {
		version,
		parties: [party(A, "A", true), party(B, "B", false, change.suspended === true ? "suspended" : "active")],
		jurisdictions: [
			{ code: "GB", name: "GB", members: [], personalData: [], transferRoutes: [], legalBases: [] },
		],
		agreements: [
			{
				id: "a-b",
				name: "A–B",
				kind: "bilateral",
				parties: [A, B],
				communities: [],
				purposes: ["network-defence"],
				tlpCeiling: "amber",
				papCeiling: "red",
				handlingCodes: false,
				onwardSharing: false,
				evidenceUse: false,
				validity: { from: "2020-01-01T00:00:00Z", until: new Date(END).toISOString() },
				treatments: change.treatments ?? [],
			},
		],
		communities: [],
	};
}

const peer: PeerRecord = {
	name: "node-b",
	kind: "entente",
	url: "http://127.0.0.1:1",
	keys: [],
	parties: [B],
	agreements: ["a-b"],
	status: "active",
	createdAt: "2024-01-01T00:00:00Z",
	updatedAt: "2024-01-01T00:00:00Z",
};

const indicator = (n: number): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
	created: "2024-01-01T00:00:00.000Z",
	modified: "2024-01-01T00:00:00.000Z",
	created_by_ref: A,
	pattern: `[domain-name:value = 'c2-${n}.example.com']`,
	pattern_type: "stix",
	valid_from: "2024-01-01T00:00:00Z",
	object_marking_refs: [GREEN],
});
const victim: StixObject = {
	type: "ipv4-addr",
	spec_version: "2.1",
	id: scoId({ type: "ipv4-addr", value: "198.51.100.9" }) as string,
	value: "198.51.100.9",
	object_marking_refs: [GREEN],
	x_entente_role: "victim",
};

describe("a queued page judged again at delivery (D34)", () => {
	let store: Store;
	let now: number;
	let deps: Parameters<typeof rejudgePage>[0];
	let page: OutboxMessage[];

	async function apply(policy: Policy): Promise<void> {
		await store.putPolicy({ text: `policy ${policy.version}`, policy, appliedBy: "test" });
		await upsertPartyOrganizations(store, policy);
	}

	beforeEach(async () => {
		store = await openSqliteStore({ path: ":memory:" });
		now = END - 86_400_000;
		await apply(policyOf(1));
		await store.putPeer(peer);
		const gate = createGate(await storeGateSources(store, { now: () => new Date(now) }));
		const ring = NodeKeyRing.generate(new Date());
		deps = { store, gate, ring: () => ring };
		const report = await ingest(
			store,
			[indicator(1), indicator(2), victim].map((object, index) => ({ index, object })),
			{ provenance: { organizationId: A, source: "test" } },
		);
		assert.equal(report.counts.rejected, 0);
		await feedPeerOnce(
			{ store, gate, logger: createLogger("silent"), ring: deps.ring, batchSize: 100 },
			peer,
		);
		page = await store.readOutbox(peer.name, 100);
		assert.equal(page.length, 3, "all three queued for B");
	});

	it("sends a page unchanged, byte for byte, when nothing changed", async () => {
		const judged = await rejudgePage(deps, peer, page);
		assert.deepEqual(judged, { send: page, withdrawn: 0, replaced: 0 });
		await store.close();
	});

	it("drops an object deleted since it was queued, and keeps a deletion message", async () => {
		await store.deleteObject(indicator(1).id);
		const deletion: OutboxMessage = { ...(page[1] as OutboxMessage), kind: "delete", seq: 99, payload: "{}" };
		const judged = await rejudgePage(deps, peer, [...page, deletion]);
		assert.equal(judged.withdrawn, 1);
		assert.deepEqual(
			judged.send.map((m) => m.seq),
			[page[1]?.seq, page[2]?.seq, 99],
		);
		await store.close();
	});

	it("drops everything queued for a party suspended since", async () => {
		await apply(policyOf(2, { suspended: true }));
		const judged = await rejudgePage(deps, peer, page);
		assert.deepEqual(judged.send, []);
		assert.equal(judged.withdrawn, 3);
		await store.close();
	});

	it("drops what the agreement allowed once it has ended, at its end instant", async () => {
		now = END - 1;
		assert.equal((await rejudgePage(deps, peer, page)).withdrawn, 0);
		now = END;
		assert.equal((await rejudgePage(deps, peer, page)).withdrawn, 3, "GREEN reached B only by the agreement");
		await store.close();
	});

	it("re-makes a copy the gate now releases differently: never the raw value once pseudonymisation is required", async () => {
		await apply(
			policyOf(2, { treatments: [{ objectType: "ipv4-addr", role: "victim", treatment: "pseudonymise" }] }),
		);
		const judged = await rejudgePage(deps, peer, page);
		assert.equal(judged.replaced, 1);
		assert.equal(judged.withdrawn, 0);
		const remade = judged.send.find((m) => m.storedId === victim.id);
		assert.ok(remade !== undefined);
		assert.ok(!remade.payload.includes("198.51.100.9"), "the raw value is not sent");
		assert.notEqual(remade.objectId, victim.id, "sent under its derived id");
		assert.match(remade.payload, /"provenance":\{"protected":"[^"]+","signature":"[^"]+"/, "signed again");
		await store.close();
	});
});
