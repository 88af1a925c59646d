// Ingest's authority over objects (D30): marking definitions are never versioned, pinned marking ids keep
// their meaning, and only the originator (or, for the node's own organisations, the house) versions an object.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import { IEP_EXTENSION_ID, TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { openSqliteStore, type Store } from "../store/index.ts";
import { ingest } from "./ingest.ts";
import type { ObjectResult } from "./report.ts";

const LOCAL_A = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const LOCAL_B = "identity--0a0a0a0a-0000-4000-8000-000000000002";
const PARTNER = "identity--0b0b0b0b-0000-4000-8000-000000000003";
const IEP_ID = "marking-definition--0d0d0d0d-0000-4000-8000-000000000004";

let store: Store;

async function post(objects: readonly unknown[], organizationId: string): Promise<ObjectResult[]> {
	const results: ObjectResult[] = [];
	await ingest(
		store,
		objects.map((object, index) => ({ index, object })),
		{ provenance: { organizationId, source: "test" }, onCommitted: (done) => results.push(...done) },
	);
	return results.sort((a, b) => a.index - b.index);
}

function indicator(modified: string, extra: Partial<StixObject> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: "indicator--11111111-0000-4000-8000-000000000001",
		created: "2024-01-01T00:00:00.000Z",
		modified,
		pattern: "[ipv4-addr:value = '198.51.100.7']",
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00Z",
		...extra,
	};
}

function iep(created: string, tlp: string): StixObject {
	return {
		type: "marking-definition",
		spec_version: "2.1",
		id: IEP_ID,
		created,
		name: "IEP of the bank",
		extensions: {
			[IEP_EXTENSION_ID]: {
				extension_type: "property-extension",
				name: "bank",
				iep_version: "2.0",
				end_date: null,
				encrypt_in_transit: "must",
				permitted_actions: "internally-visible-actions",
				affected_party_notifications: "may",
				tlp,
				attribution: "must-not",
				unmodified_resale: "must-not",
			},
		},
	};
}

