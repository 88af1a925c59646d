// observablesOf() over every indicator and SCO in the shared public STIX and MISP data: it never throws, every
// value it finds is a normal form, and it finds the values of the patterns that are plain value comparisons.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { StixObject } from "../stix/core.ts";
import { SCO_TYPES } from "../stix/types/index.ts";
import { normalise } from "./normalise.ts";
import { observablesOf } from "./observables-of.ts";

const DATA = fileURLToPath(new URL("../../../shared/data/", import.meta.url));
const ROOTS = [join(DATA, "stix21"), join(DATA, "misp")];
const SCO: ReadonlySet<string> = new Set(SCO_TYPES);

function collect(dir: string, out: StixObject[]): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) collect(path, out);
		else if (entry.name.endsWith(".json")) {
			try {
				visit(JSON.parse(readFileSync(path, "utf8")), out);
			} catch {
				// Broken JSON is the JSON reader's tests' business.
			}
		}
	}
}

function visit(value: unknown, out: StixObject[]): void {
	if (Array.isArray(value)) for (const item of value) visit(item, out);
	else if (value !== null && typeof value === "object") {
		const o = value as Record<string, unknown>;
		if (typeof o.type === "string" && typeof o.id === "string" && (o.type === "indicator" || SCO.has(o.type)))
			out.push(o as StixObject);
		for (const child of Object.values(o)) if (typeof child === "object") visit(child, out);
	}
}

/** `[type:path = 'value']` alone, for a path observablesOf knows. */
const PLAIN =
	/^\[(?:ipv4-addr:value|ipv6-addr:value|domain-name:value|url:value|email-addr:value|mutex:name|file:name|file:hashes\.(?:MD5|'SHA-1'|'SHA-256'))\s*=\s*'[^'\\]*'\]$/;

describe("observablesOf over the shared data", {
	skip: !existsSync(DATA) && `no shared data at ${DATA}`,
}, () => {
	const objects: StixObject[] = [];
	for (const root of ROOTS) if (existsSync(root)) collect(root, objects);
	const indicators = objects.filter((o) => o.type === "indicator");
	const scos = objects.filter((o) => o.type !== "indicator");

	it("finds normal forms only, in indicators and SCOs alike", () => {
		let values = 0;
		for (const object of objects) {
			for (const found of observablesOf(object)) {
				values++;
				assert.equal(normalise(found.kind, found.value).value, found.value, `${object.id} ${found.path}`);
			}
		}
		assert.ok(
			indicators.length > 500 && scos.length > 300,
			`${indicators.length} indicators, ${scos.length} SCOs`,
		);
		assert.ok(values > 1000, `${values} values`);
	});

	it("finds the value of every plain one-comparison pattern", () => {
		const plain = indicators.filter((o) => typeof o.pattern === "string" && PLAIN.test(o.pattern));
		assert.ok(plain.length > 200, `${plain.length} plain patterns`);
		const missed = plain.filter((o) => observablesOf(o).length !== 1).map((o) => o.pattern);
		assert.deepEqual(missed, []);
	});

	it("reads plain patterns without the parser exactly as the parser does", () => {
		for (const o of indicators) {
			const pattern = o.pattern;
			if (
				typeof pattern !== "string" ||
				!pattern.startsWith("[") ||
				pattern.indexOf("]") !== pattern.length - 1
			)
				continue; // one observation only, so that grouping its inside stays one pattern
			const grouped = { ...o, pattern: `[(${pattern.slice(1, -1)})]` }; // a group: the parser's path
			assert.deepEqual(observablesOf(o), observablesOf(grouped), pattern);
		}
	});
});
