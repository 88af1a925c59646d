// The MISP feed out through the egress gate (reference scenario on uk-nca-node): what a user may not receive is in
// no manifest entry, no event file and no hashes.csv line; the feed revalidates with its ETag.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Client, indicator, openTaxiiNode, type TaxiiNode } from "#test/support/taxii-node.ts";
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
const UNI = "identity--d7ebb227-b33b-467f-b263-8a4ccbdd1bf4";
const COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
const FEED = `/misp-feed/${COLLECTION}`;
const created = "2024-01-01T00:00:00.000Z";

let node: TaxiiNode;
const as: Record<string, Client> = {};
const amber = indicator({
	created_by_ref: NCA,
	object_marking_refs: [TLP2_DEFINITIONS.amber.id],
	pattern: "[domain-name:value = 'amber.example']",
});
const red = indicator({
	created_by_ref: NCA,
	object_marking_refs: [TLP2_DEFINITIONS.red.id],
	pattern: "[domain-name:value = 'red-secret.example']",
});
const redReport = {
	type: "report",
	spec_version: "2.1",
	id: "report--5d2c8f4e-9b1a-4c3d-8e7f-6a5b4c3d2e1f",
	created,
	modified: created,
	published: created,
	name: "Operation Red Secret",
	created_by_ref: NCA,
	object_marking_refs: [TLP2_DEFINITIONS.red.id],
	object_refs: [red.id],
};
const uuidOf = (id: unknown) => String(id).split("--")[1] ?? "";
const md5 = (value: string) => createHash("md5").update(value).digest("hex");

before(async () => {
	node = await openTaxiiNode();
	const parsed = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	await node.store.putPolicy({ text: "scenario", policy: parsed.policy, appliedBy: "test" });
	await upsertPartyOrganizations(node.store, parsed.policy);
	for (const [name, party] of Object.entries({ nca: NCA, fbi: FBI, uni: UNI })) {
		const { user, token } = await createUser(node.store, { organizationId: party, name, role: "reader" });
		as[name] = { user, token };
	}
	await node.defineCollections([
		{ ...node.defaultCollection, id: COLLECTION, alias: "all", read: { organizations: [NCA, FBI, UNI] } },
	]);
	await node.seed([amber, red, redReport], as.nca);
});
after(() => node.close());

const get = (who: string | null, path: string, headers: Record<string, string> = {}) =>
	node.request(path, {
		as: who === null ? null : (as[who] ?? null),
		headers: { Accept: "*/*", "X-Entente-Purpose": "criminal-investigation", ...headers },
	});

/** Everything a user's feed sends: manifest, each event file, hashes.csv, as one text. */
async function wholeFeed(who: string): Promise<{ manifest: Record<string, { info: string }>; text: string }> {
	const manifestResponse = await get(who, `${FEED}/manifest.json`);
	assert.equal(manifestResponse.status, 200);
	const manifestText = await manifestResponse.text();
	const manifest = JSON.parse(manifestText) as Record<string, { info: string }>;
	let text = manifestText;
	for (const uuid of Object.keys(manifest)) {
		const event = await get(who, `${FEED}/${uuid}.json`);
		assert.equal(event.status, 200);
		text += await event.text();
	}
	text += await (await get(who, `${FEED}/hashes.csv`)).text();
	return { manifest, text };
}

describe("MISP feed out, through the egress gate", () => {
	it("the originator's feed holds both indicators and the red report as its event", async () => {
		const { manifest, text } = await wholeFeed("nca");
		assert.equal(manifest[uuidOf(redReport.id)]?.info, "Operation Red Secret");
		assert.match(text, /red-secret\.example/);
		assert.ok(text.includes(`${md5("amber.example")},`));
	});

	it("a user who may not receive an object never sees it: not in the manifest, an event or hashes.csv", async () => {
		const { manifest, text } = await wholeFeed("fbi");
		assert.equal(manifest[uuidOf(redReport.id)], undefined);
		for (const secret of [
			uuidOf(red.id),
			uuidOf(redReport.id),
			"red-secret.example",
			md5("red-secret.example"),
			"Operation Red Secret",
		]) {
			assert.ok(!text.includes(secret), `${secret} leaked`);
		}
		assert.ok(text.includes(uuidOf(amber.id)));
		assert.ok(text.includes(`${md5("amber.example")},`));
		const event = Object.keys(manifest)[0] ?? "";
		const body = (await (await get("fbi", `${FEED}/${event}.json`)).json()) as {
			Event: { Attribute: { uuid: string; Tag: { name: string }[] }[] };
		};
		assert.equal(body.Event.Attribute[0]?.uuid, uuidOf(amber.id));
		// The copy as released: its markings as tags (the policy may add some, as PAP here).
		assert.ok(body.Event.Attribute[0]?.Tag.some((tag: { name: string }) => tag.name === "tlp:amber"));
	});

	it("a hidden event answers exactly like a missing one, and a user who receives nothing gets an empty manifest", async () => {
		const hidden = await get("fbi", `${FEED}/${uuidOf(redReport.id)}.json`);
		const missing = await get("fbi", `${FEED}/00000000-0000-4000-8000-000000000000.json`);
		assert.equal(hidden.status, 404);
		assert.deepEqual(await hidden.text(), await missing.text());
		assert.deepEqual(
			await (await get("uni", `${FEED}/manifest.json`, { "X-Entente-Purpose": "research" })).json(),
			{},
		);
	});

	it("asks for a token, and hides collections the user may not read", async () => {
		const anonymous = await get(null, `${FEED}/manifest.json`);
		assert.equal(anonymous.status, 401);
		assert.equal(
			((await anonymous.json()) as { error_code: string }).error_code,
			"E_MISP_FEED_UNAUTHENTICATED",
		);
		assert.equal((await get("fbi", "/misp-feed/no-such-collection/manifest.json")).status, 404);
		assert.equal((await get("fbi", "/misp-feed/all/manifest.json")).status, 200);
	});

	it("revalidates: the same feed answers 304 to its ETag and to a later If-Modified-Since", async () => {
		const first = await get("fbi", `${FEED}/manifest.json`);
		const etag = first.headers.get("etag") ?? "";
		assert.match(etag, /^".+"$/);
		assert.equal(first.headers.get("cache-control"), "private, no-cache");
		assert.equal((await get("fbi", `${FEED}/manifest.json`, { "If-None-Match": etag })).status, 304);
		const lastModified = first.headers.get("last-modified") ?? "";
		assert.equal(
			(await get("fbi", `${FEED}/manifest.json`, { "If-Modified-Since": lastModified })).status,
			304,
		);
		// Another user's feed is another representation: the ETag differs.
		assert.notEqual((await get("nca", `${FEED}/manifest.json`)).headers.get("etag"), etag);
	});
});
