// Issue 10 §2 through HTTP: a partner's observables (network-traffic, email-message, domain-name) name a
// victim's observables that a recipient may receive only pseudonymised, or not at all. Whatever the path,
// page size, order or batch, no response body carries an original SCO id (a hash of the value) or value.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Purpose } from "../src/policy/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { IDS, MARKS, REFERENCE_POLICY, victimIp } from "./fixtures/reference-scenario.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const INVESTIGATION: Purpose = "criminal-investigation";
const DEFENCE: Purpose = "network-defence";

function observable(body: Record<string, unknown>): StixObject {
	const object = { spec_version: "2.1", ...body } as StixObject;
	const id = scoId(object);
	assert.ok(id !== undefined);
	return { ...object, id };
}

/** The victim's observables: an IP Colombia receives only pseudonymised, and a TLP:RED IP nobody here receives. */
const VICTIM_IP = victimIp([MARKS.amber]);
const SECRET_IP = observable({ type: "ipv4-addr", value: "198.51.100.66", object_marking_refs: [MARKS.red] });
const VICTIM_MAIL = observable({
	type: "email-addr",
	value: "jane@victim.example",
	object_marking_refs: [MARKS.amber],
	x_entente_role: "victim",
});
const SECRET_MAIL = observable({
	type: "email-addr",
	value: "ceo@victim.example",
	object_marking_refs: [MARKS.red],
});
/** A partner's observables naming them (`port` keeps each partner's observables apart). */
function partnerObjects(port: number) {
	const traffic = observable({
		type: "network-traffic",
		src_ref: VICTIM_IP.id,
		dst_ref: SECRET_IP.id,
		dst_port: port,
		protocols: ["tcp"],
		object_marking_refs: [MARKS.amber],
	});
	const onlySecret = observable({
		type: "network-traffic",
		dst_ref: SECRET_IP.id,
		dst_port: port + 1,
		protocols: ["tcp"],
		object_marking_refs: [MARKS.amber],
	});
	const domain = observable({
		type: "domain-name",
		value: `c2-${port}.example`,
		resolves_to_refs: [VICTIM_IP.id, SECRET_IP.id],
		object_marking_refs: [MARKS.amber],
	});
	const mail = observable({
		type: "email-message",
		is_multipart: false,
		from_ref: SECRET_MAIL.id,
		to_refs: [VICTIM_MAIL.id],
		subject: `invoice ${port}`,
		x_seen_from_ref: SECRET_IP.id,
		object_marking_refs: [MARKS.amber],
	});
	const report: StixObject = {
		type: "report",
		spec_version: "2.1",
		id: `report--0b6f5a3c-0000-4000-8000-0000000${port}`,
		created: "2025-05-01T00:00:00.000Z",
		modified: "2025-05-01T00:00:00.000Z",
		name: "c2 traffic",
		published: "2025-05-01T00:00:00Z",
		object_refs: [traffic.id, domain.id, mail.id, onlySecret.id],
		object_marking_refs: [MARKS.amber],
	};
	return { traffic, onlySecret, domain, mail, report, all: [traffic, onlySecret, domain, mail, report] };
}

/** The bank and the FBI each post their own, and read them back. */
const BANK = partnerObjects(44301);
const FBI = partnerObjects(44311);

/** What must never reach a recipient that may not receive the value: ids and values. */
const SECRETS = [SECRET_IP.id, "198.51.100.66", SECRET_MAIL.id, "ceo@victim.example"];
const PSEUDONYMISED = [VICTIM_IP.id, "203.0.113.9", VICTIM_MAIL.id, "jane@victim.example"];
/** Ids whose hash includes a hidden or pseudonymised reference: they leak the value to a dictionary attack. */
const hashing = (objects: ReturnType<typeof partnerObjects>) => [
	objects.traffic.id,
	objects.mail.id,
	objects.onlySecret.id,
];

