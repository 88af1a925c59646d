// The author rule (D30): a partner publishes only as itself; the house and unknown authors are not restricted.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { openSqliteStore, type Store } from "../store/index.ts";
import { authorRule } from "./author.ts";

const LOCAL_A = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const LOCAL_B = "identity--0a0a0a0a-0000-4000-8000-000000000002";
const PARTNER = "identity--0b0b0b0b-0000-4000-8000-000000000003";
const OTHER = "identity--0b0b0b0b-0000-4000-8000-000000000004";
const HOSTED = "identity--0b0b0b0b-0000-4000-8000-000000000005";
const VENDOR = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";

let store: Store;

describe("authorRule", () => {
	beforeEach(async () => {
		store = await openSqliteStore({ path: ":memory:" });
		const at = "2024-01-01T00:00:00.000Z";
		const org = (id: string, local: boolean) =>
			store.putOrganization({ id, name: id, sectors: [], jurisdictions: [], createdAt: at, local });
		await org(LOCAL_A, true);
		await org(LOCAL_B, true);
		await org(PARTNER, false);
		await org(OTHER, false);
		await store.putPeer({
			name: "node-x",
			kind: "entente",
			url: "http://127.0.0.1:4301",
			keys: [{ kty: "OKP", crv: "Ed25519", x: "x" }],
			parties: [HOSTED],
			agreements: [],
			status: "active",
			createdAt: at,
			updatedAt: at,
		});
	});
	afterEach(async () => {
		await store.close();
	});

	it("refuses a partner's object naming the house, another partner or a peer's party, at the top or embedded", async () => {
		const rule = await authorRule(store, PARTNER);
		for (const author of [LOCAL_A, LOCAL_B, OTHER, HOSTED])
			assert.match(rule({ created_by_ref: author })?.message ?? "", /names another organisation/);
		assert.deepEqual(
			rule({ objects: { "0": { created_by_ref: LOCAL_A } } })?.path,
			"$.objects.0.created_by_ref",
		);
		assert.deepEqual(rule({ x_carried: [{ created_by_ref: OTHER }] })?.path, "$.x_carried[0].created_by_ref");
	});

	it("lets a partner author as itself or as an identity nobody here knows", async () => {
		const rule = await authorRule(store, PARTNER);
		assert.equal(rule({ created_by_ref: PARTNER }), undefined);
		assert.equal(rule({ created_by_ref: VENDOR, objects: { "0": { created_by_ref: VENDOR } } }), undefined);
		assert.equal(rule({}), undefined);
	});

	it("refuses a partner's sighting said to be sighted at another known party; at itself or a stranger it stands", async () => {
		const rule = await authorRule(store, PARTNER);
		const sighting = (where: string[]) => ({
			type: "sighting",
			created_by_ref: PARTNER,
			where_sighted_refs: where,
		});
		const refused = rule(sighting([PARTNER, LOCAL_A]));
		assert.equal(refused?.path, "$.where_sighted_refs[1]");
		assert.match(
			refused?.message ?? "",
			/names identity--0a0a0a0a-.*another organisation; a partner reports only its own sightings/,
		);
		assert.equal(rule(sighting([HOSTED]))?.path, "$.where_sighted_refs[0]");
		assert.equal(rule(sighting([PARTNER, VENDOR])), undefined);
		// Only a sighting says where it was seen: another type's property of that name is not read.
		assert.equal(rule({ type: "x-note", where_sighted_refs: [LOCAL_A] }), undefined);
		assert.equal((await authorRule(store, LOCAL_A))(sighting([LOCAL_B, OTHER])), undefined);
	});

	it("does not restrict the house: it authors as any organisation", async () => {
		const rule = await authorRule(store, LOCAL_B);
		assert.equal(rule({ created_by_ref: LOCAL_A }), undefined);
	});
});
