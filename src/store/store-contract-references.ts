// Store contract: backward references (referencesTo) are recorded on write, span versions, and go with a delete.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import { batchOf, indicator, type StoreFixture } from "./store-contract-fixtures.ts";

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
}
