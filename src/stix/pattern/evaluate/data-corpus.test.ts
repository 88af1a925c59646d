// The OASIS examples in the shared public data: each file's indicators evaluated over the observed-data beside them.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { evaluatePattern } from "./index.ts";

const DATA =
	process.env.ENTENTE_DATA ?? fileURLToPath(new URL("../../../../../shared/data/", import.meta.url));
const FOLDERS = ["elevator-idioms", "oasis-examples", "oasis-documentation"].map((f) =>
	join(DATA, "stix21", f),
);

type Obj = Record<string, unknown>;

function objectsOf(file: string): Obj[] | undefined {
	try {
		const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
		if (Array.isArray(json)) return json as Obj[];
		const o = json as Obj;
		return Array.isArray(o.objects) ? (o.objects as Obj[]) : [o];
	} catch {
		return undefined;
	}
}

function load(name: string): Obj[] {
	const objects = objectsOf(join(DATA, "stix21", "elevator-idioms", name));
	assert.ok(objects, `${name} is in the shared data`);
	return objects;
}

function patternOf(objects: Obj[], containing: string): string {
	const found = objects.find((o) => o.type === "indicator" && String(o.pattern).includes(containing));
	assert.ok(found, containing);
	return String(found.pattern);
}

describe("OASIS examples: indicators over their observed-data", {
	skip: !existsSync(DATA) && `no data at ${DATA}`,
}, () => {
	it("evaluates every indicator of a file with observed-data, or reports its pattern's errors; never throws", () => {
		let evaluated = 0;
		for (const folder of FOLDERS) {
			if (!existsSync(folder)) continue;
			for (const name of readdirSync(folder).filter((n) => n.endsWith(".json"))) {
				const objects = objectsOf(join(folder, name));
				if (objects === undefined || !objects.some((o) => o.type === "observed-data")) continue;
				for (const indicator of objects.filter((o) => o.type === "indicator" && o.pattern_type === "stix")) {
					const result = evaluatePattern(String(indicator.pattern), objects);
					assert.ok(result.ok || result.errors.length > 0, `${name}: ${JSON.stringify(result)}`);
					if (result.ok) evaluated++;
				}
			}
		}
		assert.ok(evaluated >= 15, `evaluated ${evaluated}`);
	});

	it("account_indicator.json: the user-account pattern matches its observed-data (booleans, t'', nested AND)", () => {
		const objects = load("account_indicator.json");
		const result = evaluatePattern(patternOf(objects, "user-account:is_disabled"), objects);
		assert.ok(result.ok && result.matched, JSON.stringify(result));
		const [binding] = result.bindings;
		assert.equal(binding?.[0]?.id, objects.find((o) => o.type === "observed-data")?.id);
	});

	it("malicious-email-indicator-with-addresses.json: matches once the message has the id the pattern names (from_ref IN, to_refs[*])", () => {
		const objects = load("malicious-email-indicator-with-addresses.json");
		const pattern = patternOf(objects, "email-message:from_ref.value IN");
		const before = evaluatePattern(pattern, objects);
		assert.ok(before.ok && !before.matched); // the example's message carries no message_id
		const withId = objects.map((o) =>
			o.type === "email-message"
				? { ...o, message_id: "20131031123417.u1BKfrXh004925@mail-gw-01.abc.com" }
				: o,
		);
		const after = evaluatePattern(pattern, withId);
		assert.ok(after.ok && after.matched, JSON.stringify(after));
	});

	it("observable_composition.json: a 2-observation AND binds two different observed-data", () => {
		const objects = load("observable_composition.json");
		const files = objects.filter((o) => o.type === "file");
		assert.ok(files.length >= 2);
		const pattern = `[file:name = '${String(files[0]?.name)}'] AND [file:name = '${String(files[1]?.name)}']`;
		const result = evaluatePattern(pattern, objects);
		assert.ok(result.ok && result.matched, JSON.stringify(result));
		assert.notEqual(result.bindings[0]?.[0]?.id, result.bindings[0]?.[1]?.id);
		assert.deepEqual(
			result.issues.filter((i) => i.severity === "error").map((i) => i.path),
			[[objects.findIndex((o) => o.type === "observed-data" && !("object_refs" in o))]],
		);
	});
});
