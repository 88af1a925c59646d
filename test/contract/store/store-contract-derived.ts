// Store contract: derived ids (D29) are recorded idempotently and read back by derived id only.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const DERIVED = "ipv4-addr--00000000-0000-5000-8000-0000000000d1";
const OTHER_DERIVED = "ipv4-addr--00000000-0000-5000-8000-0000000000d2";
const ORIGINAL_1 = "ipv4-addr--00000000-0000-5000-8000-0000000000a1";
const ORIGINAL_2 = "ipv4-addr--00000000-0000-5000-8000-0000000000a2";

export function registerDerivedIdsContract(fixture: StoreFixture): void {
	describe("derived ids", () => {
		it("answers nothing for an id never recorded", async () => {
			assert.deepEqual(await fixture.current().originalsOf(DERIVED), []);
		});

		it("records pairs once, however often they are recorded, and reads them by derived id", async () => {
			const store = fixture.current();
			await store.recordDerivedIds([]);
			await store.recordDerivedIds([
				{ derivedId: DERIVED, originalId: ORIGINAL_2 },
				{ derivedId: OTHER_DERIVED, originalId: ORIGINAL_1 },
			]);
			await store.recordDerivedIds([
				{ derivedId: DERIVED, originalId: ORIGINAL_1 },
				{ derivedId: DERIVED, originalId: ORIGINAL_2 },
				{ derivedId: DERIVED, originalId: ORIGINAL_2 },
			]);
			assert.deepEqual(await store.originalsOf(DERIVED), [ORIGINAL_1, ORIGINAL_2]);
			assert.deepEqual(await store.originalsOf(OTHER_DERIVED), [ORIGINAL_1]);
			// The mapping is one way: an original is not a derived id.
			assert.deepEqual(await store.originalsOf(ORIGINAL_1), []);
		});

		it("refuses both after close", async () => {
			const store = fixture.current();
			await store.close();
			await rejectsWith(store.originalsOf(DERIVED), "E_STORE_CLOSED");
			await rejectsWith(
				store.recordDerivedIds([{ derivedId: DERIVED, originalId: ORIGINAL_1 }]),
				"E_STORE_CLOSED",
			);
		});
	});
}
