// Fixtures the Store contract suites share: provenance ids, object builders, a store holder, assertions.
import assert from "node:assert/strict";
import type { StixObject } from "../../../src/stix/core.ts";
import type { NewVersion, Store } from "../../../src/store/store.ts";

/** Provenance used by the contract's fixtures. */
export const ORG_A = "identity--0a0a0a0a-0000-4000-8000-000000000001";
export const ORG_B = "identity--0b0b0b0b-0000-4000-8000-000000000002";

/** RFC 3339 with exactly six fraction digits, as every dateAdded must be. */
export const MICROS_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A small indicator; `n` makes the id, `modified` the version. */
export function indicator(
	n: number,
	modified = "2024-01-01T00:00:00.000Z",
	extra: Partial<StixObject> = {},
): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified,
		pattern: `[ipv4-addr:value = '198.51.100.${n % 256}']`,
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00Z",
		...extra,
	};
}

/** Wraps objects as a batch recorded under `organizationId`. */
export function batchOf(objects: readonly StixObject[], organizationId = ORG_A): NewVersion[] {
	return objects.map((object) => ({ object, provenance: { organizationId, source: "contract" } }));
}

/** Asserts that `promise` rejects with an AppError of `code`. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
	await assert.rejects(promise, (error: unknown) => (error as { code?: unknown }).code === code);
}

/** Holds the store under test; `current()` is the fresh store of the running test. */
export interface StoreFixture {
	current(): Store;
}
