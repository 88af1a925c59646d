// Watch-lists through the REST API and the gate (D51): alerts only about what an organisation receives, decided
// when the alert is made and again when it is read; a partner's user probing for hidden objects through its
// watch-list learns nothing; bad entries and webhook URLs are refused with a clear 400; roles hold.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createUser } from "../src/accounts/index.ts";
import { alertPayloads, alertRelease, watchPurposeOf } from "../src/api/index.ts";
import { watchOnce } from "../src/intel/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import type { ModelWorld } from "./model/entitlement-model.ts";
import { PARTY_POOL, policyOf } from "./model/model-node.ts";
import { bilateralAgreement, openModelScenario, type ScenarioNode } from "./support/scenario-node.ts";
import { buildTestNode } from "./support/test-node.ts";

const [LOCAL, PARTNER] = PARTY_POOL as unknown as [string, string];
const API = "/api/v1";

const world: ModelWorld = {
	parties: [
		{ id: LOCAL, local: true, suspended: false, sector: "cert", jurisdiction: "GB", inPolicy: true },
		{ id: PARTNER, local: false, suspended: false, sector: "private", jurisdiction: "GB", inPolicy: true },
	],
	communities: [],
	agreements: [bilateralAgreement("local-partner", LOCAL, PARTNER)],
	objects: [],
};

let serial = 0;
function indicator(pattern: string, tlp: "green" | "red"): StixObject {
	serial++;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--7a7c0000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-01T00:00:00.000Z",
		name: `watched ${serial}`,
		pattern,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		object_marking_refs: [TLP2_DEFINITIONS[tlp].id],
		created_by_ref: LOCAL,
	};
}

interface AlertsAnswer {
	alerts: {
		id: string;
		value: string;
		entry: { value: string };
		object: { id: string; name: string | null };
	}[];
	next?: number;
}

let node: ScenarioNode;
const json = (body: unknown): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json" },
	body: JSON.stringify(body),
});
const watch = async (party: string, value: string, kind?: string) => {
	const response = await node.request(`${API}/watchlist`, party, json({ value, ...(kind ? { kind } : {}) }));
	assert.equal(response.status, 200, await response.clone().text());
	return ((await response.json()) as { entry: { id: string } }).entry.id;
};
const alerts = async (party: string): Promise<{ status: number; text: string; body: AlertsAnswer }> => {
	const answer = await node.get(`${API}/alerts`, party);
	return { ...answer, body: JSON.parse(answer.text) as AlertsAnswer };
};
/** The matcher, to the end of the commit log (what the serving node's loop runs). */
const match = async () => {
	while (
		(await watchOnce({ store: node.store, release: alertRelease(node.gate, node.store), batchSize: 50 }))
			.consumed > 0
	) {}
};

before(async () => {
	node = await openModelScenario(world, []);
});
after(() => node.close());

