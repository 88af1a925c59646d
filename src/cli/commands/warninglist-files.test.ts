// Reading warninglist files: every list in ../shared/data/warninglists read in place (counted, matched), and hostile
// files — too big, too many entries, a regex only backtracking runs, binary junk — refused naming the file, and a
// catastrophic regex bounded by the linear-time engine.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, describe, it } from "node:test";
import { sharedData } from "#test/support/shared-data.ts";
import { compileWarninglists } from "../../intel/index.ts";
import { classify } from "../../observables/index.ts";
import { readWarninglistFiles, type WarninglistFile } from "./warninglist-files.ts";

const folder = mkdtempSync(join(tmpdir(), "entente-warninglists-"));
after(() => rmSync(folder, { recursive: true, force: true }));

/** A file in the test folder with `content`. */
function fileOf(name: string, content: string | Uint8Array): string {
	const path = join(folder, name);
	writeFileSync(path, content);
	return path;
}

function refusedOnly(path: string): Extract<WarninglistFile, { ok: false }> {
	const [file, ...rest] = readWarninglistFiles(path);
	assert.equal(rest.length, 0);
	assert.ok(file !== undefined && !file.ok, "refused");
	return file;
}

describe("warninglist files", () => {
	it("reads every list of ../shared/data/warninglists in place, skipping the schema, with their entries", () => {
		const files = readWarninglistFiles(sharedData("warninglists"));
		const counts = Object.fromEntries(
			files.map((file) => [basename(file.path), file.ok ? file.list.entries.length : file.error.code]),
		);
		assert.deepEqual(counts, {
			"automated-malware-analysis.json": 26,
			"common-contact-emails.json": 1,
			"common-ioc-false-positive.json": 69,
			"empty-hashes.json": 6,
			"public-dns-hostname.json": 34_783,
			"public-dns-v4.json": 62_745,
			"public-dns-v6.json": 269,
			"rfc1918.json": 3,
			"rfc5735.json": 15,
			"tlds.json": 1438,
			"tranco10k.json": 10_000,
			"url-shortener.json": 255,
		});
		assert.ok(files.every((file) => file.ok));
	});

	it("matches what the MISP lists name: a resolver, a shortener's sub-domain, a top site, a false-positive hash", () => {
		const lists = readWarninglistFiles(sharedData("warninglists")).flatMap((file) =>
			file.ok ? [{ ...file.list, builtIn: false }] : [],
		);
		const matcher = compileWarninglists(lists);
		const on = (raw: string): string[] => {
			const o = classify(raw);
			assert.ok(o !== undefined, raw);
			return matcher.hits(o).map((hit) => hit.list);
		};
		assert.ok(on("1.0.0.19").includes("List of known IPv4 public DNS resolvers"));
		assert.ok(on("2001:148f:fffe::1").includes("List of known IPv6 public DNS resolvers"));
		assert.ok(on("https://x.y.bit.ly/abc").includes("List of known URL Shorteners domains"));
		assert.ok(on("mail.google.com").includes("Top 10K most-used sites from Tranco"));
		assert.ok(on("192.168.4.4").includes("List of RFC 1918 CIDR blocks"));
		assert.ok(on("d41d8cd98f00b204e9800998ecf8427e").includes("List of known hashes for empty files"));
		assert.ok(
			on("http://app.any.run/tasks").includes(
				"List of known domains used by automated malware analysis services & security vendors",
			),
		);
		assert.ok(on("abuse@example-attacker.ru").includes("Common contact e-mail addresses"));
		assert.deepEqual(on("evil-9c1f2e.example-attacker.ru"), []);
	});

	it("refuses a file over the size limit before reading it", () => {
		const path = fileOf("huge.json", "");
		truncateSync(path, 100 * 1024 * 1024); // sparse: 100 MB on paper, nothing on disk
		const { error } = refusedOnly(path);
		assert.equal(error.code, "E_WARNINGLIST_TOO_LARGE");
		assert.match(error.message, /huge\.json is 104,857,600 bytes; a list file may be at most 67,108,864/);
	});

	it("refuses a million and one entries, naming the limit", () => {
		const list = Array.from(
			{ length: 1_000_001 },
			(_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
		);
		const path = fileOf(
			"million.json",
			JSON.stringify({ name: "m", version: 1, description: "d", type: "cidr", list }),
		);
		const { error } = refusedOnly(path);
		assert.equal(error.code, "E_WARNINGLIST_TOO_LARGE");
		assert.match(error.message, /list has 1,000,001 entries; a cidr list holds at most 1,000,000: split it/);
	});

	it("refuses a regex only backtracking runs and binary junk, naming the file; bounds a catastrophic regex", () => {
		const regex = fileOf(
			"regex.json",
			JSON.stringify({
				name: "r",
				version: 1,
				description: "d",
				type: "regex",
				list: ["/^(a+)+$/", "/(a+)\\1/"],
			}),
		);
		assert.match(refusedOnly(regex).error.message, /regex\.json .*list\[1\]: .*backreference/);
		const catastrophic = fileOf(
			"catastrophic.json",
			JSON.stringify({
				name: "c",
				version: 1,
				description: "d",
				type: "regex",
				list: ["/^(a+)+$/", "/(.*a){20}/"],
			}),
		);
		const [read] = readWarninglistFiles(catastrophic);
		assert.ok(read?.ok);
		const matcher = compileWarninglists([{ ...read.list, builtIn: false }]);
		const started = performance.now();
		const hits = matcher.hits({ kind: "mutex", value: `${"a".repeat(8191)}!` });
		// Not ^(a+)+$ (the "!"), but twenty a's somewhere: the answers a backtracking engine would give, eventually.
		assert.deepEqual(
			hits.map((hit) => hit.entry),
			["/(.*a){20}/"],
		);
		// A backtracking engine would not return at all; the bound is generous for a loaded machine.
		assert.ok(performance.now() - started < 5000);
		// An executable's first bytes, then bytes that are no UTF-8: what a mistyped path hands the loader.
		const junk = fileOf(
			"junk.json",
			Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, ...randomBytes(64).map((b) => b | 0x80)]),
		);
		const refused = refusedOnly(junk);
		assert.equal(refused.error.code, "E_WARNINGLIST_INVALID");
		assert.match(refused.error.message, /junk\.json is not a MISP warninglist: /);
		const nested = fileOf("nested.json", `${"[".repeat(100)}${"]".repeat(100)}`);
		assert.match(
			refusedOnly(nested).error.message,
			/nested\.json is not a MISP warninglist: JSON nested deeper than the limit of 8/,
		);
	});

	it("reads MISP's repository layout, lists/NAME/list.json, and one bad file does not stop the others", () => {
		const tree = join(folder, "misp");
		for (const [name, body] of [
			["a", { name: "A", version: 1, description: "a", type: "string", list: ["x"] }],
			["b", { name: "B", version: 1, description: "b", type: "nonsense", list: ["x"] }],
		] as const) {
			mkdirSync(join(tree, "lists", name), { recursive: true });
			writeFileSync(join(tree, "lists", name, "list.json"), JSON.stringify(body));
		}
		writeFileSync(join(tree, "schema.json"), "{}");
		const files = readWarninglistFiles(tree);
		assert.deepEqual(
			files.map((file) => [file.path.slice(tree.length), file.ok]),
			[
				["/lists/a/list.json", true],
				["/lists/b/list.json", false],
			],
		);
	});
});
