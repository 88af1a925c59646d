// Store contract: backward references (referencesTo) are recorded on write, span versions, and go with a delete.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import { batchOf, indicator, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const IND_1 = indicator(1);
const IND_2 = indicator(2);
const MALWARE = "malware--00000000-0000-4000-8000-0000000000aa";

function report(n: number, refs: readonly string[], modified = "2024-01-01T00:00:00.000Z"): StixObject {
	return {
		type: "report",
		spec_version: "2.1",
		id: `report--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified,
		name: `report ${n}`,
		published: "2024-01-01T00:00:00Z",
		object_refs: [...refs],
	};
}

function relationship(n: number, type: string, source: string, target: string): StixObject {
	return {
		type: "relationship",
		spec_version: "2.1",
		id: `relationship--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		relationship_type: type,
		source_ref: source,
		target_ref: target,
	};
}

function sighting(n: number, of: string, where: readonly string[], observed: readonly string[]): StixObject {
	return {
		type: "sighting",
		spec_version: "2.1",
		id: `sighting--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		sighting_of_ref: of,
		where_sighted_refs: [...where],
		observed_data_refs: [...observed],
	};
}

export function registerReferencesContract(fixture: StoreFixture): void {
	describe("referencesTo", () => {
		it("finds containers by object_refs and relationships by end and type", async () => {
			const store = fixture.current();
			const r1 = report(1, [IND_1.id, IND_2.id]);
			const derived = relationship(1, "derived-from", IND_2.id, IND_1.id);
			const indicates = relationship(2, "indicates", IND_1.id, MALWARE);
			await store.putVersions(batchOf([IND_1, IND_2, r1, derived, indicates]));
			assert.deepEqual(await store.referencesTo([IND_1.id], ["object_refs"]), [
				{ toId: IND_1.id, kind: "object_refs", fromId: r1.id },
			]);
			assert.deepEqual(await store.referencesTo([IND_2.id], ["source_ref:derived-from"]), [
				{ toId: IND_2.id, kind: "source_ref:derived-from", fromId: derived.id },
			]);
			assert.deepEqual(await store.referencesTo([IND_1.id], ["source_ref:derived-from"]), []);
			assert.deepEqual(
				(await store.referencesTo([IND_1.id, MALWARE], ["source_ref:indicates", "target_ref:indicates"])).map(
					(r) => r.kind,
				),
				["source_ref:indicates", "target_ref:indicates"],
			);
			assert.deepEqual(await store.referencesTo([], ["object_refs"]), []);
		});

		it("records every reference property at any depth, by its path, markings and author aside (stix/references)", async () => {
			const store = fixture.current();
			const ip = "ipv4-addr--00000000-0000-5000-8000-0000000000d1";
			const artifact = "artifact--00000000-0000-5000-8000-0000000000d2";
			const traffic: StixObject = {
				type: "network-traffic",
				spec_version: "2.1",
				id: "network-traffic--00000000-0000-5000-8000-0000000000d3",
				src_ref: ip,
				protocols: ["tcp"],
				extensions: {
					"http-request-ext": { request_method: "get", request_value: "/", message_body_data_ref: artifact },
				},
				object_marking_refs: ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"],
			};
			const mail: StixObject = {
				type: "email-message",
				spec_version: "2.1",
				id: "email-message--00000000-0000-5000-8000-0000000000d4",
				is_multipart: true,
				body_multipart: [{ body_raw_ref: artifact }],
				x_relay_ref: ip,
			};
			await store.putVersions(batchOf([traffic, mail]));
			assert.deepEqual(
				(
					await store.referencesTo(
						[ip, artifact],
						[
							"src_ref",
							"x_relay_ref",
							"body_multipart.body_raw_ref",
							"extensions.http-request-ext.message_body_data_ref",
						],
					)
				).map((r) => [r.toId, r.kind, r.fromId]),
				[
					[artifact, "body_multipart.body_raw_ref", mail.id],
					[artifact, "extensions.http-request-ext.message_body_data_ref", traffic.id],
					[ip, "src_ref", traffic.id],
					[ip, "x_relay_ref", mail.id],
				],
			);
			const marking = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
			assert.deepEqual((await store.referrersOf(marking, { limit: 10 })).references, []);
		});

		it("keeps references of every version and forgets them when the object is deleted", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([report(2, [IND_1.id])]));
			await store.putVersions(batchOf([report(2, [IND_2.id], "2024-02-01T00:00:00.000Z")]));
			const both = await store.referencesTo([IND_1.id, IND_2.id], ["object_refs"]);
			assert.deepEqual(
				both.map((r) => r.toId),
				[IND_1.id, IND_2.id],
			);
			assert.equal(await store.deleteObject(report(2, []).id), 2);
			assert.deepEqual(await store.referencesTo([IND_1.id, IND_2.id], ["object_refs"]), []);
		});

		it("records nothing for a quarantined version", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([report(3, [IND_1.id])]));
			const conflicting = { ...report(3, [IND_2.id]) };
			const [outcome] = await store.putVersions(batchOf([conflicting]));
			assert.equal(outcome?.status, "quarantined");
			assert.deepEqual(await store.referencesTo([IND_2.id], ["object_refs"]), []);
		});
	});

	describe("referrersOf", () => {
		const SITE = "identity--00000000-0000-4000-8000-0000000000bb";
		const OBSERVED = "observed-data--00000000-0000-4000-8000-0000000000cc";

		it("lists every kind of reference to an id, relationship ends of any type included, by referrer", async () => {
			const store = fixture.current();
			const self = relationship(3, "related-to", IND_1.id, IND_1.id);
			const objects = [
				report(4, [IND_1.id, IND_2.id]),
				relationship(4, "indicates", IND_1.id, MALWARE),
				relationship(5, "derived-from", IND_2.id, IND_1.id),
				self,
				sighting(1, IND_1.id, [SITE], [OBSERVED]),
				report(5, [IND_2.id]),
			];
			await store.putVersions(batchOf([IND_1, IND_2, ...objects]));
			const page = await store.referrersOf(IND_1.id, { limit: 10 });
			assert.equal(page.more, false);
			assert.deepEqual(
				page.references.map((r) => [r.fromId.split("--")[0], r.kind]),
				[
					["relationship", "source_ref:related-to"], // relationship …3, both ends: one referrer, two kinds
					["relationship", "target_ref:related-to"],
					["relationship", "source_ref:indicates"], // relationship …4
					["relationship", "target_ref:derived-from"], // relationship …5
					["report", "object_refs"],
					["sighting", "sighting_of_ref"],
				],
			);
			assert.ok(page.references.every((r) => r.toId === IND_1.id));
			assert.deepEqual(
				(await store.referrersOf(SITE, { limit: 10 })).references.map((r) => r.kind),
				["where_sighted_refs"],
			);
			assert.deepEqual(
				(await store.referrersOf(OBSERVED, { limit: 10 })).references.map((r) => r.kind),
				["observed_data_refs"],
			);
			assert.deepEqual(await store.referrersOf(MALWARE.replace("aa", "ff"), { limit: 10 }), {
				references: [],
				more: false,
			});
		});

		it("pages by referrer id: each once, in order, a referrer's kinds never split", async () => {
			const store = fixture.current();
			const objects = [
				relationship(6, "related-to", IND_1.id, IND_1.id),
				...[6, 7, 8, 9, 10].map((n) => report(n, [IND_1.id])),
			];
			await store.putVersions(batchOf([IND_1, ...objects]));
			const expected = objects.map((o) => o.id).sort();
			const seen: string[] = [];
			const kinds: string[] = [];
			let after: string | undefined;
			for (let pages = 1; ; pages++) {
				const page = await store.referrersOf(IND_1.id, {
					limit: 2,
					...(after === undefined ? {} : { after }),
				});
				const ids = [...new Set(page.references.map((r) => r.fromId))];
				assert.ok(ids.length <= 2, `page ${pages}: ${ids.length} referrers`);
				seen.push(...ids);
				kinds.push(...page.references.map((r) => r.kind));
				after = page.references.at(-1)?.fromId;
				assert.equal(page.more, pages < 3, `page ${pages}`);
				if (!page.more) break;
			}
			assert.deepEqual(seen, expected);
			assert.equal(kinds.filter((k) => k.endsWith(":related-to")).length, 2);
		});

		it("counts every version, forgets a deleted referrer, and refuses a bad limit", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([report(11, [IND_1.id])]));
			await store.putVersions(batchOf([report(11, [IND_2.id], "2024-02-01T00:00:00.000Z")]));
			assert.deepEqual(
				(await store.referrersOf(IND_1.id, { limit: 5 })).references.map((r) => r.fromId),
				[report(11, []).id],
			);
			await store.deleteObject(report(11, []).id);
			assert.deepEqual((await store.referrersOf(IND_1.id, { limit: 5 })).references, []);
			await rejectsWith(store.referrersOf(IND_1.id, { limit: 0 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.referrersOf(IND_1.id, { limit: 1.5 }), "E_STORE_QUERY_INVALID");
		});
	});
}
