// Markings in the web UI are named, never shown as a raw id (issue 16 §7): the catalogue's by name, others by
// their definition — an IEP's name, a statement's first words, their own name (web/src/markings.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IEP_EXTENSION_ID, TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { definitionLabel, firstWords, markingLook } from "../web/src/markings.ts";

const ID = "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168";

describe("marking names in the web UI", () => {
	it("names pinned markings by the catalogue, and never shows an unpinned one's id", () => {
		assert.equal(markingLook(TLP2_DEFINITIONS.amber.id).label, "TLP:AMBER");
		assert.equal(markingLook(ID).label, "marking");
		assert.doesNotMatch(markingLook(ID).label, /fa42a846/);
		assert.match(markingLook(ID).description, /fa42a846/, "the id stays in the tooltip");
	});

	it("names a statement by its first words", () => {
		const statement = {
			type: "marking-definition",
			spec_version: "2.1",
			id: ID,
			created: "2026-01-01T00:00:00.000Z",
			definition_type: "statement",
			definition: { statement: "Copyright 2026 ACME Corp. Shared under the sector agreement only." },
		};
		assert.equal(definitionLabel(statement), "Copyright 2026 ACME Corp. Shared…");
		assert.equal(definitionLabel({ ...statement, name: "ACME copyright" }), "ACME copyright");
	});

	it("names an IEP by its policy name", () => {
		const iep = {
			type: "marking-definition",
			spec_version: "2.1",
			id: ID,
			created: "2026-01-01T00:00:00.000Z",
			extensions: {
				[IEP_EXTENSION_ID]: {
					extension_type: "property-extension",
					name: "FIRST IEP for members",
					iep_version: "2.0",
				},
			},
		};
		assert.equal(definitionLabel(iep), "IEP: FIRST IEP for members");
	});

	it("names a TLP definition under its pinned id by the catalogue, and says nothing for a bare one", () => {
		assert.equal(definitionLabel(TLP2_DEFINITIONS.amber), "TLP:AMBER");
		assert.equal(definitionLabel({ type: "marking-definition", id: ID }), undefined);
	});

	it("cuts long words at 40 characters", () => {
		assert.equal(firstWords("a".repeat(60)), `${"a".repeat(40)}…`);
		assert.equal(firstWords("short one"), "short one");
	});
});
