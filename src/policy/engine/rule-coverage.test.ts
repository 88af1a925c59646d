// Guards issue #4's "one scenario test per rule, each asserting the trace too": a rule added to RULES without one fails here.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { RULES } from "./rule-names.ts";

const here = new URL(".", import.meta.url);

describe("rule coverage", () => {
	it("every rule has a describe block of scenario tests that asserts its trace step", async () => {
		const files = (await readdir(here)).filter((name) => /^rules-.*\.test\.ts$/.test(name));
		const sources = await Promise.all(files.map((name) => readFile(new URL(name, here), "utf8")));
		const text = sources.join("\n");
		const missing = RULES.filter((rule) => {
			const quoted = JSON.stringify(rule);
			const described = text.includes(`describe(${quoted}`);
			const traced = text.includes(`, ${quoted})`) || text.includes(`rule: ${quoted}`);
			return !(described && traced);
		});
		assert.deepEqual(missing, [], "rules without a scenario test asserting their trace step");
	});
});
