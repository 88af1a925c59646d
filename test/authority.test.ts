// Authority over objects through every way in (D30): a partner — a user of a partner organisation on this
// node (REST publish, TAXII Add Objects) and a partner node (a signed push) — may not redefine a marking,
// re-post a pinned TLP id, version or revoke another organisation's object, or delete it; and a forged
// version that slipped in never blocks the originator's deletion.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { NodeKeyRing } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { IEP_EXTENSION_ID, TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { openSqliteStore } from "../src/store/index.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, indicator, TestNode } from "./support/federation-net.ts";
import { pushItems, signedItem, silentPeer } from "./support/peer-voice.ts";

const { dir, remove } = scratch("authority");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");
const TAXII = "application/taxii+json;version=2.1";
let ringB: NodeKeyRing;
/** A user of B's organisation on node A (a partner party's analyst). */
let partnerToken = "";

type Item = Record<string, unknown>;
interface Outcome {
	status: string;
	refused?: boolean;
	reason?: string;
	issues?: { message: string }[];
}

const IEP_ID = "marking-definition--1e9e0000-0000-4000-8000-000000000001";
function iep(created: string, tlp: string): Item {
	return {
		type: "marking-definition",
		spec_version: "2.1",
		id: IEP_ID,
		created,
		name: "IEP: node A's victims",
		extensions: {
			[IEP_EXTENSION_ID]: {
				extension_type: "property-extension",
				name: "victims",
				iep_version: "2.0",
				end_date: null,
				encrypt_in_transit: "must",
				permitted_actions: "internally-visible-actions",
				affected_party_notifications: "must-not",
				tlp,
				attribution: "must-not",
				unmodified_resale: "must-not",
			},
		},
	};
}

/** TLP:RED's pinned id with TLP:CLEAR's content. */
const redAsClear: Item = {
	...TLP2_DEFINITIONS.red,
	name: "TLP:CLEAR",
	extensions: {
		"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
			extension_type: "property-extension",
			tlp_2_0: "clear",
		},
	},
};

async function restPublish(objects: readonly Item[]): Promise<Outcome[]> {
	const response = await fetch(`${a.url}/api/v1/objects`, {
		method: "POST",
		headers: { "content-type": "application/json", authorization: `Bearer ${partnerToken}` },
		body: JSON.stringify({ objects }),
	});
	const body = (await response.json()) as { results: Outcome[] };
	assert.equal(response.status, 200, JSON.stringify(body));
	return body.results;
}

async function taxiiAdd(objects: readonly Item[]): Promise<{ failures: { id: string; message?: string }[] }> {
	const response = await fetch(`${a.url}/taxii2/api/collections/shared/objects/`, {
		method: "POST",
		headers: { accept: TAXII, "content-type": TAXII, authorization: `Bearer ${partnerToken}` },
		body: JSON.stringify({ objects }),
	});
	const body = (await response.json()) as { failures?: { id: string; message?: string }[] };
	assert.equal(response.status, 202, JSON.stringify(body));
	return { failures: body.failures ?? [] };
}

/** Pushes items to A as node B (B's own key): what a hostile partner node does. */
async function push(items: readonly Item[]): Promise<Outcome[]> {
	return pushItems<Outcome>(a.url, items, ringB);
}

const signed = (object: Item): Item => signedItem(object as StixObject, b.organizationId, ringB);

const said = (outcome: Outcome | undefined): string =>
	[outcome?.reason ?? "", ...(outcome?.issues ?? []).map((issue) => issue.message)].join(" ");

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await applyPolicy(a, [a, b], [[a, b]]);
	const user = JSON.parse(
		await a.entente(
			"users",
			"add",
			"--party",
			b.organizationId,
			"--name",
			"mallory",
			"--role",
			"analyst",
			"--json",
		),
	) as { token: string };
	partnerToken = user.token;
	await a.entente(
		"collections",
		"add",
		"--title",
		"Shared",
		"--alias",
		"shared",
		"--read-org",
		a.organizationId,
		"--read-org",
		b.organizationId,
		"--write-org",
		a.organizationId,
		"--write-org",
		b.organizationId,
	);
	await a.serve();
	ringB = await silentPeer(a, b, "node-a-node-b");
	// A's own intelligence: an IEP (TLP red) and two indicators, one of them marked with it.
	await a.publish([
		iep("2024-01-01T00:00:00.000Z", "red"),
		indicator(1, { createdBy: a.organizationId }),
		{ ...indicator(2), object_marking_refs: [IEP_ID] },
	]);
});

after(async () => {
	await a.stop();
	remove();
});

