import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ISSUE_CODES, validateObject } from "./index.ts";

const ID = "00000000-0000-4000-8000-000000000000";
const IDENTITY = `identity--${ID}`;
const TLP_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
const base = (type: string, extra: Record<string, unknown> = {}) => ({
	type,
	spec_version: "2.1",
	id: `${type}--${ID}`,
	created: "2024-01-01T00:00:00.000Z",
	modified: "2024-01-01T00:00:00.000Z",
	...extra,
});
const indicator = (extra: Record<string, unknown> = {}) =>
	base("indicator", {
		pattern: "[ipv4-addr:value = '198.51.100.3']",
		pattern_type: "stix",
		valid_from: "2024-01-01T00:00:00Z",
		...extra,
	});

/** [code, path] of every issue (errors and warnings) of one object. */
function found(object: unknown, severity?: "error" | "warning"): Array<[string, string]> {
	return validateObject(object)
		.filter((i) => severity === undefined || i.severity === severity)
		.map((i) => [i.code, i.path]);
}

function assertIssue(
	object: unknown,
	code: string,
	path: string,
	severity: "error" | "warning" = "error",
): void {
	const issues = validateObject(object);
	assert.ok(
		issues.some((i) => i.code === code && i.path === path && i.severity === severity),
		`expected ${severity} ${code} at ${path}, got ${JSON.stringify(issues.map((i) => [i.severity, i.code, i.path]))}`,
	);
	assert.ok(code in ISSUE_CODES, `${code} is registered`);
}

describe("validateObject: valid objects", () => {
	it("accepts minimal valid objects of each category", () => {
		assert.deepEqual(found(base("attack-pattern", { name: "x" })), []);
		assert.deepEqual(found(indicator()), []);
		assert.deepEqual(
			found({
				type: "ipv4-addr",
				id: "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
				value: "198.51.100.3",
			}),
			[],
		);
		assert.deepEqual(
			found(
				base("relationship", {
					relationship_type: "uses",
					source_ref: `malware--${ID}`,
					target_ref: `tool--${ID}`,
				}),
			),
			[],
		);
		assert.deepEqual(
			found({
				type: "marking-definition",
				spec_version: "2.1",
				id: TLP_GREEN,
				created: "2017-01-20T00:00:00.000Z",
				definition_type: "tlp",
				name: "TLP:GREEN",
				definition: { tlp: "green" },
			}),
			[],
		);
	});
});

