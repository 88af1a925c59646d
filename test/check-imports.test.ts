// The room checker (scripts/check-imports.ts, D42) over small fake repositories: each rule passes a tree that
// keeps it and fails one that breaks it, with the file, line and fix.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { checkRooms, type Violation } from "../scripts/rooms/check-rooms.ts";
import { scanImports } from "../scripts/rooms/scan-imports.ts";
import { readTree } from "../scripts/rooms/tree.ts";
import { fakeTree } from "./support/room-tree.ts";

const run = promisify(execFile);
const CHECKER = fileURLToPath(new URL("../scripts/check-imports.ts", import.meta.url));

/** Three rooms in a line, each importing the one below through its public face. */
const LAYERED = {
	errors: {},
	stix: { mayImport: ["errors"], neverImportedBy: ["errors"] },
	store: { mayImport: ["errors", "stix"] },
};
const LAYERED_FILES = {
	"src/errors/index.ts": "export class AppError extends Error {}\n",
	"src/stix/index.ts": 'import { AppError } from "../errors/index.ts";\nexport const e = AppError;\n',
	"src/store/index.ts": 'export { s } from "./sqlite/store.ts";\n',
	"src/store/sqlite/store.ts": 'import { e } from "../../stix/index.ts";\nexport const s = e;\n',
};

function violationsOf(rooms: Parameters<typeof fakeTree>[0], files: Record<string, string>): Violation[] {
	return checkRooms(readTree(fakeTree(rooms, files)));
}

function brief(violations: Violation[]): string[] {
	return violations.map((violation) => `${violation.file}:${violation.line} ${violation.rule}`);
}

describe("scanImports", () => {
	it("finds static, type-only, re-exported, side-effect and dynamic imports with their lines", () => {
		const source = [
			'import { a } from "./a.ts";',
			'import type { B } from "./b.ts";',
			"import {",
			"\ttype C,",
			"\td,",
			'} from "./cd.ts";',
			'export { e } from "./e.ts";',
			'export type { F } from "./f.ts";',
			'import "./side-effect.ts";',
			'const g = await import("./g.ts");',
			'let h: import("./h.ts").H;',
		].join("\n");
		assert.deepEqual(
			scanImports(source).map((site) => [site.specifier, site.line, site.typeOnly]),
			[
				["./a.ts", 1, false],
				["./b.ts", 2, true],
				["./cd.ts", 6, false],
				["./e.ts", 7, false],
				["./f.ts", 8, true],
				["./side-effect.ts", 9, false],
				["./g.ts", 10, false],
				["./h.ts", 11, true],
			],
		);
	});

	it("ignores what only looks like an import: comments, templates, strings, regex literals, Array.from", () => {
		const source = [
			'// import { x } from "./comment.ts";',
			'/* export * from "./block.ts"; */',
			'const fake = `import { y } from "./template.ts";`;',
			// biome-ignore lint/suspicious/noTemplateCurlyInString: source text holding a template with a placeholder
			'const nested = `${`import "./inner.ts"`}`;',
			"const quote = /[\"'`]/g;",
			'const text = "import { z } from ./string.ts";',
			'const list = Array.from("abc");',
			"export function Note() {",
			'\treturn <p>Copied from "the bundle"</p>;',
			"}",
			'import { real } from "./real.ts";',
		].join("\n");
		assert.deepEqual(
			scanImports(source).map((site) => site.specifier),
			["./real.ts"],
		);
	});
});