describe("watch-list alerts through the gate", () => {
	it("alerts each organisation about objects naming its values that it receives, never about the others", async () => {
		await watch(LOCAL, "203.0.113.0/24");
		await watch(PARTNER, "203.0.113.0/24");
		await watch(PARTNER, "hidden.example");
		const shared = indicator("[ipv4-addr:value = '203.0.113.5']", "green");
		await node.ingest([shared], LOCAL);
		await match();
		const partnerBefore = await alerts(PARTNER);
		assert.deepEqual(
			partnerBefore.body.alerts.map((a) => [a.object.id, a.value, a.entry.value]),
			[[shared.id, "203.0.113.5", "203.0.113.0/24"]],
		);

		// A TLP:RED object naming both of the partner's values: the partner may not receive it.
		const secret = indicator(
			"[ipv4-addr:value = '203.0.113.9'] OR [domain-name:value = 'c2.hidden.example']",
			"red",
		);
		await node.ingest([secret], LOCAL);
		await match();
		const partnerAfter = await alerts(PARTNER);
		assert.equal(partnerAfter.status, 200);
		assert.equal(
			partnerAfter.text,
			partnerBefore.text,
			"byte for byte: the hidden object changed nothing the partner sees",
		);
		assert.equal(
			(await node.store.listWatchAlerts({ organizationId: PARTNER, limit: 100 })).length,
			1,
			"no alert about the hidden object is even recorded for the partner",
		);
		const local = await alerts(LOCAL);
		assert.deepEqual(local.body.alerts.map((a) => a.object.id).sort(), [shared.id, secret.id].sort());
	});

	it("hides at read time, and withholds from the webhook, an alert whose object a new policy no longer releases", async () => {
		const [recorded] = await node.store.listWatchAlerts({ organizationId: PARTNER, limit: 1 });
		assert.ok(recorded !== undefined);
		const payloadOf = alertPayloads(node.store, node.gate);
		assert.equal((await payloadOf(recorded))?.id, recorded.id, "released now: the webhook would carry it");
		const withoutAgreement = policyOf({ ...world, agreements: [] });
		await node.applyPolicy(withoutAgreement);
		const hidden = await alerts(PARTNER);
		assert.deepEqual(hidden.body, { alerts: [] }, "no alert, no count, no cursor");
		assert.equal(await payloadOf(recorded), undefined, "the webhook delivery is withheld");
		await node.applyPolicy(policyOf(world));
		assert.equal((await alerts(PARTNER)).body.alerts.length, 1, "released again: shown again");
	});

	it("a value the policy pseudonymises for the partner raises no alert for it: the alert would tell the raw value", async () => {
		await watch(PARTNER, "198.51.100.0/24");
		await watch(LOCAL, "198.51.100.0/24");
		const base = policyOf(world);
		await node.applyPolicy({
			...base,
			agreements: base.agreements.map((a) => ({
				...a,
				treatments: [{ objectType: "ipv4-addr", role: "victim", treatment: "pseudonymise" as const }],
			})),
		});
		const victim: StixObject = {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: "ipv4-addr--5e0f3ad1-6b1c-5b7e-9d4f-2f0f0c0a0b01",
			value: "198.51.100.23",
			x_entente_role: "victim",
			object_marking_refs: [TLP2_DEFINITIONS.green.id],
		};
		victim.id = scoId(victim) ?? victim.id;
		await node.ingest([victim], LOCAL);
		await match();
		const [copy] = await node.gate.releasePage(
			{ partyId: PARTNER, userId: "test", purpose: "network-defence" },
			await node.store.latestVersions([victim.id]),
		);
		assert.ok(copy !== undefined && copy.value !== victim.value, "the partner receives it, pseudonymised");
		const seen = (await alerts(PARTNER)).body.alerts.map((a) => a.value);
		assert.ok(!seen.includes("198.51.100.23"), "the partner is never told the raw victim address");
		assert.ok(
			!(await node.store.listWatchAlerts({ organizationId: PARTNER, limit: 100 })).some(
				(a) => a.objectId === victim.id,
			),
		);
		assert.ok(
			(await alerts(LOCAL)).body.alerts.some((a) => a.value === "198.51.100.23"),
			"its owner is",
		);
		await node.applyPolicy(policyOf(world));
	});

	it("a partner whose agreements are for crime prevention only is alerted for what it receives for that purpose", async () => {
		const base = policyOf(world);
		await node.applyPolicy({
			...base,
			agreements: base.agreements.map((a) => ({ ...a, purposes: ["crime-prevention" as const] })),
		});
		assert.equal(await watchPurposeOf(node.store, PARTNER), "crime-prevention");
		await watch(PARTNER, "192.0.2.0/28");
		const crime = indicator("[ipv4-addr:value = '192.0.2.3']", "green");
		await node.ingest([crime], LOCAL);
		await match();
		const answer = await node.get(`${API}/alerts`, PARTNER, "crime-prevention");
		assert.ok(
			(JSON.parse(answer.text) as AlertsAnswer).alerts.some((a) => a.object.id === crime.id),
			"alerted, and listed for the purpose it receives it for",
		);
		await node.applyPolicy(policyOf(world));
		assert.equal(await watchPurposeOf(node.store, PARTNER), "network-defence");
	});

	it("pages alerts newest first with `before` = `next`, each once", async () => {
		const all = (await alerts(LOCAL)).body.alerts.map((a) => a.id);
		assert.ok(all.length >= 3);
		const paged: string[] = [];
		let before: number | undefined;
		for (let page = 0; page < all.length + 2; page++) {
			const query = `limit=2${before === undefined ? "" : `&before=${before}`}`;
			const body = JSON.parse((await node.get(`${API}/alerts?${query}`, LOCAL)).text) as AlertsAnswer;
			paged.push(...body.alerts.map((a) => a.id));
			if (body.next === undefined) break;
			before = body.next;
		}
		assert.deepEqual(paged, all);
	});

	it("a partner cannot see, acknowledge or remove another organisation's entries and alerts", async () => {
		const localEntries = JSON.parse((await node.get(`${API}/watchlist`, LOCAL)).text) as {
			entries: { id: string }[];
		};
		const [localEntry] = localEntries.entries;
		assert.ok(localEntry !== undefined);
		const partnerEntries = JSON.parse((await node.get(`${API}/watchlist`, PARTNER)).text) as {
			entries: { value: string }[];
		};
		assert.deepEqual(partnerEntries.entries.map((e) => e.value).sort(), [
			"192.0.2.0/28",
			"198.51.100.0/24",
			"203.0.113.0/24",
			"hidden.example",
		]);
		const remove = await node.request(`${API}/watchlist/${localEntry.id}/remove`, PARTNER, json({}));
		assert.equal(remove.status, 404);
		const [localAlert] = (await alerts(LOCAL)).body.alerts;
		assert.ok(localAlert !== undefined);
		const ack = await node.request(`${API}/alerts/${localAlert.id}/acknowledge`, PARTNER, json({}));
		assert.equal(ack.status, 404);
		const own = await node.request(`${API}/alerts/${localAlert.id}/acknowledge`, LOCAL, json({}));
		assert.equal(own.status, 200);
	});
});