describe("validateObject: one failing object per rule", () => {
	it("not-object, required, type, type-name", () => {
		assert.deepEqual(found([]), [["not-object", "$"]]);
		assertIssue(base("campaign"), "required", "$.name");
		assertIssue(
			{ ...base("campaign", { name: "c" }), spec_version: undefined },
			"required",
			"$.spec_version",
		);
		assertIssue(base("campaign", { name: 3 }), "type", "$.name");
		assertIssue(base("campaign", { name: null }), "type", "$.name");
		assertIssue(base("Bad_Type"), "type-name", "$.type");
	});

	it("id-format, id-type-mismatch, uuid-version (warning), sco-id-mismatch (warning)", () => {
		assertIssue({ ...base("tool", { name: "t" }), id: "tool--123" }, "id-format", "$.id");
		assertIssue({ ...base("tool", { name: "t" }), id: `malware--${ID}` }, "id-type-mismatch", "$.id");
		assertIssue(
			{ ...base("tool", { name: "t" }), id: "tool--1621d4d4-b67d-11e3-9670-f01faf20d111" },
			"uuid-version",
			"$.id",
			"warning",
		);
		assertIssue(
			{ type: "ipv4-addr", id: "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", value: "198.51.100.4" },
			"sco-id-mismatch",
			"$.id",
			"warning",
		);
		assert.deepEqual(
			found({ type: "ipv4-addr", id: `ipv4-addr--${ID}`, value: "198.51.100.4" }),
			[],
			"a v4 SCO id is allowed",
		);
	});

	it("timestamps: format, calendar, precision, order", () => {
		assertIssue(base("tool", { name: "t", modified: "2024-01-01 00:00:00Z" }), "timestamp", "$.modified");
		assertIssue(
			base("campaign", { name: "c", first_seen: "2023-02-29T00:00:00Z" }),
			"timestamp-calendar",
			"$.first_seen",
		);
		assertIssue(
			base("tool", { name: "t", created: "2024-01-01T00:00:00Z" }),
			"timestamp-precision",
			"$.created",
		);
		assertIssue(base("tool", { name: "t", created: "2024-01-02T00:00:00.000Z" }), "time-order", "$.modified");
		assertIssue(indicator({ valid_until: "2024-01-01T00:00:00.000Z" }), "time-order", "$.valid_until");
		assertIssue(
			base("campaign", {
				name: "c",
				first_seen: "2024-01-01T00:00:00.5Z",
				last_seen: "2024-01-01T00:00:00Z",
			}),
			"time-order",
			"$.last_seen",
		);
		assert.deepEqual(
			found(
				base("campaign", {
					name: "c",
					first_seen: "2024-01-01T00:00:00Z",
					last_seen: "2024-01-01T00:00:00.5Z",
				}),
			),
			[],
		);
	});

	it("references: format and target types", () => {
		assertIssue(
			base("tool", { name: "t", created_by_ref: `malware--${ID}` }),
			"ref-type",
			"$.created_by_ref",
		);
		assertIssue(
			base("tool", { name: "t", object_marking_refs: [TLP_GREEN, `identity--${ID}`] }),
			"ref-type",
			"$.object_marking_refs[1]",
		);
		assertIssue(
			base("tool", { name: "t", created_by_ref: "identity--nope" }),
			"ref-format",
			"$.created_by_ref",
		);
		assertIssue(
			base("relationship", {
				relationship_type: "uses",
				source_ref: `sighting--${ID}`,
				target_ref: `tool--${ID}`,
			}),
			"ref-type",
			"$.source_ref",
		);
		assertIssue(
			base("sighting", { sighting_of_ref: `indicator--${ID}`, where_sighted_refs: [`tool--${ID}`] }),
			"ref-type",
			"$.where_sighted_refs[0]",
		);
		assertIssue(
			{ type: "email-message", id: `email-message--${ID}`, is_multipart: false, from_ref: IDENTITY },
			"ref-type",
			"$.from_ref",
		);
	});

	it("ranges, lists, dictionaries, hashes", () => {
		assertIssue(base("tool", { name: "t", confidence: 101 }), "range", "$.confidence");
		assertIssue(
			base("sighting", { sighting_of_ref: `indicator--${ID}`, count: 1_000_000_000 }),
			"range",
			"$.count",
		);
		assertIssue(base("tool", { name: "t", labels: [] }), "empty-list", "$.labels");
		assertIssue(
			{ type: "file", id: `file--${ID}`, name: "a", hashes: { MD5: "abc" } },
			"hash-value",
			"$.hashes.MD5",
		);
		assertIssue(
			{ type: "process", id: `process--${ID}`, environment_variables: {} },
			"empty-dict",
			"$.environment_variables",
		);
		assertIssue(
			{ type: "process", id: `process--${ID}`, environment_variables: { "a b": "c" } },
			"dict-key",
			"$.environment_variables['a b']",
		);
	});

	it("enums are errors, open vocabularies warnings", () => {
		assertIssue(base("opinion", { opinion: "maybe", object_refs: [IDENTITY] }), "enum", "$.opinion");
		assertIssue(
			{ type: "artifact", id: `artifact--${ID}`, payload_bin: "AAAA", encryption_algorithm: "rot13" },
			"enum",
			"$.encryption_algorithm",
		);
		assertIssue(
			base("identity", { name: "i", identity_class: "robot" }),
			"vocab",
			"$.identity_class",
			"warning",
		);
	});

	it("spec_version, lang, url, defanged", () => {
		assertIssue(base("tool", { name: "t", spec_version: "2.0" }), "spec-version", "$.spec_version");
		assertIssue(
			{ type: "url", id: `url--${ID}`, value: "x", spec_version: "2.2" },
			"spec-version",
			"$.spec_version",
		);
		assertIssue(base("tool", { name: "t", lang: "english!" }), "lang", "$.lang");
		assertIssue({ type: "url", id: `url--${ID}`, value: "hugesoft.org" }, "url", "$.value");
		assertIssue(base("tool", { name: "t", defanged: true }), "not-allowed", "$.defanged");
	});

	it("external references and kill chain phases", () => {
		const refs = [
			{ source_name: "a", url: "https://a" },
			{ source_name: "b", url: "https://b" },
			{ source_name: "c", url: "not a url" },
		];
		assertIssue(
			base("tool", { name: "t", external_references: refs }),
			"url",
			"$.external_references[2].url",
		);
		assertIssue(
			base("tool", { name: "t", external_references: [{ url: "https://a" }] }),
			"required",
			"$.external_references[0].source_name",
		);
		assertIssue(
			base("tool", { name: "t", external_references: [{ source_name: "x" }] }),
			"required-one-of",
			"$.external_references[0]",
		);
		assertIssue(
			base("vulnerability", { name: "v", external_references: [{ source_name: "cve" }] }),
			"required",
			"$.external_references[0].external_id",
		);
		assertIssue(
			base("attack-pattern", {
				name: "a",
				external_references: [{ source_name: "capec", external_id: "T1068" }],
			}),
			"format",
			"$.external_references[0].external_id",
		);
		assertIssue(
			base("tool", { name: "t", kill_chain_phases: [{ kill_chain_name: "k" }] }),
			"required",
			"$.kill_chain_phases[0].phase_name",
		);
	});

	it("granular markings: shape and selectors that must resolve", () => {
		const ok = {
			name: "t",
			description: "d",
			external_references: [
				{ source_name: "a", url: "https://a" },
				{ source_name: "b", url: "https://b" },
			],
		};
		const marking = (selectors: string[]) => ({
			...ok,
			granular_markings: [{ marking_ref: TLP_GREEN, selectors }],
		});
		assert.deepEqual(
			found(base("tool", marking(["description", "external_references.[1].source_name"]))),
			[],
		);
		assertIssue(
			base("tool", marking(["description", "external_references.[2].source_name"])),
			"selector",
			"$.granular_markings[0].selectors[1]",
		);
		assertIssue(base("tool", marking(["summary"])), "selector", "$.granular_markings[0].selectors[0]");
		assertIssue(
			base("tool", { ...ok, granular_markings: [{ selectors: ["name"] }] }),
			"required-one-of",
			"$.granular_markings[0]",
		);
		assertIssue(
			base("tool", { ...ok, granular_markings: [{ marking_ref: TLP_GREEN, selectors: [] }] }),
			"empty-list",
			"$.granular_markings[0].selectors",
		);
	});

	it("extensions: keys, extension_type, predefined contents", () => {
		const ext = `extension-definition--${ID}`;
		assert.deepEqual(
			found(
				base("tool", { name: "t", extensions: { [ext]: { extension_type: "property-extension", rank: 1 } } }),
			),
			[],
		);
		assertIssue(
			base("tool", { name: "t", extensions: { [ext]: { rank: 1 } } }),
			"extension",
			`$.extensions['${ext}'].extension_type`,
		);
		assertIssue(
			base("tool", { name: "t", extensions: { [ext]: { extension_type: "new-thing" } } }),
			"enum",
			`$.extensions['${ext}'].extension_type`,
		);
		assertIssue(
			base("tool", { name: "t", extensions: { whatever: {} } }),
			"extension",
			"$.extensions.whatever",
		);
		assertIssue(
			{ type: "file", id: `file--${ID}`, name: "f", extensions: { "ntfs-ext": { sid: 1 } } },
			"type",
			"$.extensions['ntfs-ext'].sid",
		);
		assertIssue(
			{
				type: "network-traffic",
				id: `network-traffic--${ID}`,
				protocols: ["tcp"],
				src_ref: `ipv4-addr--${ID}`,
				extensions: {
					"http-request-ext": {
						request_method: "get",
						request_value: "/",
						request_header: { Accept: "text/plain" },
					},
				},
			},
			"type",
			"$.extensions['http-request-ext'].request_header.Accept",
		);
	});

	it("custom properties and objects", () => {
		assertIssue(base("tool", { name: "t", Rank: 1 }), "property-name", "$.Rank");
		assertIssue(base("tool", { name: "t", severity: "high" }), "reserved-property", "$.severity");
		assertIssue(base("tool", { name: "t", rank: 1 }), "custom-property-prefix", "$.rank", "warning");
		assertIssue(base("tool", { name: "t", x_blob_bin: "not base64!" }), "format", "$.x_blob_bin");
		assertIssue(base("x-acme-widget", { size: 3 }), "custom-object", "$.type", "warning");
		assert.deepEqual(found(base("x-acme-widget", { size: 3 }), "error"), []);
	});

	it("type-specific rules", () => {
		assertIssue(base("malware", { is_family: true }), "required", "$.name");
		assertIssue(base("malware", { name: "m" }), "required", "$.is_family");
		assertIssue(base("location", { latitude: 10 }), "required", "$.longitude");
		assertIssue(base("location", { name: "nowhere" }), "required-one-of", "$");
		assertIssue(
			base("observed-data", {
				first_observed: "2024-01-01T00:00:00Z",
				last_observed: "2024-01-01T00:00:00Z",
				number_observed: 0,
				object_refs: [`ipv4-addr--${ID}`],
			}),
			"range",
			"$.number_observed",
		);
		assertIssue(
			base("observed-data", {
				first_observed: "2024-01-01T00:00:00Z",
				last_observed: "2024-01-01T00:00:00Z",
				number_observed: 1,
			}),
			"required-one-of",
			"$",
		);
		assertIssue(
			base("report", { name: "r", published: "2024-01-01T00:00:00Z", object_refs: [] }),
			"empty-list",
			"$.object_refs",
		);
		assertIssue(
			{ type: "network-traffic", id: `network-traffic--${ID}`, protocols: ["tcp"] },
			"required-one-of",
			"$",
		);
		assertIssue(
			{
				type: "network-traffic",
				id: `network-traffic--${ID}`,
				protocols: ["tcp"],
				dst_ref: `ipv4-addr--${ID}`,
				is_active: true,
				end: "2024-01-01T00:00:00Z",
			},
			"conflict",
			"$.end",
		);
		assertIssue({ type: "artifact", id: `artifact--${ID}`, url: "https://a" }, "required", "$.hashes");
		assertIssue(
			{ type: "email-message", id: `email-message--${ID}`, is_multipart: true, body: "b" },
			"conflict",
			"$.body",
		);
		assertIssue(
			{ type: "windows-registry-key", id: `windows-registry-key--${ID}`, key: "HKLM\\Software" },
			"format",
			"$.key",
		);
		assertIssue({ type: "process", id: `process--${ID}` }, "required-one-of", "$");
		assertIssue({ type: "mac-addr", id: `mac-addr--${ID}`, value: "AA:BB:CC:DD:EE:FF" }, "format", "$.value");
		assertIssue(
			base("extension-definition", { name: "e", schema: "s", version: "1", extension_types: ["new-sdo"] }),
			"required",
			"$.created_by_ref",
		);
	});

	it("marking definitions: statement, TLP canon, never versioned", () => {
		const md = {
			type: "marking-definition",
			spec_version: "2.1",
			id: `marking-definition--${ID}`,
			created: "2024-01-01T00:00:00.000Z",
		};
		assertIssue(
			{ ...md, definition_type: "statement", definition: {} },
			"required",
			"$.definition.statement",
		);
		assertIssue(md, "required", "$.definition_type");
		assertIssue(
			{ ...md, definition_type: "tlp", name: "TLP:GREEN", definition: { tlp: "green" } },
			"tlp",
			"$.id",
		);
		assertIssue(
			{ ...md, definition_type: "statement", definition: { statement: "s" }, modified: md.created },
			"unversioned",
			"$.modified",
			"warning",
		);
	});

	it("indicator patterns go to the pattern checker, reported at $.pattern", () => {
		const issues = validateObject(indicator({ pattern: "[ipv4-addr:value = ]" }));
		const pattern = issues.filter((i) => i.code === "pattern");
		assert.ok(pattern.length > 0);
		for (const issue of pattern) {
			assert.equal(issue.path, "$.pattern");
			assert.match(issue.message, /^at offset \d+: /);
		}
		assert.deepEqual(found(indicator({ pattern_type: "yara", pattern: "rule x {}" })), []);
	});
});

describe("validateObject: reports every issue, not the first", () => {
	it("collects issues from all properties at once", () => {
		const object = {
			...base("tool", { confidence: -1, labels: [], created_by_ref: "identity--x", x_ok: 1, Bad: 2 }),
			modified: "2023-01-01T00:00:00.000Z",
		};
		assert.deepEqual(found(object, "error").sort(), [
			["empty-list", "$.labels"],
			["property-name", "$.Bad"],
			["range", "$.confidence"],
			["ref-format", "$.created_by_ref"],
			["required", "$.name"],
			["time-order", "$.modified"],
		]);
	});
});
