// The policy file's JSON Schema: the reference scenario passes it, a misspelt or mistyped field fails it, and
// every field an editor completes carries a description.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { policyFileJsonSchema } from "./json-schema.ts";

const SCENARIO = resolve(import.meta.dirname, "../../../examples/policy/reference-scenario.yaml");

/** Every `properties` map of the schema, with where it is. */
function propertyMaps(node: unknown, path = "#"): [string, Record<string, Record<string, unknown>>][] {
	if (typeof node !== "object" || node === null) return [];
	const found: [string, Record<string, Record<string, unknown>>][] = [];
	for (const [key, value] of Object.entries(node)) {
		if (key === "properties") found.push([path, value as Record<string, Record<string, unknown>>]);
		found.push(...propertyMaps(value, `${path}/${key}`));
	}
	return found;
}

describe("policyFileJsonSchema", () => {
	const schema = policyFileJsonSchema();
	const validate = new Ajv2020({ strict: false }).compile(schema);

	it("accepts the reference scenario", () => {
		const file = parse(readFileSync(SCENARIO, "utf8")) as Record<string, unknown>;
		assert.equal(validate(file), true, JSON.stringify(validate.errors));
	});

	it("refuses an unknown key, an unknown sector and a malformed entry key", () => {
		const file = parse(readFileSync(SCENARIO, "utf8")) as {
			parties: Record<string, Record<string, unknown>>;
		};
		const party = file.parties["us-fbi"] as Record<string, unknown>;
		for (const broken of [
			{ ...file, parties: { ...file.parties, "us-fbi": { ...party, colour: "blue" } } },
			{ ...file, parties: { ...file.parties, "us-fbi": { ...party, sector: "banking" } } },
			{ ...file, parties: { ...file.parties, US_FBI: party } },
		])
			assert.equal(validate(broken), false);
	});

	it("describes every field of every entry", () => {
		const undescribed = propertyMaps(schema).flatMap(([path, properties]) =>
			Object.entries(properties)
				.filter(([, property]) => typeof property.description !== "string" || property.description === "")
				.map(([name]) => `${path}/${name}`),
		);
		assert.deepEqual(undescribed, []);
	});
});
