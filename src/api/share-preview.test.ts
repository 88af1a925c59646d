// POST /policy/preview under the reference scenario with the real gate: before anything is stored, the same answers
// GET /policy/preview and /policy/explain give once it is; nothing stored; unknown markings; every issue located.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
	AMBER,
	FBI,
	indicator,
	NCA,
	openShareNode,
	report,
	type ShareNode,
} from "#test/support/share-node.ts";
import type { Purpose } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { DraftPreview } from "./shapes/index.ts";

let node: ShareNode;
before(async () => {
	node = await openShareNode();
});
after(() => node.close());

type Draft = ReturnType<typeof DraftPreview.parse>;

async function preview(objects: readonly StixObject[], purpose: Purpose): Promise<Draft> {
	const answer = await node.call("POST", `/api/v1/policy/preview?purpose=${purpose}`, { body: { objects } });
	assert.equal(answer.status, 200, JSON.stringify(answer.body));
	return DraftPreview.parse(answer.body);
}

/** A released copy without the instant it was derived at (two releases differ only there). */
function timeless(object: unknown): unknown {
	return JSON.parse(JSON.stringify(object), (key, value) => (key === "at" ? undefined : value));
}

describe("POST /policy/preview: what publishing would release, before anything is stored", () => {
	const victim = indicator(45);
	// CLEAR on its own, AMBER inside the report: the preview must see the report to judge it (inheritance).
	const c2 = indicator(44, {
		name: "C2 server",
		indicator_types: ["malicious-activity"],
		pattern: "[ipv4-addr:value = '198.51.100.44']",
		object_marking_refs: [TLP2_DEFINITIONS.clear.id],
	});
	const summary = report(19, [victim.id, c2.id]);
	const OBJECTS = [victim, c2, summary];
	const PURPOSES: Purpose[] = ["crime-prevention", "network-defence", "research"];

	it("gives for an AMBER indicator and a report naming it what GET preview and explain give once stored", async () => {
		const drafts = new Map<Purpose, Draft>();
		for (const purpose of PURPOSES) drafts.set(purpose, await preview(OBJECTS, purpose));
		const published = await node.call("POST", "/api/v1/objects", { body: { objects: OBJECTS } });
		assert.equal(published.status, 200, JSON.stringify(published.body));
		assert.deepEqual(published.body.counts, { stored: 3, duplicate: 0, quarantined: 0, rejected: 0 });
		for (const purpose of PURPOSES) {
			const draft = drafts.get(purpose);
			assert.ok(draft !== undefined);
			assert.deepEqual(
				draft.objects.map((o) => [o.id, o.outcome]),
				OBJECTS.map((object) => [object.id, "new"]),
			);
			for (const drafted of draft.objects) {
				const stored = await node.call(
					"GET",
					`/api/v1/policy/preview?object=${drafted.id}&purpose=${purpose}`,
				);
				assert.equal(stored.status, 200, JSON.stringify(stored.body));
				// The key property: the parties' lines before publishing are the lines after it, field for field.
				assert.deepEqual(drafted.parties, stored.body.parties, `${drafted.type} for ${purpose}`);
				const [version] = await node.store.getVersions(drafted.id, ["last"]);
				assert.ok(version !== undefined);
				for (const party of drafted.parties) {
					const explained = await node.call(
						"GET",
						`/api/v1/policy/explain?object=${drafted.id}&to=${party.partyId}&purpose=${purpose}`,
					);
					assert.deepEqual(drafted.decisions[party.partyId], explained.body.decision);
					const [released] = await node.gate.releasePage({ partyId: party.partyId, userId: "t", purpose }, [
						version,
					]);
					const copy = drafted.copies[party.partyId];
					if (released === undefined) assert.deepEqual(copy, { outcome: "withheld" });
					else
						assert.deepEqual(
							timeless(copy?.outcome === "changed" ? copy.object : version.object),
							timeless(released),
						);
				}
			}
		}
		// What the scenario does with them, so that the equality above is not an equality of nothing.
		const crime = drafts.get("crime-prevention")?.objects[0];
		assert.equal(crime?.parties.find((p) => p.name.startsWith("Example University"))?.verdict, "deny");
		const colombia = crime?.parties.find((p) => p.name.startsWith("Colombian"));
		const rewritten = crime?.copies[colombia?.partyId ?? ""];
		assert.equal(rewritten?.outcome, "changed");
		assert.doesNotMatch(String(rewritten.object.pattern), /192\.0\.2\.45/);
		const university = drafts
			.get("research")
			?.objects[1]?.parties.find((p) => p.name.startsWith("Example University"));
		assert.equal(university?.verdict, "deny");
		assert.equal(university?.decidingRule, "scope.tlp");
		assert.match(university?.reason ?? "", /^TLP:AMBER allows/);
	});

	it("stores nothing, and says so", async () => {
		const before = await node.counts();
		const draft = await preview([indicator(46), report(20, [indicator(46).id])], "network-defence");
		assert.equal(draft.stored, false);
		assert.match(draft.note, /^Nothing was stored/);
		assert.deepEqual(await node.counts(), before);
		assert.deepEqual(await node.store.getVersions(indicator(46).id), []);
	});

	it("releases an object with a marking this node does not understand to nobody", async () => {
		const unknown = "marking-definition--0badc0de-0000-4000-8000-000000000001";
		const draft = await preview(
			[indicator(47, { object_marking_refs: [AMBER, unknown] })],
			"network-defence",
		);
		const [only] = draft.objects;
		assert.deepEqual(only?.flags, ["unknown-marking"]);
		assert.ok((only?.parties.length ?? 0) >= 8);
		for (const party of only?.parties ?? []) {
			assert.equal(party.verdict, "deny", party.name);
			assert.equal(party.decidingRule, "marking.flag");
			assert.deepEqual(only?.copies[party.partyId], { outcome: "withheld" });
		}
	});

	it("understands a statement marking defined in the same request, as ingest would", async () => {
		const statement = {
			type: "marking-definition",
			spec_version: "2.1",
			id: "marking-definition--5a4e0000-0000-4000-8000-00000000c0de",
			created: "2025-06-01T00:00:00.000Z",
			definition_type: "statement",
			definition: { statement: "Copyright 2025, UK NCA" },
		};
		const marked = indicator(48, { object_marking_refs: [AMBER, statement.id] });
		const draft = await preview([marked, statement as StixObject], "crime-prevention");
		const judged = draft.objects.find((o) => o.id === marked.id);
		assert.deepEqual(judged?.flags, []);
		assert.ok(judged?.parties.some((p) => p.verdict === "full" && !p.local));
	});

	it("refuses invalid objects with every issue located, and judges nothing", async () => {
		const broken = { ...indicator(49), pattern: "[ipv4-addr:value = ", created: "2025-13-01" };
		const answer = await node.call("POST", "/api/v1/policy/preview", {
			body: { objects: [indicator(50), broken] },
		});
		assert.equal(answer.status, 400);
		assert.equal(answer.body.error_code, "E_API_PARAMETER");
		const paths = (answer.body.details as { issues: { path: (string | number)[] }[] }).issues.map((issue) =>
			issue.path.join("."),
		);
		assert.ok(paths.includes("body.objects.1.pattern"), paths.join(", "));
		assert.ok(paths.includes("body.objects.1.created"), paths.join(", "));
		assert.ok(
			paths.every((path) => path.startsWith("body.objects.1.")),
			paths.join(", "),
		);
	});

	it("previews a collision with an object hidden from you as new, and says nothing of it", async () => {
		const secret = indicator(51, {
			created_by_ref: FBI,
			name: "FBI covert source",
			object_marking_refs: ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"],
		});
		const posted = await node.call("POST", "/api/v1/objects", {
			body: { objects: [secret] },
			token: node.fbiToken,
		});
		assert.deepEqual(posted.body.counts, { stored: 1, duplicate: 0, quarantined: 0, rejected: 0 });
		const mine = indicator(51);
		const answer = await node.call("POST", "/api/v1/policy/preview", { body: { objects: [mine] } });
		assert.equal(answer.status, 200);
		assert.doesNotMatch(JSON.stringify(answer.body), /covert/);
		const [judged] = DraftPreview.parse(answer.body).objects;
		assert.equal(judged?.outcome, "new");
		assert.equal(judged?.parties.find((p) => p.partyId === NCA)?.verdict, "full");
	});
});
