// The quarantine routes (D65): who may review, each kind recorded from its REST entrance, the held and the stored
// side by side, and decisions that never let a partner version what it does not own.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FBI, indicator, openShareNode, type ShareNode } from "#test/support/share-node.ts";
import { QuarantineDecided, QuarantineEntry, QuarantineList } from "./shapes/index.ts";

let node: ShareNode;
before(async () => {
	node = await openShareNode();
});
after(() => node.close());

const asAdmin = (method: "GET" | "POST", path: string, body?: unknown) =>
	node.call(method, path, { token: node.adminToken, ...(body === undefined ? {} : { body }) });

async function publish(objects: unknown[], token = node.analystToken): Promise<string[]> {
	const answer = await node.call("POST", "/api/v1/objects", { body: { objects }, token });
	assert.equal(answer.status, 200, JSON.stringify(answer.body));
	return (answer.body.results as { status: string }[]).map((result) => result.status);
}

async function list(query: string): Promise<QuarantineList> {
	const answer = await asAdmin("GET", `/api/v1/quarantine?${query}`);
	assert.equal(answer.status, 200, JSON.stringify(answer.body));
	return QuarantineList.parse(answer.body);
}

async function only(query: string): Promise<QuarantineList["items"][number]> {
	const { items } = await list(query);
	assert.equal(items.length, 1, JSON.stringify(items));
	return items[0] as QuarantineList["items"][number];
}

/** `entente_quarantined_versions` as /metrics says it to a local admin. */
async function quarantinedMetric(): Promise<number> {
	const response = await node.request("/metrics", {
		headers: { authorization: `Bearer ${node.adminToken}` },
	});
	assert.equal(response.status, 200);
	const line = (await response.text())
		.split("\n")
		.find((row) => row.startsWith("entente_quarantined_versions "));
	return Number(line?.split(" ")[1]);
}

/** The FBI's copy of an NCA indicator: authored by the FBI, as a partner may only publish as itself. */
function asFbi(n: number, fields: Record<string, unknown>): Record<string, unknown> {
	return { ...indicator(n, fields), created_by_ref: FBI };
}

describe("the quarantine is the node's own administrators' to review", () => {
	it("answers 403 to an analyst, a reader and a partner's user", async () => {
		for (const token of [node.analystToken, node.readerToken, node.fbiToken]) {
			const answer = await node.call("GET", "/api/v1/quarantine", { token });
			assert.equal(answer.status, 403);
			assert.equal(answer.body.error_code, "E_API_DENIED");
			const decide = await node.call("POST", "/api/v1/quarantine/1/reject", { token, body: {} });
			assert.equal(decide.status, 403);
		}
	});

	it("refuses a malformed filter and an unknown item", async () => {
		assert.equal((await asAdmin("GET", "/api/v1/quarantine?kind=bogus")).status, 400);
		const missing = await asAdmin("GET", "/api/v1/quarantine/999999");
		assert.equal(missing.status, 404);
		assert.equal(missing.body.error_code, "E_QUARANTINE_NOT_FOUND");
		assert.equal((await asAdmin("POST", "/api/v1/quarantine/999999/accept", {})).status, 404);
	});
});

describe("what REST publishing sets aside is listed with its reason and sender", () => {
	it("an object that failed validation, held with its raw body", async () => {
		const broken = { ...indicator(80), pattern: "[ipv4-addr:value = ]" };
		assert.deepEqual(await publish([broken]), ["rejected"]);
		const held = await only(`kind=invalid&source=api:publish`);
		assert.equal(held.objectId, broken.id);
		assert.match(held.reason, /expected a constant/);
		const entry = QuarantineEntry.parse((await asAdmin("GET", `/api/v1/quarantine/${held.id}`)).body);
		assert.equal((entry.held as { pattern: string }).pattern, "[ipv4-addr:value = ]");
		assert.equal(entry.stored, null);
		// Accepting re-validates: still invalid, so it stays held.
		const accept = await asAdmin("POST", `/api/v1/quarantine/${held.id}/accept`, {});
		assert.equal(accept.status, 409);
		assert.equal(accept.body.error_code, "E_QUARANTINE_NOT_ACCEPTABLE");
		assert.equal((await only("kind=invalid")).state, "held");
	});

	it("a same-version conflict by the owner: side by side, and accepted it replaces the stored version", async () => {
		assert.deepEqual(await publish([indicator(81)]), ["stored"]);
		assert.deepEqual(await publish([indicator(81, { name: "Compromised host 81 (corrected)" })]), [
			"quarantined",
		]);
		const held = await only("kind=conflict&state=held");
		const entry = QuarantineEntry.parse((await asAdmin("GET", `/api/v1/quarantine/${held.id}`)).body);
		assert.deepEqual(entry.differing, ["name"]);
		assert.equal(entry.stored?.object.name, "Compromised host 81");
		assert.equal((entry.held as { name: string }).name, "Compromised host 81 (corrected)");
		const answer = await asAdmin("POST", `/api/v1/quarantine/${held.id}/accept`, { note: "the fix" });
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		const decided = QuarantineDecided.parse(answer.body);
		assert.equal(decided.item.state, "accepted");
		assert.equal(decided.stored?.status, "stored");
		const versions = await node.store.getVersions(indicator(81).id);
		assert.deepEqual(
			versions.map((v) => v.object.name),
			["Compromised host 81 (corrected)"],
		);
		const after = QuarantineEntry.parse((await asAdmin("GET", `/api/v1/quarantine/${held.id}`)).body);
		assert.deepEqual(
			after.actions.map((a) => [a.action, a.note, a.state]),
			[["accept", "the fix", "accepted"]],
		);
		assert.ok(after.actions[0]?.by);
		const again = await asAdmin("POST", `/api/v1/quarantine/${held.id}/reject`, {});
		assert.equal(again.status, 409);
		assert.equal(again.body.error_code, "E_QUARANTINE_DECIDED");
		// The decision is in the audit trail (D66), once: the refused second one is not.
		const trail = await asAdmin("GET", "/api/v1/audit?action=quarantine");
		const entries = (trail.body as { entries: { action: string; target: string; summary: string }[] })
			.entries;
		assert.deepEqual(
			entries.map((e) => [e.action, e.target]),
			[["quarantine.accept", indicator(81).id]],
		);
		assert.match(entries[0]?.summary ?? "", /^accept quarantine item \d+ \(conflict, from .*\): the fix$/);
	});
});

