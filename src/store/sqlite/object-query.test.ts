// Guards the query plans of the common TAXII reads: indexed ranges in date_added order, never a sort of all rows.
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { describe, it } from "node:test";
import { VERSION_COLUMNS } from "../rows.ts";
import { applyMigrations } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { naturalIdKey } from "./object-keys.ts";
import { compileFilter, type ObjectFilter } from "./object-query.ts";

const db = new DatabaseSync(":memory:");
applyMigrations(db, MIGRATIONS, "t");

function plan(filter: ObjectFilter, after: number | undefined): string {
	const { where, params } = compileFilter(filter, after, (ids) => ids.map(naturalIdKey));
	const sql = `SELECT ${VERSION_COLUMNS} FROM objects o WHERE ${where} ORDER BY o.date_added LIMIT ?`;
	return db
		.prepare(`EXPLAIN QUERY PLAN ${sql}`)
		.all(...params, 11)
		.map((row) => String(row.detail))
		.join("\n");
}

describe("object query plans", () => {
	const cases: [string, ObjectFilter, RegExp][] = [
		["latest, paged by added_after", {}, /SEARCH o USING INTEGER PRIMARY KEY \(rowid>\?\)/],
		["all versions, paged", { versions: ["all"] }, /SEARCH o USING INTEGER PRIMARY KEY \(rowid>\?\)/],
		["one type", { types: ["malware"] }, /SEARCH o USING INDEX objects_by_type \(type=\? AND rowid>\?\)/],
		[
			"one organisation",
			{ organizationIds: ["o"] },
			/SEARCH o USING INDEX objects_by_org \(org_id=\? AND rowid>\?\)/,
		],
	];
	for (const [name, filter, expected] of cases) {
		it(`${name}: an indexed range, no sort`, () => {
			const text = plan(filter, 5000);
			assert.match(text, expected);
			assert.doesNotMatch(text, /TEMP B-TREE/);
		});
	}
	it("one id: its key's index range (an observable's statements make `last` an OR: only its versions are sorted)", () => {
		const text = plan({ ids: ["malware--1"] }, 5000);
		assert.match(text, /SEARCH o USING INDEX objects_by_id_key \(id_key=\?/);
		assert.doesNotMatch(text, /SCAN o/);
	});
	it("several ids: their keys' index ranges (only their versions are sorted)", () => {
		const text = plan({ ids: ["malware--1", "malware--2"], versions: ["all"] }, undefined);
		assert.match(text, /SEARCH o USING INDEX objects_by_id_key \(id_key=\?\)/);
	});
	it("last and first versions: one probe of the key index per row, no sort", () => {
		const text = plan({ versions: ["last", "first"] }, 5000);
		assert.match(text, /SEARCH m USING COVERING INDEX objects_by_id_key \(id_key=\?\)/);
		assert.doesNotMatch(text, /TEMP B-TREE|SCAN m/);
	});
});
