// Authors and tombstones through every way in (D30): a partner — a user of a partner organisation on this
// node (REST publish, TAXII Add Objects) and a partner node (a signed push) — publishes only as itself, and
// may not record again an id another organisation owned before it was deleted. The node's own
// organisations author as any of them, and an originator records its own deleted id again.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { NodeKeyRing } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scratch } from "./support/cli.ts";
import { indicator, TestNode } from "./support/federation-net.ts";
import { pushItems, signedItem, silentPeer } from "./support/peer-voice.ts";

const { dir, remove } = scratch("authority-authors");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");
/** Another partner, hosted by node C (never started: only its party matters). */
const c = new TestNode(dir, "node-c");
/** A second organisation of node A's house. */
const HOUSE = "identity--a2a2a2a2-0000-4000-8000-000000000002";
/** An author nobody here knows (a vendor's identity). */
const VENDOR = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
const TAXII = "application/taxii+json;version=2.1";
let ringB: NodeKeyRing;
let partnerToken = "";
let houseToken = "";

type Item = Record<string, unknown>;
interface Outcome {
	id?: string;
	status: string;
	refused?: boolean;
	reason?: string;
	issues?: { message: string }[];
}

async function restPublish(token: string, objects: readonly Item[]): Promise<Outcome[]> {
	const response = await fetch(`${a.url}/api/v1/objects`, {
		method: "POST",
		headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
		body: JSON.stringify({ objects }),
	});
	const body = (await response.json()) as { results: Outcome[] };
	assert.equal(response.status, 200, JSON.stringify(body));
	return body.results;
}

async function taxiiAdd(
	token: string,
	objects: readonly Item[],
): Promise<{ failures: { id: string; message?: string }[]; successes: { id: string }[] }> {
	const response = await fetch(`${a.url}/taxii2/api/collections/shared/objects/`, {
		method: "POST",
		headers: { accept: TAXII, "content-type": TAXII, authorization: `Bearer ${token}` },
		body: JSON.stringify({ objects }),
	});
	const body = (await response.json()) as {
		failures?: { id: string; message?: string }[];
		successes?: { id: string }[];
	};
	assert.equal(response.status, 202, JSON.stringify(body));
	return { failures: body.failures ?? [], successes: body.successes ?? [] };
}

async function push(items: readonly Item[]): Promise<Outcome[]> {
	return pushItems<Outcome>(a.url, items, ringB);
}

const signed = (object: Item): Item => signedItem(object as StixObject, b.organizationId, ringB);

const said = (outcome: Outcome | undefined): string =>
	[outcome?.reason ?? "", ...(outcome?.issues ?? []).map((issue) => issue.message)].join(" ");

const IMPERSONATION = /names another organisation; a partner publishes only as itself/;

/** A policy at A: A and a second house organisation local, B and C partners, an agreement with each. */
async function applyHousePolicy(): Promise<void> {
	const party = (key: string, id: string, extra: string): string =>
		[
			`  ${key}:`,
			`    id: ${id}`,
			`    name: ${key}`,
			"    sector: cert",
			"    jurisdictions: [GB]",
			`    ${extra}`,
			"    trustTier: 1",
		].join("\n");
	const agreement = (key: string, other: string): string =>
		[
			`  ${key}:`,
			`    name: ${key}`,
			"    kind: bilateral",
			`    parties: [node-a, ${other}]`,
			"    purposes: [network-defence]",
			"    tlpCeiling: amber",
			"    validity: { from: 2020-01-01 }",
		].join("\n");
	const text = [
		"version: 1",
		"node: node-a",
		"parties:",
		party("node-a", a.organizationId, "local: true"),
		party("house-2", HOUSE, "local: true"),
		party("node-b", b.organizationId, "node: node-b"),
		party("node-c", c.organizationId, "node: node-c"),
		"jurisdictions:",
		"  GB:",
		"    name: United Kingdom",
		"agreements:",
		agreement("node-a-node-b", "node-b"),
		agreement("node-a-node-c", "node-c"),
		"",
	].join("\n");
	const file = join(a.data, "policy.yaml");
	writeFileSync(file, text);
	await a.entente("policy", "apply", file);
}

async function addUser(party: string, name: string): Promise<string> {
	const out = await a.entente(
		"users",
		"add",
		"--party",
		party,
		"--name",
		name,
		"--role",
		"analyst",
		"--json",
	);
	return (JSON.parse(out) as { token: string }).token;
}

before(async () => {
	await Promise.all([a.init(), b.init(), c.init()]);
	await applyHousePolicy();
	partnerToken = await addUser(b.organizationId, "mallory");
	houseToken = await addUser(HOUSE, "alice");
	const writers = [a.organizationId, b.organizationId, HOUSE].flatMap((org) => ["--write-org", org]);
	const readers = [a.organizationId, b.organizationId, HOUSE].flatMap((org) => ["--read-org", org]);
	await a.entente("collections", "add", "--title", "Shared", "--alias", "shared", ...readers, ...writers);
	await a.serve();
	ringB = await silentPeer(a, b, "node-a-node-b");
});

after(async () => {
	await a.stop();
	remove();
});