describe("each kind of version set aside is listed from its REST entrance", () => {
	it("a marking definition's other content and another value under an observable's id", async () => {
		const statement = {
			type: "marking-definition",
			spec_version: "2.1",
			id: "marking-definition--5a4e0000-0000-4000-8000-0000000000d1",
			created: "2025-06-01T00:00:00.000Z",
			definition_type: "statement",
			definition: { statement: "Copyright NCA" },
		};
		assert.deepEqual(await publish([statement]), ["stored"]);
		await publish([{ ...statement, definition: { statement: "Copyright nobody" } }]);
		const marking = await only("kind=refused-marking");
		assert.equal(marking.objectId, statement.id);
		assert.match(marking.reason, /in: definition/);
		const accept = await asAdmin("POST", `/api/v1/quarantine/${marking.id}/accept`, {});
		assert.equal(accept.status, 409);
		// A value under a random (not derived) observable id, then another value under it by the partner.
		const address = {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: "ipv4-addr--5a4e0000-0000-4000-8000-0000000000d2",
		};
		assert.deepEqual(await publish([{ ...address, value: "198.51.100.41" }]), ["stored"]);
		await publish([{ ...address, value: "198.51.100.42" }], node.fbiToken);
		const forged = await only("kind=forged-value");
		assert.equal(forged.organizationId, FBI);
		const entry = QuarantineEntry.parse((await asAdmin("GET", `/api/v1/quarantine/${forged.id}`)).body);
		assert.deepEqual(entry.differing, ["value"]);
		assert.equal((await asAdmin("POST", `/api/v1/quarantine/${forged.id}/accept`, {})).status, 409);
	});
});

describe("a hostile partner cannot get a forged version accepted through a crafted item", () => {
	it("its new version of another's object and its same-version rewrite stay refused, and the stored object stays", async () => {
		assert.deepEqual(await publish([indicator(82)]), ["stored"]);
		const forgedVersion = asFbi(82, { modified: "2025-07-01T00:00:00.000Z", revoked: true });
		const rewrite = asFbi(82, { name: "Nothing to see" });
		const statuses = await publish([forgedVersion, rewrite], node.fbiToken);
		// Answered to the poster as REST answers any post about an object (D35); both are set aside here.
		assert.equal(statuses.length, 2);
		const items = (await list(`source=${FBI}&state=held&kind=conflict,refused-version`)).items;
		assert.deepEqual(items.map((item) => item.kind).sort(), ["conflict", "refused-version"]);
		for (const item of items) {
			const answer = await asAdmin("POST", `/api/v1/quarantine/${item.id}/accept`, {});
			assert.equal(answer.status, 409, JSON.stringify(answer.body));
			assert.equal(answer.body.error_code, "E_QUARANTINE_NOT_ACCEPTABLE");
			assert.match(String(answer.body.description), /may not version it/);
		}
		const versions = await node.store.getVersions(indicator(82).id);
		assert.deepEqual(
			versions.map((v) => [v.object.name, v.object.revoked, v.provenance.organizationId]),
			[["Compromised host 82", undefined, versions[0]?.provenance.organizationId]],
		);
		assert.notEqual(versions[0]?.provenance.organizationId, FBI);
		const heldBefore = await quarantinedMetric();
		for (const item of items) {
			const answer = await asAdmin("POST", `/api/v1/quarantine/${item.id}/reject`, { note: "forged" });
			assert.equal(QuarantineDecided.parse(answer.body).item.state, "rejected");
			const entry = QuarantineEntry.parse((await asAdmin("GET", `/api/v1/quarantine/${item.id}`)).body);
			assert.equal(entry.held, null, "a rejected item keeps its record, not its content");
		}
		assert.equal(
			await quarantinedMetric(),
			heldBefore - 2,
			"entente_quarantined_versions counts held versions",
		);
		// Rejected, the partner's set-aside copies are gone: nothing of them reads back any more.
		assert.deepEqual(await node.store.quarantinedOf(indicator(82).id, FBI), []);
	});

	it("keeps an item held with a note, listed in its history", async () => {
		assert.deepEqual(await publish([indicator(83)]), ["stored"]);
		await publish([asFbi(83, { modified: "2025-08-01T00:00:00.000Z" })], node.fbiToken);
		const held = (await list(`source=${FBI}&state=held&kind=refused-version`)).items[0];
		assert.ok(held !== undefined);
		const answer = await asAdmin("POST", `/api/v1/quarantine/${held.id}/hold`, { note: "asking the FBI" });
		assert.equal(QuarantineDecided.parse(answer.body).item.state, "held");
		const entry = QuarantineEntry.parse((await asAdmin("GET", `/api/v1/quarantine/${held.id}`)).body);
		assert.deepEqual(
			entry.actions.map((a) => [a.action, a.note]),
			[["hold", "asking the FBI"]],
		);
		assert.equal(entry.stored?.object.name, "Compromised host 83");
	});
});
