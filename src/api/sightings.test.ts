// POST /sightings and GET /objects/{id}/sightings: a sighting is an object written through ingest like any other;
// only sightings the gate releases count; a hidden object is answered as a missing one; bad input names the fix.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALPHA, type ApiNode, IDS, json, openApiNode, WITHHOLD } from "#test/support/api-node.ts";
import type { StixObject } from "../stix/core.ts";
import { releasedSightingsOf } from "./released-sightings.ts";
import { viewerOf } from "./services.ts";
import { RecordedSighting, SightingsResult } from "./shapes/index.ts";

const AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
const STRANGER = "identity--0c0c0c0c-0000-4000-8000-000000000003";

/** A sighting of the indicator by another organisation that the (fake) gate withholds: it must count for nothing. */
const HIDDEN_SIGHTING = {
	type: "sighting",
	spec_version: "2.1",
	id: "sighting--eeeeeeee-0000-4000-8000-000000000001",
	created: "2025-06-01T00:00:00.000Z",
	modified: "2025-06-01T00:00:00.000Z",
	created_by_ref: STRANGER,
	sighting_of_ref: IDS.indicator,
	count: 50,
	last_seen: "2025-06-01T00:00:00.000Z",
	[WITHHOLD]: true,
} as StixObject;

describe("sightings over REST", () => {
	let node: ApiNode;
	const post = (body: unknown, as = node.analyst, type = "application/json") =>
		node.request("/api/v1/sightings", {
			method: "POST",
			as,
			headers: { "content-type": type },
			body: JSON.stringify(body),
		});
	const seen = (extra: Record<string, unknown> = {}) => ({
		sighting_of_ref: IDS.indicator,
		kind: "seen",
		object_marking_refs: [AMBER],
		...extra,
	});

	before(async () => {
		node = await openApiNode();
		await node.store.putVersions([
			{ object: HIDDEN_SIGHTING, provenance: { organizationId: STRANGER, source: "test" } },
		]);
	});
	after(() => node.close());

	it("records seen and a false positive as the user's organisation, back to the originator by default", async () => {
		const first = RecordedSighting.parse(await json(await post(seen({ count: 2 })), 200));
		assert.equal(first.status, "stored");
		const sighting = first.sighting as Record<string, unknown>;
		assert.equal(sighting.type, "sighting");
		assert.equal(sighting.created_by_ref, ALPHA);
		assert.deepEqual(sighting.where_sighted_refs, [ALPHA]);
		assert.equal(sighting.count, 2);
		assert.deepEqual(sighting.x_entente_audience, { parties: [ALPHA] });
		assert.equal(sighting.x_opencti_negative, undefined);
		const falsePositive = RecordedSighting.parse(
			await json(await post(seen({ kind: "false-positive", audience: "markings" })), 200),
		);
		const negative = falsePositive.sighting as Record<string, unknown>;
		assert.equal(negative.x_entente_sighting_kind, "false-positive");
		assert.equal(negative.x_opencti_negative, true);
		assert.equal(negative.x_entente_audience, undefined);
		// Stored as any object: the store holds both, under the analyst's organisation.
		const stored = await node.store.latestVersions([String(sighting.id), String(negative.id)]);
		assert.deepEqual(
			stored.map((v) => v.provenance.organizationId),
			[ALPHA, ALPHA],
		);
	});

	it("counts only the released sightings, with the score and its words", async () => {
		const body = SightingsResult.parse(
			await json(await node.request(`/api/v1/objects/${IDS.indicator}/sightings`, { as: node.reader }), 200),
		);
		assert.equal(body.kinds.seen.count, 2);
		assert.equal(body.kinds["false-positive"].count, 1);
		assert.deepEqual(
			body.organisations.map((o) => [o.id, o.name]),
			[[ALPHA, "Alpha CERT"]],
		);
		assert.equal(body.timeline.length, 1);
		assert.equal(body.truncated, false);
		assert.match(
			body.explanation,
			/^Seen 2 times by 1 organisation, last today; 1 false positive from Alpha CERT\./,
		);
		assert.equal(body.score.halfLife.of, "ipv4-addr");
		// Nothing of the withheld sighting: not its count, its author or its date.
		const text = JSON.stringify(body);
		assert.doesNotMatch(text, new RegExp(`${STRANGER}|2025-06-01|"count":50`));
	});

	it("answers a hidden object exactly as a missing one, on both routes", async () => {
		const answers: string[] = [];
		for (const id of [IDS.hidden, IDS.missing]) {
			const posted = await post(seen({ sighting_of_ref: id }));
			answers.push(`${posted.status} ${await posted.text()}`);
			const read = await node.request(`/api/v1/objects/${id}/sightings`);
			answers.push(`${read.status} ${await read.text()}`);
		}
		assert.equal(answers[0], answers[2]);
		assert.equal(answers[1], answers[3]);
		assert.match(answers[0] ?? "", /^404 .*E_API_OBJECT_NOT_FOUND/);
		// Nor does citing a hidden observed-data tell it apart from a missing one.
		const cites = await post(
			seen({ observed_data_refs: ["observed-data--44444444-4444-4444-8444-444444444444"] }),
		);
		assert.equal(cites.status, 404);
	});

	for (const [name, body, pattern] of [
		["a count of 0", seen({ count: 0 }), /body\.count.*"E_API_PARAMETER"/],
		["a count over STIX's bound", seen({ count: 1_000_000_000 }), /body\.count.*"E_API_PARAMETER"/],
		[
			"times out of order",
			seen({ first_seen: "2025-02-01T00:00:00Z", last_seen: "2025-01-01T00:00:00Z" }),
			/swap them.*"E_SIGHTING_INVALID"/,
		],
		[
			"a last_seen in the future",
			seen({ last_seen: "2999-01-01T00:00:00Z" }),
			/in the future.*"E_SIGHTING_INVALID"/,
		],
		["an unknown kind", seen({ kind: "maybe" }), /body\.kind.*"E_API_PARAMETER"/],
		["no markings", seen({ object_marking_refs: [] }), /object_marking_refs.*"E_API_PARAMETER"/],
		[
			"a where_sighted_refs of its choosing",
			seen({ where_sighted_refs: [STRANGER] }),
			/unknown parameter 'where_sighted_refs'/,
		],
	] as const) {
		it(`refuses ${name} with 400, storing nothing`, async () => {
			const before = await node.store.count({ types: ["sighting"] });
			const response = await post(body);
			const text = await response.text();
			assert.equal(response.status, 400, text);
			assert.match(text, pattern);
			assert.equal(await node.store.count({ types: ["sighting"] }), before);
		});
	}

	it("gives the event loop a turn between pages of a long read", async () => {
		const many = Array.from({ length: 1200 }, (_, i) => ({
			object: {
				...HIDDEN_SIGHTING,
				id: `sighting--eeeeeeee-0000-4000-8000-${(i + 100).toString(16).padStart(12, "0")}`,
				[WITHHOLD]: false,
			} as StixObject,
			provenance: { organizationId: ALPHA, source: "test" },
		}));
		await node.store.putVersions(many);
		const viewer = viewerOf(
			{ id: "user--x", organizationId: ALPHA, name: "x", role: "reader", tokenHash: "", createdAt: "" },
			"network-defence",
		);
		const start = node.gate.calls;
		let pagesAtTurn = -1;
		setImmediate(() => {
			pagesAtTurn = node.gate.calls - start;
		});
		const { sightings } = await releasedSightingsOf(node, viewer, IDS.indicator);
		const pages = node.gate.calls - start;
		assert.ok(sightings.length >= 1200);
		assert.ok(pages >= 3, `${pages} pages`);
		assert.ok(
			pagesAtTurn >= 1 && pagesAtTurn < pages,
			`another task ran after ${pagesAtTurn} of ${pages} pages`,
		);
	});

	it("needs an analyst, and JSON", async () => {
		assert.equal((await post(seen(), node.reader)).status, 403);
		assert.equal((await post(seen(), node.analyst, "text/plain")).status, 415);
	});
});
