// The policy editor's pure parts: where the cursor is in a policy file (by indentation), what the schema offers
// there, the change forms' choices read from the text, and the side-by-side rows of a version diff.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { z } from "zod";
import { policyFileJsonSchema } from "../src/policy/file/index.ts";
import { agreementSchema, fileSchema, partySchema } from "../src/policy/file/schema.ts";
import { sideBySide } from "../web/src/policy/diff-rows.ts";
import type { JsonSchema } from "../web/src/policy/policy-api.ts";
import { cursorPlace, schemaOptions, siblingKeys } from "../web/src/policy/schema-completion.ts";
import { legalBases, sectionKeys } from "../web/src/policy/section-keys.ts";
import { SCENARIO } from "./support/browser-node.ts";

/** A schema shaped as the contract's GET /policy/schema: sections are maps whose entries have their own schema. */
function contractSchema(): JsonSchema {
	const options = { io: "input", unrepresentable: "any" } as const;
	const root = z.toJSONSchema(fileSchema, options) as JsonSchema;
	const definitions = {
		Party: z.toJSONSchema(partySchema, options) as JsonSchema,
		Agreement: z.toJSONSchema(agreementSchema, options) as JsonSchema,
	};
	return {
		...root,
		$defs: definitions,
		properties: {
			...root.properties,
			parties: { type: "object", additionalProperties: { $ref: "#/$defs/Party" } },
			agreements: { anyOf: [{ type: "object", additionalProperties: { $ref: "#/$defs/Agreement" } }] },
		},
	};
}

const TEXT = readFileSync(SCENARIO, "utf8");
const LINES = TEXT.split("\n");

/** The place and options at the end of `before`, typed on a new line after the scenario's line `after`. */
function at(after: string, before: string) {
	const index = LINES.findIndex((line) => line.startsWith(after));
	assert.ok(index >= 0, after);
	const place = cursorPlace(LINES.slice(0, index + 1), before);
	return {
		place,
		labels: place === undefined ? [] : schemaOptions(contractSchema(), place).map((o) => o.label),
	};
}

describe("policy editor: completion from the schema", () => {
	it("offers a party's keys inside a party, and the top-level keys at the margin", () => {
		const party = at("    trustTier: 3", "    tl");
		assert.deepEqual(party.place, { kind: "key", path: ["parties", "de-uni-cert"], word: "tl" });
		assert.deepEqual(party.labels, ["tlpCeiling"]);
		const top = at("version: 1", "ag");
		assert.deepEqual(top.labels, ["agreements"]);
	});

	it("offers the enum values after a key, in a flow list too, through $ref and anyOf", () => {
		const ceiling = at("    trustTier: 3", "    tlpCeiling: ");
		assert.deepEqual(ceiling.labels.sort(), ["amber", "amber+strict", "clear", "green", "red"]);
		const purposes = at("    kind: bilateral", "    purposes: [network-defence, re");
		assert.deepEqual(purposes.place?.path, ["agreements", "us-uk-cyber-cell", "purposes", "[]"]);
		assert.deepEqual(purposes.labels, ["research"]);
		const kind = at("    name: Academic research exchange", "    kind: ");
		assert.deepEqual(kind.labels, ["bilateral", "multilateral"]);
	});

	it("offers nothing in a comment, a quoted string or a flow map", () => {
		assert.equal(at("    trustTier: 3", "    # tlp").place, undefined);
		assert.equal(at("    trustTier: 3", '    name: "Ex').place, undefined);
	});

	it("leaves out the keys an entry already has", () => {
		const index = LINES.indexOf("    trustTier: 3");
		const present = siblingKeys(LINES, index, 4);
		assert.ok(present.has("name") && present.has("tlpCeiling") && !present.has("clients"));
		const place = cursorPlace(LINES.slice(0, index + 1), "    ");
		assert.ok(place !== undefined);
		const labels = schemaOptions(contractSchema(), place, present).map((option) => option.label);
		assert.ok(labels.includes("clients") && !labels.includes("name"), labels.join());
	});
});

describe("policy editor: completion from the node's own schema (GET /policy/schema)", () => {
	it("reaches a party's, an agreement's and a legal basis's fields and their values", () => {
		const schema = policyFileJsonSchema() as JsonSchema;
		const options = (after: string, before: string) => {
			const index = LINES.findIndex((line) => line.startsWith(after));
			const place = cursorPlace(LINES.slice(0, index + 1), before);
			return place === undefined ? [] : schemaOptions(schema, place).map((option) => option.label);
		};
		assert.deepEqual(options("    trustTier: 3", "    tlpCeiling: ").sort(), [
			"amber",
			"amber+strict",
			"clear",
			"green",
			"red",
		]);
		assert.deepEqual(options("    trustTier: 3", "    sta"), ["status"]);
		assert.deepEqual(options("    kind: bilateral", "    purposes: [network-defence, re"), ["research"]);
		assert.deepEqual(options("      uk-gdpr:", "        vali"), ["validity"]);
		assert.deepEqual(options("version: 1", "comm"), ["communities"]);
	});
});

describe("policy editor: the forms' choices from the text", () => {
	it("reads the entry keys of a section and each jurisdiction's legal bases", () => {
		assert.deepEqual(sectionKeys(TEXT, "agreements"), [
			"us-uk-cyber-cell",
			"jcat",
			"nca-bank",
			"academic-exchange",
		]);
		assert.equal(sectionKeys(TEXT, "parties").length, 8);
		assert.deepEqual(legalBases(TEXT).US, ["cisa-2015"]);
		assert.equal(legalBases(TEXT).EU?.includes("eu-us-dpf"), true);
	});
});

describe("policy editor: a diff side by side", () => {
	it("pairs removals with the additions after them, and folds unchanged stretches", () => {
		const same = (n: number) => ({ op: "=" as const, text: `line ${n}`, fromLine: n, toLine: n });
		const rows = sideBySide([
			...[1, 2, 3, 4, 5, 6, 7, 8].map(same),
			{ op: "-", text: "old a", fromLine: 9 },
			{ op: "-", text: "old b", fromLine: 10 },
			{ op: "+", text: "new a", toLine: 9 },
			same(11),
		]);
		assert.deepEqual(rows[0], { kind: "folded", count: 5 });
		assert.deepEqual(rows[4], {
			kind: "changed",
			left: { line: 9, text: "old a" },
			right: { line: 9, text: "new a" },
		});
		assert.deepEqual(rows[5], { kind: "changed", left: { line: 10, text: "old b" }, right: undefined });
		assert.equal(rows.length, 7);
	});
});
