// Agreement with the official STIX 2.1 JSON schemas over every public STIX 2.1 file we hold:
// whatever the schemas reject we reject, and whatever else we reject is a rule the schemas miss.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { sharedData } from "../../../test/support/shared-data.ts";
import type { ValidationIssue } from "../core.ts";
import { META_TYPES, SCO_TYPES, SDO_TYPES } from "../types/categories.ts";
import { type IssueCode, validateObject } from "./index.ts";

/** Error codes we may report on objects the schemas accept, each with why the schemas miss it. */
const SCHEMAS_MISS: Partial<Record<IssueCode, string>> = {
	pattern: "the schemas treat pattern as any string; §9 grammar and rules are checked by src/stix/pattern",
	url: "url-regex.json only says format: uri, which ajv ignores without ajv-formats",
	"ref-type": "SCO reference properties are plain strings in the schemas; §6 names their target types",
	"ref-format": "SCO reference properties are plain strings in the schemas",
	"timestamp-calendar": "timestamp.json's pattern accepts days that do not exist (e.g. 02-31)",
	"time-order": "the schemas cannot compare two properties (modified ≥ created, valid_until > valid_from …)",
	"spec-version": "the schemas accept spec_version 2.0; a STIX 2.1 object carries 2.1",
	selector: "the schemas cannot resolve granular marking selectors against the object",
};

/** Files that are not STIX content at all. */
const NOT_STIX = new Set(["attack/attack-stix-data-index.json"]);

/** Upstream-broken objects (data README) and exactly what we say about them. */
const KNOWN_BROKEN: ReadonlyArray<{ file: string; id: string; errors: ReadonlyArray<[IssueCode, string]> }> =
	[
		{
			file: "elevator-idioms/hostname.json",
			id: "indicator--5ea04c59-d106-4e2a-a15c-293066fc3187",
			errors: [
				["required", "$.pattern"],
				["required", "$.pattern_type"],
			],
		},
		{
			file: "elevator-idioms/kill-chain.json",
			id: "indicator--f33c2b75-aa60-4ffb-9829-3746ef233311",
			errors: [
				["required", "$.pattern"],
				["required", "$.pattern_type"],
			],
		},
		{
			file: "markings/tlp2/using-tlp2.0-green.INVALID-timestamp.json",
			id: "relationship--1621d4d4-b67d-11e3-9670-f01faf20d111",
			errors: [["timestamp", "$.created"]],
		},
	];

const SCHEMA_BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

function jsonFiles(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) jsonFiles(path, out);
		else if (name.endsWith(".json")) out.push(path);
	}
	return out;
}

function schemaFolder(type: string): string | undefined {
	if ((SDO_TYPES as readonly string[]).includes(type)) return "sdos";
	if ((SCO_TYPES as readonly string[]).includes(type)) return "observables";
	if (type === "relationship" || type === "sighting") return "sros";
	if ((META_TYPES as readonly string[]).includes(type)) return "common";
	return undefined;
}

interface Checked {
	file: string;
	object: Record<string, unknown>;
	schemaErrors: string[];
	errors: ValidationIssue[];
}

function checkAll(): Checked[] {
	const root = sharedData("stix21");
	const ajv = new Ajv2020({ unicodeRegExp: false, strict: false, allErrors: true, logger: false });
	for (const file of jsonFiles(join(root, "json-schemas")))
		ajv.addSchema(JSON.parse(readFileSync(file, "utf8")));
	// Custom types: the bundle schema's fallback, with anyOf (its oneOf rejects every custom SDO, which
	// also satisfies cyber-observable-core).
	const custom = ajv.compile({
		anyOf: [
			{ $ref: `${SCHEMA_BASE}common/core.json` },
			{ $ref: `${SCHEMA_BASE}common/cyber-observable-core.json` },
		],
	});
	const out: Checked[] = [];
	for (const path of jsonFiles(root)) {
		const file = relative(root, path);
		if (file.startsWith("json-schemas/") || file.startsWith("pattern-grammar/") || NOT_STIX.has(file))
			continue;
		const document = JSON.parse(readFileSync(path, "utf8"));
		const objects: Record<string, unknown>[] = Array.isArray(document.objects)
			? document.objects
			: [document];
		for (const object of objects) {
			const folder = schemaFolder(String(object.type));
			const validate =
				folder === undefined ? custom : ajv.getSchema(`${SCHEMA_BASE}${folder}/${object.type}.json`);
			assert.ok(validate, `no schema for ${String(object.type)}`);
			const schemaErrors = validate(object)
				? []
				: (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
			const errors = validateObject(object).filter((issue) => issue.severity === "error");
			out.push({ file, object, schemaErrors, errors });
		}
	}
	return out;
}

describe("agreement with the official STIX 2.1 JSON schemas", () => {
	const checked = checkAll();
	const where = (c: Checked) => `${c.file} ${String(c.object.id)}`;

	it("reads every object of the public STIX 2.1 files", () => {
		assert.ok(checked.length > 8000, `only ${checked.length} objects`);
	});

	it("rejects every object the schemas reject", () => {
		const missed = checked.filter((c) => c.schemaErrors.length > 0 && c.errors.length === 0);
		assert.deepEqual(
			missed.map((c) => `${where(c)}: ${c.schemaErrors.join("; ")}`),
			[],
		);
	});

	it("rejects schema-valid objects only for rules the schemas miss", () => {
		const extra = checked
			.filter((c) => c.schemaErrors.length === 0)
			.flatMap((c) =>
				c.errors
					.filter((e) => SCHEMAS_MISS[e.code as IssueCode] === undefined)
					.map((e) => `${where(c)} ${e.code} ${e.path}`),
			);
		assert.deepEqual(extra, []);
	});

	it("names the exact problems of the files broken upstream", () => {
		for (const broken of KNOWN_BROKEN) {
			const found = checked.find((c) => c.file === broken.file && c.object.id === broken.id);
			assert.ok(found, `${broken.file} ${broken.id} not found`);
			assert.ok(found.schemaErrors.length > 0, "the schemas reject it too");
			assert.deepEqual(
				found.errors.map((e) => [e.code, e.path]),
				broken.errors,
			);
		}
	});

	it("accepts SCOs without spec_version (optional for SCOs in 2.1) as the schemas do", () => {
		const apt1 = checked.filter(
			(c) =>
				c.file === "elevator-idioms/Mandiant_APT1_Report.json" &&
				schemaFolder(String(c.object.type)) === "observables",
		);
		const bare = apt1.filter((c) => c.object.spec_version === undefined);
		assert.equal(bare.length, 8);
		for (const c of bare)
			assert.deepEqual(
				c.errors.filter((e) => e.path === "$.spec_version"),
				[],
			);
	});

	it("leaves non-STIX pattern types to their own tools", () => {
		for (const file of [
			"elevator-idioms/ioc-indicator.json",
			"elevator-idioms/snort-test-mechanism.json",
			"elevator-idioms/yara-test-mechanism.json",
		]) {
			const indicators = checked.filter((c) => c.file === file && c.object.type === "indicator");
			assert.ok(
				indicators.some((c) => c.object.pattern_type !== "stix"),
				file,
			);
			for (const c of indicators) {
				if (c.object.pattern_type !== "stix")
					assert.deepEqual(
						c.errors.filter((e) => e.code === "pattern"),
						[],
						where(c),
					);
			}
		}
	});
});
