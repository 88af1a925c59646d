// Packed batches: what the writer thread unpacks is what the caller encoded, byte for byte.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { encodeVersion } from "../encoded-version.ts";
import type { NewVersion } from "../store.ts";
import { packVersions, unpackRows } from "./row-batch.ts";

const provenance = { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "test" };
const decoder = new TextDecoder();

function note(n: number, content: string): StixObject {
	return {
		type: "note",
		spec_version: "2.1",
		id: `note--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		content,
		object_refs: ["indicator--00000000-0000-4000-8000-000000000001"],
	};
}

describe("packVersions / unpackRows", () => {
	it("round-trips rows, including multi-byte text that outgrows the first buffer", () => {
		// Mostly three-byte characters: the buffer sized for ASCII must grow, more than once.
		const contents = ["plain", "ünïcödé", "€".repeat(5000), "𝄞 and \u2028", "", "x".repeat(3)];
		const batch: NewVersion[] = contents.map((content, n) =>
			n % 2 === 0
				? { object: note(n, content), provenance }
				: { encoded: encodeVersion(note(n, content)), provenance, flags: ["unknown-marking"] },
		);
		const rows = unpackRows(packVersions(batch));
		assert.equal(rows.length, contents.length);
		rows.forEach((row, n) => {
			const object = note(n, contents[n] as string);
			const body = row.body;
			assert.equal(typeof body === "string" ? body : decoder.decode(body), JSON.stringify(object));
			assert.equal(row.id, object.id);
			assert.equal(row.type, "note");
			assert.equal(row.version, "2024-01-01T00:00:00.000Z");
			assert.equal(row.organizationId, provenance.organizationId);
			assert.equal(row.source, "test");
			assert.equal(row.flags, n % 2 === 0 ? null : '["unknown-marking"]');
			assert.deepEqual(row.refs, [["indicator--00000000-0000-4000-8000-000000000001", "object_refs"]]);
		});
	});
});
