// Tests the marking catalogue against the published TLP 2.0 objects, the spec's TLP 1.0 objects and real data.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedData } from "../../../test/support/shared-data.ts";
import {
	classifyMarking,
	classifyMarkingDefinition,
	HANDLING_IDS,
	isKnownMarkingRef,
	knownMarkings,
	PAP_IDS,
	TLP1_DEFINITIONS,
	TLP2_DEFINITIONS,
	TLP2_EXTENSION_ID,
	validateIep,
} from "./index.ts";

const readObjects = (...path: string[]): Record<string, unknown>[] =>
	(JSON.parse(readFileSync(sharedData(...path), "utf8")) as { objects: Record<string, unknown>[] }).objects;

describe("marking catalogue", () => {
	it("pins the five TLP 2.0 definitions exactly as published", () => {
		for (const level of ["clear", "green", "amber", "amber+strict", "red"] as const) {
			const [published] = readObjects("stix21", "markings", "tlp2", `tlp-${level}.json`);
			assert.deepEqual(TLP2_DEFINITIONS[level], published);
			assert.deepEqual(classifyMarking(String(published?.id)), {
				kind: "tlp2",
				level,
				id: published?.id,
				name: published?.name,
			});
		}
		const [extension] = readObjects(
			"stix21",
			"markings",
			"tlp2",
			"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json",
		);
		assert.equal(extension?.id, TLP2_EXTENSION_ID);
	});

	it("pins TLP 1.0 with the spec's created timestamp and ids", () => {
		assert.equal(TLP1_DEFINITIONS.white.id, "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");
		assert.equal(TLP1_DEFINITIONS.red.created, "2017-01-20T00:00:00.000Z");
		assert.deepEqual(TLP1_DEFINITIONS.green.definition, { tlp: "green" });
		assert.equal(classifyMarking(TLP1_DEFINITIONS.amber.id)?.kind, "tlp1");
	});

	it("knows PAP (CLEAR included) and handling codes, and nothing else", () => {
		assert.equal(classifyMarking(PAP_IDS.clear)?.name, "PAP:CLEAR");
		assert.equal(classifyMarking("marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e")?.level, "red");
		assert.deepEqual(classifyMarking(HANDLING_IDS.h2), {
			kind: "handling",
			level: "h2",
			id: HANDLING_IDS.h2,
			name: "H2",
		});
		assert.equal(isKnownMarkingRef("marking-definition--00000000-0000-4000-8000-000000000000"), false);
		assert.equal(knownMarkings().length, 4 + 5 + 5 + 4);
		assert.equal(new Set(knownMarkings().map((m) => m.id)).size, knownMarkings().length);
	});

	it("classifies marking definitions seen in data", () => {
		const attack = readObjects("stix20", "attack", "enterprise-attack-assembled.json").filter(
			(o) => o.type === "marking-definition",
		);
		assert.ok(attack.length > 0);
		for (const object of attack) assert.equal(classifyMarkingDefinition(object).kind, "statement");
		for (const object of Object.values(TLP2_DEFINITIONS))
			assert.equal(classifyMarkingDefinition(object).kind, "known");
		for (const object of Object.values(TLP1_DEFINITIONS))
			assert.equal(classifyMarkingDefinition(object).kind, "known");
	});

	it("flags TLP with a wrong id, or content that contradicts its id, as suspicious", () => {
		const wrongId = {
			...TLP2_DEFINITIONS.amber,
			id: "marking-definition--f88d31f6-486f-44da-b317-000000000000",
		};
		assert.equal(classifyMarkingDefinition(wrongId).kind, "suspicious");
		const byName = {
			type: "marking-definition",
			id: "marking-definition--1",
			name: "TLP: RED",
			definition_type: "statement",
			definition: { statement: "x" },
		};
		assert.equal(classifyMarkingDefinition(byName).kind, "suspicious");
		const contradicts = { ...TLP1_DEFINITIONS.white, definition: { tlp: "red" } };
		assert.match(
			JSON.stringify(classifyMarkingDefinition(contradicts)),
			/id of TLP:WHITE but content says TLP:RED/,
		);
		assert.equal(classifyMarkingDefinition({ type: "indicator", id: "indicator--1" }).kind, "unknown");
	});

	it("validates IEP 2.0 fields, reporting every issue", () => {
		const good = {
			name: "CSIRT default",
			iep_version: "2.0",
			start_date: "2024-01-01T00:00:00Z",
			end_date: null,
			encrypt_in_transit: "must",
			permitted_actions: "internally-visible-actions",
			affected_party_notifications: "may",
			tlp: "amber",
			attribution: "must-not",
			unmodified_resale: "must-not",
		};
		assert.equal(validateIep(good).issues.length, 0);
		assert.ok(validateIep(good).policy);
		const bad = validateIep({
			...good,
			iep_version: "1.0",
			tlp: "clear",
			attribution: undefined,
			encrypt_at_rest: "must",
		});
		assert.equal(bad.policy, undefined);
		assert.deepEqual(bad.issues.map((issue) => issue.path).sort(), [
			"$.attribution",
			"$.encrypt_at_rest",
			"$.iep_version",
			"$.tlp",
		]);
		const marking = {
			type: "marking-definition",
			id: "marking-definition--2",
			extensions: { "extension-definition--762e2e97-ee51-43e5-a9ea-165fbb862c4a": good },
		};
		assert.equal(classifyMarkingDefinition(marking).kind, "iep");
	});
});
