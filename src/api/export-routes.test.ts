// GET /api/v1/export/{format} on the reference scenario's real gate: what a party may not receive never reaches it
// in any format, nor learns how many were withheld, `since` answers changes with removals and the next cursor.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AMBER, indicator, openShareNode, type ShareNode } from "#test/support/share-node.ts";
import { EXPORT_ROUTE_FORMATS } from "./shapes/index.ts";

const TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const SECRET = "203.0.113.66";
const SHARED = "evil-c2.example";

let node: ShareNode;
before(async () => {
	node = await openShareNode();
	const secret = indicator(80, {
		name: "RED source",
		pattern: `[ipv4-addr:value = '${SECRET}']`,
		object_marking_refs: [TLP_RED],
	});
	const shared = indicator(81, {
		name: "C2 domain",
		indicator_types: ["malicious-activity"],
		pattern: `[domain-name:value = '${SHARED}']`,
		object_marking_refs: [AMBER],
	});
	const posted = await node.call("POST", "/api/v1/objects", { body: { objects: [secret, shared] } });
	assert.equal(posted.status, 200, JSON.stringify(posted.body));
});
after(() => node.close());

/** A format's export as one answer: an external dynamic list holds one type, so its IP and domain lists, joined. */
async function exportedAll(format: string, token = node.analystToken) {
	if (format !== "edl") return exported(format, token);
	const [ips, domains] = [
		await exported("edl?kinds=ipv4,ipv6", token),
		await exported("edl?kinds=domain", token),
	];
	return { status: Math.max(ips.status, domains.status), text: ips.text + domains.text };
}

async function exported(path: string, token = node.analystToken) {
	const answer = await node.request(`/api/v1/export/${path}`, {
		headers: { authorization: `Bearer ${token}` },
	});
	return { status: answer.status, headers: answer.headers, text: await answer.text() };
}

describe("GET /api/v1/export/{format}", () => {
	it("gives the publisher's own organisation its RED indicator in every format", async () => {
		for (const format of EXPORT_ROUTE_FORMATS) {
			const answer = await exportedAll(format);
			assert.equal(answer.status, 200, `${format}: ${answer.text}`);
			assert.ok(answer.text.includes(SECRET), `${format} holds the value for its own organisation`);
		}
	});

	it("never gives a party a value the policy does not release to it, in any format, nor how many it withheld", async () => {
		for (const format of EXPORT_ROUTE_FORMATS) {
			const answer = await exportedAll(format, node.fbiToken);
			assert.equal(answer.status, 200, `${format}: ${answer.text}`);
			assert.ok(answer.text.includes(SHARED), `${format} gives the FBI the AMBER indicator`);
			assert.ok(!answer.text.includes(SECRET), `${format} leaks the RED value to the FBI`);
			assert.ok(!answer.text.includes("RED source"), `${format} leaks the RED indicator's name`);
			// A count of what the policy withholds tells the party that hidden objects exist (and, with since and
			// types, when and of what type they arrive): the operator's `export --as` says it, the recipient never.
			assert.doesNotMatch(answer.text, /withheld/, `${format} tells the FBI that objects are withheld`);
		}
	});

	it("writes Suricata rules with a stable sid, the STIX id and a reference, and Zeek intel with its fields", async () => {
		const rules = (await exported("suricata")).text;
		const dns = rules.split("\n").find((line) => line.startsWith("alert dns"));
		assert.ok(dns?.includes(`dns.query; content:"${SHARED}"; nocase; bsize:${SHARED.length};`), rules);
		assert.match(dns ?? "", /metadata:stix_id indicator--5a4e0000-0000-4000-8000-000000000081, tlp amber;/);
		assert.match(dns ?? "", /reference:url,localhost\/api\/v1\/objects\/indicator--5a4e/);
		const again = (await exported("suricata")).text;
		assert.deepEqual(sidsOf(again), sidsOf(rules), "the same indicators get the same sids");
		const zeek = (await exported("zeek?kinds=domain")).text;
		assert.match(zeek, /^#fields\tindicator\tindicator_type\tmeta\.source\tmeta\.desc\tmeta\.url$/m);
		assert.match(
			zeek,
			new RegExp(`^${SHARED.replaceAll(".", "\\.")}\\tIntel::DOMAIN\\tentente\\tC2 domain `, "m"),
		);
		assert.doesNotMatch(zeek, /Intel::ADDR/, "kinds=domain leaves addresses out");
	});

	it("answers changes since a time, with removals, and the time to pass next", async () => {
		const first = await exported("csv");
		const next = first.headers.get("x-entente-next-since");
		assert.ok(next !== null && first.text.includes(`# next since: ${next}`));
		const nothing = await exported(`csv?since=${next}`);
		assert.doesNotMatch(nothing.text, /,add$|,remove$/m, "no change since the cursor");
		const revoked = indicator(81, {
			name: "C2 domain",
			indicator_types: ["malicious-activity"],
			pattern: `[domain-name:value = '${SHARED}']`,
			object_marking_refs: [AMBER],
			modified: "2025-07-01T00:00:00.000Z",
			revoked: true,
		});
		const posted = await node.call("POST", "/api/v1/objects", { body: { objects: [revoked] } });
		assert.equal(posted.status, 200, JSON.stringify(posted.body));
		const changes = await exported(`csv?since=${next}`);
		assert.match(
			changes.text,
			new RegExp(
				`^${SHARED.replaceAll(".", "\\.")},domain,indicator--5a4e0000-0000-4000-8000-000000000081,.*,remove$`,
				"m",
			),
		);
		assert.match(changes.text, /# exported 0 objects as 0 entries; 1 removals/);
		const full = await exported("csv");
		assert.ok(!full.text.includes(SHARED), "a full export leaves the revoked indicator out");
		assert.match(full.text, /# left out 1: revoked/);
	});

	it("refuses a malformed since or kind, naming the fix", async () => {
		const answer = await node.call("GET", "/api/v1/export/zeek?since=yesterday&kinds=ip");
		assert.equal(answer.status, 400);
		assert.match(JSON.stringify(answer.body), /RFC 3339/);
		assert.match(JSON.stringify(answer.body), /expected kinds/);
	});
});

function sidsOf(text: string): string[] {
	return [...text.matchAll(/sid:(\d+);/g)].map((match) => match[1] as string);
}