describe("a partner may not rewrite another organisation's intelligence", () => {
	it("REST publish: TLP:RED's id as CLEAR is rejected; A's IEP as white, a version and a revocation of A's indicator are quarantined", async () => {
		const results = await restPublish([
			redAsClear,
			iep("2025-01-01T00:00:00.000Z", "white"),
			indicator(1, { modified: "2025-01-01T00:00:00.000Z", name: "benign after all" }),
			{ ...indicator(1, { modified: "2025-02-01T00:00:00.000Z" }), revoked: true },
		]);
		assert.deepEqual(
			results.map((r) => [r.status, r.refused ?? false]),
			[
				["rejected", false],
				["quarantined", true],
				["quarantined", true],
				["quarantined", true],
			],
		);
		assert.match(said(results[0]), /TLP:RED's fixed id/);
		assert.match(said(results[1]), /never versioned/);
		for (const result of results.slice(2))
			assert.match(
				said(result),
				new RegExp(`belongs to ${a.organizationId}; ${b.organizationId} may not version it`),
			);
	});

	it("TAXII Add Objects: the same attacks fail in the status resource, each with its reason", async () => {
		const { failures } = await taxiiAdd([
			redAsClear,
			iep("2025-03-01T00:00:00.000Z", "white"),
			indicator(1, { modified: "2025-03-01T00:00:00.000Z", name: "benign after all" }),
			{ ...indicator(1, { modified: "2025-04-01T00:00:00.000Z" }), revoked: true },
		]);
		assert.equal(failures.length, 4, JSON.stringify(failures));
		assert.match(failures[0]?.message ?? "", /TLP:RED's fixed id/);
		assert.match(failures[1]?.message ?? "", /never versioned/);
		assert.match(failures[2]?.message ?? "", /may not version it/);
		assert.match(failures[3]?.message ?? "", /may not version it/);
	});

	it("a signed federation push: the same attacks are refused or quarantined, with the reason", async () => {
		const results = await push([
			signed(redAsClear),
			signed(iep("2025-05-01T00:00:00.000Z", "white")),
			signed(indicator(1, { modified: "2025-05-01T00:00:00.000Z", name: "benign after all" })),
			signed({ ...indicator(1, { modified: "2025-06-01T00:00:00.000Z" }), revoked: true }),
			{ delete: { id: indicator(1).id }, origin: b.organizationId },
		]);
		assert.deepEqual(
			results.map((r) => r.status),
			["refused", "refused", "refused", "refused", "refused"],
		);
		assert.match(results[0]?.reason ?? "", /TLP:RED's fixed id/);
		assert.match(results[1]?.reason ?? "", /never versioned/);
		assert.match(results[2]?.reason ?? "", /may not version it/);
		assert.match(results[4]?.reason ?? "", /only its originator deletes it/);
	});

	it("after every attack, A holds exactly what it published: one IEP (red), its indicator unrevoked, TLP:RED absent", async () => {
		const definitions = await a.versions(IEP_ID);
		assert.equal(definitions.length, 1);
		const extensions = (definitions[0]?.extensions ?? {}) as Record<string, { tlp: string }>;
		const extension = extensions[IEP_EXTENSION_ID];
		assert.equal(extension?.tlp, "red");
		const versions = await a.versions(indicator(1).id as string);
		assert.deepEqual(
			versions.map((v) => [v.modified, v.revoked ?? false]),
			[["2024-01-01T00:00:00.000Z", false]],
		);
		assert.deepEqual(await a.versions(TLP2_DEFINITIONS.red.id), []);
	});
});

describe("the originator's deletion", () => {
	it("removes every version, a forged one that slipped in before D30 included", async () => {
		const own = indicator(30, { createdBy: b.organizationId });
		assert.deepEqual(
			(await push([signed(own)])).map((r) => r.status),
			["stored"],
		);
		// A store written before D30 may hold another organisation's version: put it as such a store would.
		await a.stop();
		const store = await openSqliteStore({ path: join(a.data, "entente.db") });
		await store.putVersions([
			{
				object: { ...indicator(30, { modified: "2025-01-01T00:00:00.000Z", name: "forged" }) } as StixObject,
				provenance: { organizationId: a.organizationId, source: "api:publish" },
			},
		]);
		await store.close();
		await a.serve();
		assert.equal((await a.versions(own.id as string)).length, 2);
		const [deleted] = await push([{ delete: { id: own.id }, origin: b.organizationId }]);
		assert.equal(deleted?.status, "deleted", JSON.stringify(deleted));
		assert.deepEqual(await a.versions(own.id as string), []);
	});
});