describe("watch-list input", () => {
	const refused = async (path: string, sent: unknown) => {
		const response = await node.request(`${API}${path}`, LOCAL, json(sent));
		const text = await response.text();
		assert.equal(response.status, 400, text);
		const body = JSON.parse(text) as { error_code: string; description: string };
		return { error_code: body.error_code, message: body.description };
	};

	it("refuses bad entries with a 400 that names the problem", async () => {
		const long = await refused("/watchlist", { kind: "domain", value: `${"a".repeat(100 * 1024)}.example` });
		assert.equal(long.error_code, "E_WATCH_ENTRY_INVALID");
		assert.match(long.message, /at most 2048 characters/);
		assert.match(
			(await refused("/watchlist", { kind: "ipv4", value: "10.0.0.0/33" })).message,
			/not a valid ipv4/,
		);
		assert.match((await refused("/watchlist", { value: "10.0.0.0/4" })).message, /wider than an IPv4 \/8/);
		assert.match(
			(await refused("/watchlist", { value: "\u0000\u0001binary" })).message,
			/cannot tell what kind/,
		);
		assert.equal((await refused("/watchlist", { value: 42 })).error_code, "E_API_PARAMETER");
	});

	it("refuses webhook URLs that are not https, carry credentials, or point inside the node's network", async () => {
		for (const url of [
			"file:///etc/passwd",
			"http://siem.example.org/",
			"https://user:secret@siem.example.org/",
			"https://169.254.169.254/latest/meta-data/",
			"https://10.0.0.1/",
			"https://[::1]/",
		]) {
			const answer = await refused("/webhook", { url });
			assert.equal(answer.error_code, "E_WEBHOOK_URL_INVALID", url);
		}
		const set = await node.request(
			`${API}/webhook`,
			LOCAL,
			json({ url: "https://siem.example.org/entente" }),
		);
		assert.equal(set.status, 200);
		const answer = (await set.json()) as { secret: string };
		assert.match(answer.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
		const shown = await node.get(`${API}/webhook`, LOCAL);
		assert.ok(!shown.text.includes(answer.secret), "the secret is shown once, when set");
	});
});

describe("watch-list roles", () => {
	it("a reader lists entries and alerts but does not edit them", async () => {
		const reading = await buildTestNode();
		try {
			const [organization] = reading.organizations;
			assert.ok(organization !== undefined);
			const { token, user } = await createUser(reading.store, {
				organizationId: organization.id,
				name: "reader",
				role: "reader",
			});
			const reader = { token, user };
			assert.equal((await reading.request(`${API}/watchlist`, { as: reader })).status, 200);
			assert.equal((await reading.request(`${API}/alerts`, { as: reader })).status, 200);
			const add = await reading.request(`${API}/watchlist`, { as: reader, ...json({ value: "192.0.2.1" }) });
			assert.equal(add.status, 403);
			const admin = await reading.request(`${API}/watchlist`, {
				as: reading.user("admin"),
				...json({ value: "192.0.2.1" }),
			});
			assert.equal(admin.status, 200);
		} finally {
			await reading.close();
		}
	});
});