async function pageAll(
	node: ScenarioNode,
	party: string,
	purpose: Purpose,
	limit: number,
): Promise<string[]> {
	const bodies: string[] = [];
	let next: string | undefined;
	do {
		const query = `limit=${limit}${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
		const page = await node.get(`${ROOT}/objects/?${query}`, party, purpose);
		assert.equal(page.status, 200, page.text);
		bodies.push(page.text);
		next = (JSON.parse(page.text) as { next?: string }).next;
	} while (next !== undefined);
	return bodies;
}

const objectsOf = (bodies: readonly string[]): StixObject[] =>
	bodies.flatMap((body) => (JSON.parse(body) as { objects?: StixObject[] }).objects ?? []);

function assertClean(bodies: readonly string[], forbidden: readonly string[], where: string): void {
	for (const body of bodies)
		for (const leak of forbidden)
			assert.ok(!body.includes(leak), `${where} carries ${leak}: ${body.slice(0, 600)}`);
}

/** Every object path for `ids` on TAXII and REST (object, versions, referrers), plus the lists. */
async function readAlone(node: ScenarioNode, party: string, purpose: Purpose, ids: readonly string[]) {
	const bodies: string[] = [];
	for (const id of ids)
		for (const path of [
			`${ROOT}/objects/${id}/`,
			`${ROOT}/objects/${id}/versions/`,
			`${API}/objects/${id}`,
			`${API}/objects/${id}/versions`,
			`${API}/objects/${id}/referrers`,
		])
			bodies.push((await node.get(path, party, purpose)).text);
	bodies.push((await node.get(`${API}/objects?limit=200`, party, purpose)).text);
	bodies.push((await node.get(`${ROOT}/manifest/`, party, purpose)).text);
	return bodies;
}

describe("reference closure through TAXII and REST (issue 10 §2)", () => {
	let node: ScenarioNode;
	before(async () => {
		node = await openScenarioNode({ nodeName: "uk-nca-node", parties: REFERENCE_POLICY });
		await node.applyPolicy(REFERENCE_POLICY);
		// The victim's observables first, the partners' objects in a later batch.
		await node.ingest([VICTIM_IP, VICTIM_MAIL, SECRET_IP, SECRET_MAIL], IDS.nca);
		await node.ingest(BANK.all, IDS.bank);
		await node.ingest(FBI.all, IDS.fbi);
	});
	after(() => node.close());

	it("the bank: victim references carry the pseudonym's id, hidden ones are gone, on every page size and path", async () => {
		const whole = await pageAll(node, IDS.bank, DEFENCE, 100);
		const released = objectsOf(whole);
		const ip = released.find((o) => o.type === "ipv4-addr");
		const mailbox = released.find((o) => o.type === "email-addr");
		const traffic = released.find((o) => o.type === "network-traffic");
		const domain = released.find((o) => o.type === "domain-name");
		const mail = released.find((o) => o.type === "email-message");
		const report = released.find((o) => o.type === "report");
		assert.ok(ip && mailbox && traffic && domain && mail && report, JSON.stringify(released));
		assert.notEqual(ip.id, VICTIM_IP.id, "the victim IP goes pseudonymised");
		assert.equal(traffic.src_ref, ip.id, "the traffic names the pseudonym's id");
		assert.equal(traffic.dst_ref, undefined, "and not the hidden address");
		assert.deepEqual(domain.resolves_to_refs, [ip.id]);
		assert.deepEqual(mail.to_refs, [mailbox.id]);
		assert.equal(mail.from_ref, undefined);
		assert.equal(mail.x_seen_from_ref, undefined, "a custom reference is filtered too");
		assert.equal(
			released.filter((o) => o.type === "network-traffic").length,
			1,
			"only-hidden traffic withheld",
		);
		assert.deepEqual(report.object_refs, [traffic.id, domain.id, mail.id]);
		// Pages of one: each names the same ids, wherever the referenced object is.
		const onePerPage = await pageAll(node, IDS.bank, DEFENCE, 1);
		assert.deepEqual(
			objectsOf(onePerPage)
				.map((o) => o.id)
				.sort(),
			released.map((o) => o.id).sort(),
		);
		const { x_entente_derivation: _, ...sameTraffic } = traffic;
		const { x_entente_derivation: __, ...pagedTraffic } =
			objectsOf(onePerPage).find((o) => o.type === "network-traffic") ?? traffic;
		assert.deepEqual(pagedTraffic, sameTraffic, "the same copy on a page of one");
		const forbidden = [...SECRETS, ...PSEUDONYMISED, ...hashing(BANK)];
		assertClean([...whole, ...onePerPage], forbidden, "TAXII pages");
		// Fetched alone, by stored id and by the id it was released under, on TAXII and REST.
		const ids = [...BANK.all.map((o) => o.id), ...released.map((o) => o.id)];
		assertClean(await readAlone(node, IDS.bank, DEFENCE, ids), forbidden, "objects fetched alone");
		const fetched = JSON.parse((await node.get(`${API}/objects/${traffic.id}`, IDS.bank, DEFENCE)).text);
		assert.equal(fetched.object?.src_ref, ip.id, "fetched by its released id: the same copy");
	});

	it("the FBI: receives the victim IP as it is, never the TLP:RED observables its own objects name", async () => {
		const bodies = await pageAll(node, IDS.fbi, INVESTIGATION, 2);
		const released = objectsOf(bodies);
		const traffic = released.find((o) => o.type === "network-traffic");
		assert.equal(traffic?.src_ref, VICTIM_IP.id);
		const mail = released.find((o) => o.type === "email-message");
		assert.ok(mail !== undefined && mail.from_ref === undefined && mail.x_seen_from_ref === undefined);
		const ids = [...FBI.all.map((o) => o.id), ...released.map((o) => o.id)];
		const alone = await readAlone(node, IDS.fbi, INVESTIGATION, ids);
		assertClean([...bodies, ...alone], [...SECRETS, ...hashing(FBI)], "FBI responses");
	});
});
