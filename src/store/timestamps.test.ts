// Tests microsecond formatting and parsing, version keys and cursors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { formatMicros, microsFormatter, parseMicros, versionKey } from "./timestamps.ts";

describe("timestamps", () => {
	it("formats with exactly six fraction digits and round-trips through parseMicros", () => {
		const micros = 1_700_000_000_000_007;
		assert.equal(formatMicros(micros), "2023-11-14T22:13:20.000007Z");
		assert.equal(microsFormatter()(micros), formatMicros(micros));
		assert.equal(parseMicros(formatMicros(micros)), micros);
	});

	it("parses offsets and truncates below a microsecond; rejects impossible dates", () => {
		assert.equal(parseMicros("2023-11-14T23:13:20.0000079+01:00"), 1_700_000_000_000_007);
		assert.equal(parseMicros("2023-11-14T22:13:20Z"), 1_700_000_000_000_000);
		for (const bad of ["2023-02-29T00:00:00Z", "2023-11-14 22:13:20Z", "2023-11-14T24:00:00Z", "now", ""]) {
			assert.equal(parseMicros(bad), undefined, bad);
		}
	});

	it("gives version keys that sort as instants and equal keys to equal instants", () => {
		assert.ok(versionKey("2020-01-01T00:00:00Z") < versionKey("2020-01-01T00:00:00.5Z"));
		assert.ok(versionKey("2020-01-01T00:00:00.45Z") < versionKey("2020-01-01T00:00:00.5Z"));
		assert.ok(versionKey("2020-01-01T00:00:00.999999999Z") < versionKey("2020-01-01T00:00:00.9999999991Z"));
		assert.equal(versionKey("2020-01-01T00:00:00.500Z"), versionKey("2020-01-01T00:00:00.5Z"));
		assert.equal(versionKey("not a timestamp"), "not a timestamp");
	});
});

describe("cursor", () => {
	it("round-trips a position and rejects anything else", () => {
		assert.equal(decodeCursor(encodeCursor(1_700_000_000_000_007)), 1_700_000_000_000_007);
		for (const bad of ["", "%%%", Buffer.from("p1.-1").toString("base64url"), "A".repeat(100)]) {
			assert.throws(() => decodeCursor(bad), { code: "E_STORE_QUERY_INVALID" });
		}
	});
});