describe("ingest: authority over objects", () => {
	beforeEach(async () => {
		store = await openSqliteStore({ path: ":memory:" });
		const at = "2024-01-01T00:00:00.000Z";
		await store.putOrganization({ id: LOCAL_A, name: "A", sectors: [], jurisdictions: [], createdAt: at });
		await store.putOrganization({ id: LOCAL_B, name: "B", sectors: [], jurisdictions: [], createdAt: at });
		await store.putOrganization({
			id: PARTNER,
			name: "P",
			sectors: [],
			jurisdictions: [],
			createdAt: at,
			local: false,
		});
	});
	afterEach(async () => {
		await store.close();
	});

	it("refuses a partner's version or revocation of another organisation's object, naming the owner", async () => {
		await post([indicator("2024-01-01T00:00:00.000Z")], LOCAL_A);
		const [forged, revoked] = await post(
			[
				indicator("2024-02-01T00:00:00.000Z", { name: "benign" }),
				indicator("2024-03-01T00:00:00.000Z", { revoked: true }),
			],
			PARTNER,
		);
		for (const result of [forged, revoked]) {
			assert.equal(result?.status, "quarantined");
			assert.match(result?.reason ?? "", new RegExp(`belongs to ${LOCAL_A}; ${PARTNER} may not version it`));
		}
		const versions = await store.getVersions(indicator("").id);
		assert.equal(versions.length, 1);
		assert.equal(versions[0]?.object.revoked, undefined);
	});

	it("refuses a partner's version that names the owner in created_by_ref: the first recorder owns the id", async () => {
		await post([indicator("2024-01-01T00:00:00.000Z")], LOCAL_A);
		const [forged] = await post(
			[indicator("2024-02-01T00:00:00.000Z", { created_by_ref: PARTNER, name: "mine now" })],
			PARTNER,
		);
		assert.equal(forged?.status, "quarantined");
	});

	it("lets the node's own organisations version each other's objects, and the originator its own", async () => {
		await post([indicator("2024-01-01T00:00:00.000Z")], LOCAL_A);
		const [byB] = await post([indicator("2024-02-01T00:00:00.000Z")], LOCAL_B);
		assert.equal(byB?.status, "stored");
		await post(
			[indicator("2024-01-01T00:00:00.000Z", { id: "indicator--22222222-0000-4000-8000-000000000002" })],
			PARTNER,
		);
		const [own] = await post(
			[indicator("2024-02-01T00:00:00.000Z", { id: "indicator--22222222-0000-4000-8000-000000000002" })],
			PARTNER,
		);
		assert.equal(own?.status, "stored");
		// A partner's object is the partner's: the node's own organisations do not version it either.
		const [local] = await post(
			[indicator("2024-03-01T00:00:00.000Z", { id: "indicator--22222222-0000-4000-8000-000000000002" })],
			LOCAL_A,
		);
		assert.equal(local?.status, "quarantined");
	});

	it("applies no ownership to observables", async () => {
		const ip = {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
			value: "198.51.100.3",
		};
		await post([ip], LOCAL_A);
		const [again] = await post([{ ...ip, object_marking_refs: [TLP2_DEFINITIONS.clear.id] }], PARTNER);
		assert.notEqual(again?.status, "rejected");
		assert.doesNotMatch(again?.reason ?? "", /may not version/);
	});

	it("never versions a marking definition: another IEP under the id is refused, from anyone; the same one is a duplicate", async () => {
		const [original] = await post([iep("2024-01-01T00:00:00.000Z", "red")], LOCAL_A);
		assert.equal(original?.status, "stored");
		const [white] = await post([iep("2025-01-01T00:00:00.000Z", "white")], PARTNER);
		const [byOwner] = await post([iep("2025-01-01T00:00:00.000Z", "amber")], LOCAL_A);
		const [same] = await post([iep("2024-01-01T00:00:00.000Z", "red")], PARTNER);
		assert.equal(white?.status, "quarantined");
		assert.match(white?.reason ?? "", /never versioned/);
		assert.equal(byOwner?.status, "quarantined");
		assert.equal(same?.status, "duplicate");
		const versions = await store.getVersions(IEP_ID);
		assert.equal(versions.length, 1);
	});

	it("refuses other content under a pinned TLP id, in either form; the canonical definitions are duplicates", async () => {
		const red = TLP2_DEFINITIONS.red;
		const forms = [
			{
				...red,
				name: "TLP:CLEAR",
				extensions: {
					[Object.keys(red.extensions ?? {})[0] as string]: {
						extension_type: "property-extension",
						tlp_2_0: "clear",
					},
				},
			},
			{ ...red, created: "2026-01-01T00:00:00.000Z" },
			{
				type: "marking-definition",
				spec_version: "2.1",
				id: red.id,
				created: red.created,
				definition_type: "tlp",
				definition: { tlp: "red" },
				name: "TLP:RED",
			},
			{ ...TLP1_DEFINITIONS.red, definition: { tlp: "white" }, name: "TLP:WHITE" },
			{
				type: "marking-definition",
				spec_version: "2.1",
				id: TLP1_DEFINITIONS.amber.id,
				created: "2017-01-20T00:00:00.000Z",
				definition_type: "statement",
				definition: { statement: "free for all" },
			},
		];
		const refused = await post(forms, PARTNER);
		for (const result of refused) {
			assert.equal(result.status, "rejected", JSON.stringify(result));
			// The validator knows some forms already (a TLP 1.0 object under a TLP 2.0 id); the rest name the fixed id.
			const said = [result.reason ?? "", ...(result.issues ?? []).map((issue) => issue.message)].join(" ");
			assert.match(
				said,
				/fixed id: only the specification.s definition|the TLP:\w+ marking definition has id/,
				said,
			);
		}
		const canonical = await post([red, TLP1_DEFINITIONS.white], PARTNER);
		assert.deepEqual(
			canonical.map((r) => r.status),
			["stored", "stored"],
		);
		const again = await post([{ ...red }, JSON.parse(JSON.stringify(TLP1_DEFINITIONS.white))], LOCAL_A);
		assert.deepEqual(
			again.map((r) => r.status),
			["duplicate", "duplicate"],
		);
		assert.equal((await store.getVersions(red.id)).length, 1);
	});
});