describe("a partner publishes only as itself", () => {
	it("REST publish: created_by_ref of the node's own organisation or of another partner is rejected, nothing stored; itself and an unknown vendor are stored", async () => {
		const results = await restPublish(partnerToken, [
			indicator(1, { createdBy: a.organizationId }),
			indicator(2, { createdBy: HOUSE }),
			indicator(3, { createdBy: c.organizationId }),
			indicator(4, { createdBy: b.organizationId }),
			indicator(5, { createdBy: VENDOR }),
		]);
		assert.deepEqual(
			results.map((r) => r.status),
			["rejected", "rejected", "rejected", "stored", "stored"],
		);
		assert.match(said(results[0]), IMPERSONATION);
		assert.match(said(results[0]), new RegExp(`created_by_ref ${a.organizationId}`));
		assert.match(said(results[2]), new RegExp(`created_by_ref ${c.organizationId}`));
		for (const n of [1, 2, 3]) assert.deepEqual(await a.versions(indicator(n).id as string), []);
		for (const n of [4, 5]) assert.equal((await a.versions(indicator(n).id as string)).length, 1);
	});

	it("TAXII Add Objects: the same posts fail in the status resource with the reason; the others succeed", async () => {
		const { failures, successes } = await taxiiAdd(partnerToken, [
			indicator(11, { createdBy: a.organizationId }),
			indicator(12, { createdBy: c.organizationId }),
			indicator(13, { createdBy: b.organizationId }),
		]);
		assert.deepEqual(
			failures.map((f) => f.id),
			[indicator(11).id, indicator(12).id],
		);
		for (const failure of failures) assert.match(failure.message ?? "", IMPERSONATION);
		assert.deepEqual(
			successes.map((s) => s.id),
			[indicator(13).id],
		);
		for (const n of [11, 12]) assert.deepEqual(await a.versions(indicator(n).id as string), []);
	});

	it("an embedded author counts: a STIX 2.0 observed-data whose observable names the node's organisation is rejected whole", async () => {
		const observed = {
			type: "observed-data",
			id: "observed-data--0b5e0000-0000-4000-8000-000000000001",
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			created_by_ref: b.organizationId,
			first_observed: "2024-01-01T00:00:00Z",
			last_observed: "2024-01-01T00:00:00Z",
			number_observed: 1,
			objects: { "0": { type: "ipv4-addr", value: "198.51.100.77", created_by_ref: a.organizationId } },
		};
		const [rest] = await restPublish(partnerToken, [observed]);
		assert.equal(rest?.status, "rejected", JSON.stringify(rest));
		assert.match(said(rest), /embedded object at \$\.objects\.0\.created_by_ref names/);
		const { failures } = await taxiiAdd(partnerToken, [observed]);
		assert.equal(failures.length, 1);
		assert.deepEqual(await a.versions(observed.id), []);
	});

	it("the house authors as any of its organisations, on REST and TAXII", async () => {
		const results = await restPublish(houseToken, [indicator(21, { createdBy: a.organizationId })]);
		assert.deepEqual(
			results.map((r) => r.status),
			["stored"],
		);
		const { failures } = await taxiiAdd(houseToken, [indicator(22, { createdBy: a.organizationId })]);
		assert.deepEqual(failures, []);
		assert.equal((await a.versions(indicator(22).id as string)).length, 1);
	});
});

describe("a deleted id keeps its owner", () => {
	it("a partner re-creating the originator's deleted id (REST, TAXII, a signed push) stores nothing; the originator records it again", async () => {
		await a.publish([
			indicator(40, { createdBy: a.organizationId }),
			indicator(41, { createdBy: a.organizationId }),
		]);
		await a.remove(indicator(40).id as string);
		await a.remove(indicator(41).id as string);
		const forged = (n: number): Item => indicator(n, { createdBy: b.organizationId, name: "forged" });
		// REST and TAXII read a refusal about an id the poster cannot see as a plain stored (D35): nothing is.
		const [rest] = await restPublish(partnerToken, [forged(40)]);
		assert.notEqual(rest?.status, "rejected");
		await taxiiAdd(partnerToken, [forged(41)]);
		const [pushed] = await push([signed(forged(40))]);
		assert.equal(pushed?.status, "refused", JSON.stringify(pushed));
		assert.match(said(pushed), new RegExp(`belonged to ${a.organizationId} until it was deleted`));
		assert.deepEqual(await a.versions(indicator(40).id as string), []);
		assert.deepEqual(await a.versions(indicator(41).id as string), []);
		// The originator (or its house) records its own deleted id again.
		await a.publish([indicator(40, { createdBy: a.organizationId, name: "again" })]);
		const [house] = await restPublish(houseToken, [indicator(41, { createdBy: HOUSE })]);
		assert.equal(house?.status, "stored");
		assert.deepEqual(
			(await a.versions(indicator(40).id as string)).map((v) => v.name),
			["again"],
		);
		assert.equal((await a.versions(indicator(41).id as string)).length, 1);
	});

	it("a partner's own deleted id is recorded again by that partner", async () => {
		const own = indicator(50, { createdBy: b.organizationId });
		assert.equal((await push([signed(own)]))[0]?.status, "stored");
		assert.equal((await push([{ delete: { id: own.id }, origin: b.organizationId }]))[0]?.status, "deleted");
		assert.equal((await push([signed(own)]))[0]?.status, "stored");
	});
});
