// The observables a pattern names: their ids must be the ids the node would derive for them (the gate looks them up).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { StixObject } from "../../stix/core.ts";
import { scoId } from "../../stix/ids/index.ts";
import { patternMentions } from "./pattern-mentions.ts";

const indicator = (pattern: string): StixObject =>
	({
		type: "indicator",
		id: "indicator--00000000-0000-4000-8000-000000000001",
		pattern,
		pattern_type: "stix",
	}) as StixObject;
const quoted = (value: string): string => value.replaceAll("\\", "\\\\").replaceAll("'", "\\'");

describe("patternMentions", () => {
	it("names a mentioned value with the SCO id of that value, escapes and non-ASCII included", () => {
		for (const value of [
			"198.51.100.7",
			'a"b.example',
			"back\\slash.example",
			"bücher.example",
			"x\u2028y",
		]) {
			const [mention] = patternMentions(indicator(`[domain-name:value = '${quoted(value)}']`)) ?? [];
			assert.equal(mention?.value, value);
			assert.equal(mention?.id, scoId({ type: "domain-name", value }), value);
		}
	});

	it("derives the same id as scoId for any string value", () => {
		fc.assert(
			fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (value) => {
				const [mention] = patternMentions(indicator(`[email-addr:value = '${quoted(value)}']`)) ?? [];
				return mention === undefined || mention.id === scoId({ type: "email-addr", value });
			}),
			{ numRuns: 2000 },
		);
	});
});