describe("checkRooms", () => {
	it("passes a tree that keeps every rule", () => {
		assert.deepEqual(brief(violationsOf(LAYERED, LAYERED_FILES)), []);
	});

	it("(a) fails an import of a room the README does not allow, naming file, line, rule and fix", () => {
		const violations = violationsOf(LAYERED, {
			...LAYERED_FILES,
			"src/stix/bad.ts": '// a comment first\nimport { s } from "../store/index.ts";\nexport const t = s;\n',
		});
		assert.deepEqual(brief(violations).slice(0, 1), ["src/stix/bad.ts:2 direction"]);
		const [first] = violations;
		assert.match(first?.message ?? "", /imports room store \(\.\.\/store\/index\.ts\), which stix may not/);
		assert.match(first?.message ?? "", /src\/stix\/README\.md: "May import: errors"/);
		assert.match(first?.message ?? "", /pass what it needs in as a parameter/);
	});

	it("(a) allows only types from a room on the 'May import types from:' line", () => {
		const rooms = { ...LAYERED, log: {}, ingest: { mayImport: ["store"], mayImportTypes: ["log"] } };
		const files = {
			...LAYERED_FILES,
			"src/log/index.ts": "export type Logger = { info(): void };\nexport const make = 1;\n",
		};
		const typeOnly = 'import type { Logger } from "../log/index.ts";\nexport type L = Logger;\n';
		assert.deepEqual(brief(violationsOf(rooms, { ...files, "src/ingest/index.ts": typeOnly })), []);
		const value = 'import { make } from "../log/index.ts";\nexport const m = make;\n';
		const violations = violationsOf(rooms, { ...files, "src/ingest/index.ts": value });
		assert.deepEqual(brief(violations), ["src/ingest/index.ts:1 direction"]);
		assert.match(violations[0]?.message ?? "", /may import only its types .* write "import type"/);
	});

	it("(a) lets main.ts import every room, and only rooms that list main import it", () => {
		const rooms = { ...LAYERED, cli: { mayImport: ["main"] } };
		const files = {
			...LAYERED_FILES,
			"src/main.ts": 'import { s } from "./store/index.ts";\nexport const open = s;\n',
			"src/cli/index.ts": 'import { open } from "../main.ts";\nexport const c = open;\n',
		};
		assert.deepEqual(brief(violationsOf(rooms, files)), []);
		const intruder = {
			...files,
			"src/stix/open.ts": 'import { open } from "../main.ts";\nexport const o = open;\n',
		};
		assert.ok(brief(violationsOf(rooms, intruder)).includes("src/stix/open.ts:1 direction"));
	});

	it("(b) fails a deep import into another room, and passes one listed on its 'Public face:' line", () => {
		const deep = {
			...LAYERED_FILES,
			"src/stix/deep.ts":
				'import type { AppError } from "../errors/app-error.ts";\nexport type D = AppError;\n',
			"src/errors/app-error.ts": "export class AppError {}\n",
		};
		const violations = violationsOf(LAYERED, deep);
		assert.deepEqual(brief(violations), ["src/stix/deep.ts:1 public-face"]);
		assert.match(violations[0]?.message ?? "", /import it from errors's public face \(index\.ts\)/);
		const listed = { ...LAYERED, errors: { publicFace: ["index.ts", "app-error.ts"] } };
		assert.deepEqual(brief(violationsOf(listed, deep)), []);
	});

	it("(b) holds a room's own tests to public faces too, but lets them import any room", () => {
		const files = {
			...LAYERED_FILES,
			"src/stix/stix.test.ts": 'import { s } from "../store/index.ts";\nimport "../store/sqlite/store.ts";\n',
		};
		assert.deepEqual(brief(violationsOf(LAYERED, files)), ["src/stix/stix.test.ts:2 public-face"]);
	});

	it("(c) fails production code that imports test code, by path, by #test/ alias or a *.test.ts; tests may", () => {
		const files = {
			...LAYERED_FILES,
			"test/support/node.ts": "export const node = 1;\n",
			"src/store/store.test.ts": 'import { node } from "#test/support/node.ts";\nexport const n = node;\n',
			"src/store/by-alias.ts": 'import { node } from "#test/support/node.ts";\nexport const a = node;\n',
			"src/store/by-path.ts": 'import { node } from "../../test/support/node.ts";\nexport const b = node;\n',
			"src/stix/from-test.ts": 'import { n } from "../store/store.test.ts";\nexport const c = n;\n',
		};
		const violations = violationsOf(LAYERED, files).filter((violation) => violation.rule === "test-code");
		assert.deepEqual(brief(violations), [
			"src/stix/from-test.ts:1 test-code",
			"src/store/by-alias.ts:1 test-code",
			"src/store/by-path.ts:1 test-code",
		]);
		assert.match(violations[0]?.message ?? "", /production code never does/);
	});

	it("(e) fails production code that imports an npm package its room's README does not name; built-ins, tests and main.ts are free", () => {
		const rooms = { ...LAYERED, store: { mayImport: ["errors", "stix"], mayUsePackages: ["pg"] } };
		const files = {
			...LAYERED_FILES,
			"src/store/pool.ts":
				'import pg from "pg";\nimport { join } from "node:path";\nexport const p = [pg, join];\n',
			"src/store/scoped.ts": 'import { serve } from "@hono/node-server/serve";\nexport const q = serve;\n',
			"src/stix/parse.ts": 'import { parse } from "yaml";\nexport const y = parse;\n',
			"src/stix/stix.test.ts": 'import fc from "fast-check";\nexport const f = fc;\n',
			"src/main.ts": 'import { Command } from "commander";\nexport const m = Command;\n',
			"test/helper.ts": 'import { chromium } from "playwright-core";\nexport const c = chromium;\n',
		};
		const violations = violationsOf(rooms, files).filter((violation) => violation.rule === "package");
		assert.deepEqual(brief(violations), ["src/stix/parse.ts:1 package", "src/store/scoped.ts:1 package"]);
		assert.match(
			violations[0]?.message ?? "",
			/package yaml, which room stix may not use \(src\/stix\/README\.md has no "May use packages:" line\)/,
		);
		assert.match(
			violations[1]?.message ?? "",
			/package @hono\/node-server, which room store may not use .*"May use packages: pg"/,
		);
	});

	it("lets test/, bench/ and scripts/ import any file of src/", () => {
		const files = {
			...LAYERED_FILES,
			"test/store.test.ts": 'import { s } from "../src/store/sqlite/store.ts";\nexport const t = s;\n',
			"bench/store.ts": 'import { s } from "#src/store/sqlite/store.ts";\nexport const b = s;\n',
			"scripts/tool.ts": 'import { s } from "../src/store/sqlite/store.ts";\nexport const c = s;\n',
		};
		assert.deepEqual(brief(violationsOf(LAYERED, files)), []);
	});

	it("(d) fails rooms that import each other, directly or through others, naming each import", () => {
		const rooms = { errors: {}, a: { mayImport: ["b"] }, b: { mayImport: ["c"] }, c: {} };
		const files = {
			"src/a/index.ts": 'export { b } from "../b/index.ts";\n',
			"src/b/index.ts": 'export { c } from "../c/index.ts";\nexport const b = 1;\n',
			"src/c/index.ts": 'import { a } from "../a/index.ts";\nexport const c = a;\n',
		};
		const violations = violationsOf(rooms, files).filter((violation) => violation.rule === "room-cycle");
		assert.equal(violations.length, 1);
		assert.match(violations[0]?.message ?? "", /cycle a → b → c → a/);
		assert.match(violations[0]?.message ?? "", /src\/c\/index\.ts:1 imports \.\.\/a\/index\.ts/);
	});

	it("(d) fails READMEs that allow a cycle of rooms, even before any code imports it", () => {
		const rooms = { a: { mayImport: ["b"] }, b: { mayImport: ["a"] } };
		const violations = violationsOf(rooms, {
			"src/a/index.ts": "export const a = 1;\n",
			"src/b/index.ts": "export const b = 1;\n",
		});
		assert.deepEqual(brief(violations), ["src/a/README.md:1 room-cycle"]);
		assert.match(violations[0]?.message ?? "", /allow a cycle of rooms a → b → a/);
	});

	it("fails a file loose at the top of src/ (main.ts alone may be there)", () => {
		const files = {
			...LAYERED_FILES,
			"src/main.ts": "export const main = 1;\n",
			"src/gate-sources.ts": "export const g = 1;\n",
		};
		const violations = violationsOf(LAYERED, files);
		assert.deepEqual(brief(violations), ["src/gate-sources.ts:1 loose-file"]);
		assert.match(violations[0]?.message ?? "", /is in no room: move it/);
	});

	it("fails a room without README, a README without rules, unknown rooms, contradictions and missing faces", () => {
		const root = fakeTree(
			{
				...LAYERED,
				stix: {
					mayImport: ["errors", "nosuch"],
					neverImportedBy: ["store"],
					publicFace: ["index.ts", "gone.ts"],
					notes: "- `index.ts` — here.\n- `errors/index.ts` — under src/.\n- `renamed.ts` — gone.",
				},
			},
			{
				...LAYERED_FILES,
				"src/orphan/index.ts": "export const o = 1;\n",
				"src/policy/README.md": "# policy/ — decides\n",
			},
		);
		const messages = checkRooms(readTree(root)).map((violation) => `${violation.file} ${violation.message}`);
		const expected = [
			/^src\/orphan\/README\.md room orphan has no README/,
			/^src\/policy\/README\.md no "May import:" line/,
			/^src\/stix\/README\.md stix\/ names "nosuch", which is not a room/,
			/^src\/stix\/README\.md stix\/ "Public face:" names gone\.ts, which does not exist/,
			/^src\/stix\/README\.md stix\/ says store must never import stix, but src\/store\/README\.md allows it/,
			/^src\/stix\/README\.md names renamed\.ts, which exists neither in src\/stix\/ nor under src\//,
		];
		for (const pattern of expected)
			assert.ok(
				messages.some((message) => pattern.test(message)),
				`${pattern}\n${messages.join("\n")}`,
			);
	});

	it("applies web/README.md to the web UI's imports of src/", () => {
		const rooms = { ...LAYERED, web: { mayImport: ["stix"], publicFace: [] } };
		const files = {
			...LAYERED_FILES,
			"web/src/ok.tsx": 'import { e } from "../../src/stix/index.ts";\nexport const ok = e;\n',
			"web/src/bad.ts": 'import { s } from "../../src/store/index.ts";\nexport const bad = s;\n',
		};
		assert.deepEqual(brief(violationsOf(rooms, files)), ["web/src/bad.ts:1 direction"]);
	});
});

describe("scripts/check-imports.ts", () => {
	it("exits 1 and prints file:line, the rule and the fix for a broken tree; 0 for a clean one", async () => {
		const docs = "# A\n<!-- rooms:begin -->\n<!-- rooms:end -->\n<!-- flow:begin -->\n<!-- flow:end -->\n";
		const clean = fakeTree(LAYERED, { ...LAYERED_FILES, "docs/architecture.md": docs });
		await run(process.execPath, [CHECKER, "--write-map", clean]);
		const broken = fakeTree(LAYERED, {
			...LAYERED_FILES,
			"docs/architecture.md": docs,
			"src/errors/bad.ts": 'import { s } from "../store/index.ts";\nexport const b = s;\n',
		});
		await run(process.execPath, [CHECKER, "--write-map", broken]).then(
			() => assert.fail("the checker passed a broken tree"),
			(error: { code: number; stderr: string }) => {
				assert.equal(error.code, 1);
				assert.match(error.stderr, /^src\/errors\/bad\.ts:1: imports room store .* \[direction\]$/m);
				assert.match(error.stderr, /room rule\(s\) broken/);
			},
		);
	});
});
