// Every `stix` indicator pattern in the shared public data parses and round-trips, except a listed few that are broken.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { formatPattern, type PatternError, parsePattern } from "./index.ts";

const DATA = process.env.ENTENTE_DATA ?? fileURLToPath(new URL("../../../../shared/data/", import.meta.url));
const ROOTS = [join(DATA, "stix21"), join(DATA, "misp")];

interface Found {
	file: string;
	pattern: string;
}

function collect(dir: string, out: Found[]): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) collect(path, out);
		else if (entry.name.endsWith(".json")) {
			let json: unknown;
			try {
				json = JSON.parse(readFileSync(path, "utf8"));
			} catch {
				continue; // Broken JSON is another test's business.
			}
			visit(json, path.slice(DATA.length), out);
		}
	}
}

function visit(value: unknown, file: string, out: Found[]): void {
	if (Array.isArray(value)) {
		for (const item of value) visit(item, file, out);
	} else if (value !== null && typeof value === "object") {
		const o = value as Record<string, unknown>;
		if (o.type === "indicator" && o.pattern_type === "stix" && typeof o.pattern === "string") {
			out.push({ file, pattern: o.pattern });
		}
		for (const v of Object.values(o)) visit(v, file, out);
	}
}

function stripOffsets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripOffsets);
	if (value === null || typeof value !== "object") return value;
	const entries = Object.entries(value).filter(([key]) => key !== "offset" && key !== "stopOffset");
	return Object.fromEntries(entries.map(([key, v]) => [key, stripOffsets(v)]));
}

/** Patterns in the data that are genuinely invalid, why, and the first error we expect. */
const KNOWN_INVALID: {
	reason: string;
	matches: (f: Found) => boolean;
	expected: (e: PatternError, f: Found) => boolean;
}[] = [
	{
		reason:
			"the STIX 1 → 2 elevator leaves `unconverted_term:mandiant:observable-<uuid>` placeholders for terms it could not convert; `a:b:c` is no object path",
		matches: (f) => f.file.startsWith("stix21/elevator-idioms/") && f.pattern.includes("unconverted_term:"),
		// The syntax error falls inside the placeholder: `:observable-…` or a missing operator after it.
		expected: (e, f) =>
			e.code === "syntax" && e.offset - f.pattern.lastIndexOf("unconverted_term:", e.offset) < 80,
	},
	{
		reason: "icmp-ext has icmp_type_hex and icmp_code_hex (§6.12.3); `icmp_type_code` does not exist",
		matches: (f) => f.file.startsWith("stix21/elevator-idioms/") && f.pattern.includes("icmp_type_code"),
		expected: (e) =>
			e.code === "property" && e.message === "'icmp_type_code' is not a property of the icmp-ext extension",
	},
	{
		reason: "the elevator writes `INVALID-CONDITION` where a STIX 1 condition had no STIX 2 operator",
		matches: (f) => f.file.startsWith("stix21/elevator-idioms/") && f.pattern.includes(" INVALID-CONDITION "),
		expected: (e, f) => e.code === "syntax" && f.pattern.startsWith("INVALID-CONDITION", e.offset),
	},
	{
		reason:
			"the elevator copied a registry path into a MATCHES regex unescaped: `\\J` is no PCRE escape (PCRE2 and Python's re refuse it; only JavaScript read it as `J`)",
		matches: (f) =>
			f.file.startsWith("stix21/elevator-idioms/") && f.pattern.includes("HKEY_CURRENT_CONFIG\\\\J"),
		expected: (e) => e.code === "regex" && e.message.includes("unrecognised escape '\\J'"),
	},
	{
		reason: "process:name is STIX 2.0; STIX 2.1 processes have no name (it is image_ref.name)",
		matches: (f) =>
			f.file.endsWith("external_stix21_to_misp_objects.json") &&
			f.pattern.includes("process:name = 'Friends_From_H'"),
		expected: (e) =>
			e.code === "property" &&
			e.message === "'name' is not a property of process (a STIX 2.0 name; STIX 2.1 uses 'image_ref.name')",
	},
	{
		reason:
			"§9.5: a domain-name and a network-traffic object cannot both satisfy one AND (the MISP domain|port mapping)",
		matches: (f) => f.pattern === "[domain-name:value = 'circl.lu' AND network-traffic:dst_port = '8443']",
		expected: (e) =>
			e.code === "mixed-object-types" &&
			e.message ===
				"comparisons joined by AND must match one object, but 'network-traffic' here cannot be the same object as 'domain-name' before it; join different object types with OR (§9.5)",
	},
];

describe("patterns in the shared public data", { skip: !existsSync(DATA) && `no data at ${DATA}` }, () => {
	const found: Found[] = [];
	for (const root of ROOTS) if (existsSync(root)) collect(root, found);

	it("finds the indicators", () => {
		assert.ok(found.length > 1000, `only ${found.length} stix patterns found under ${DATA}`);
	});

	it("parses every pattern except the known-invalid ones, which fail as expected", () => {
		const unexpected: string[] = [];
		const used = new Set<number>();
		for (const f of found) {
			const result = parsePattern(f.pattern);
			const known = KNOWN_INVALID.findIndex((k) => k.matches(f));
			if (known === -1) {
				if (!result.ok)
					unexpected.push(`${f.file}: ${result.errors[0]?.message}\n${result.errors[0]?.excerpt}`);
				continue;
			}
			used.add(known);
			const entry = KNOWN_INVALID[known];
			const first = result.ok ? undefined : result.errors[0];
			assert.ok(
				first && entry?.expected(first, f),
				`${f.file}: ${first?.message ?? "valid"}\n${first?.excerpt}`,
			);
		}
		assert.deepEqual(unexpected, []);
		assert.deepEqual(
			KNOWN_INVALID.filter((_, i) => !used.has(i)).map((k) => k.reason),
			[],
			"a known-invalid entry matched nothing",
		);
	});

	it("round-trips every valid pattern through formatPattern", () => {
		for (const f of found) {
			const first = parsePattern(f.pattern);
			if (!first.ok) continue;
			const text = formatPattern(first.pattern);
			const again = parsePattern(text);
			assert.ok(again.ok, `${f.file}: ${text}`);
			assert.deepEqual(stripOffsets(again.pattern), stripOffsets(first.pattern));
		}
	});
});
