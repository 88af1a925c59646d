// `entente match`: in-process over the search node (as a party through the gate, and as the operator), then once
// through the real binary on a node made with `entente init` and `entente import`.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type MatchRun, runMatch } from "../src/cli/commands/match.ts";
import { cliViewer } from "../src/cli/commands/viewing.ts";
import { buildIndex, type MatchRow, openWarninglists } from "../src/intel/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { entente, initNode, scratch } from "./support/cli.ts";
import { WITHHOLD } from "./support/fake-gate.ts";
import {
	ALPHA,
	BETA,
	openSearchNode,
	SEARCH_IDS,
	SEARCH_OBJECTS,
	type SearchNode,
} from "./support/search-node.ts";

let node: SearchNode;
before(async () => {
	node = await openSearchNode();
});
after(() => node.close());

async function run(
	values: string[],
	options: Partial<MatchRun> = {},
): Promise<{ text: string; counts: unknown }> {
	const output = new PassThrough();
	let text = "";
	output.setEncoding("utf8").on("data", (chunk: string) => {
		text += chunk;
	});
	const index = await buildIndex(node.node.store);
	const counts = await runMatch(node.node, index, values, {
		related: true,
		format: "jsonl",
		matchedOnly: false,
		output,
		...options,
	});
	return { text, counts };
}

const ids = (row: MatchRow) => row.matches.map((hit) => hit.id).sort();

describe("entente match, in-process", () => {
	it("as a party, matches only what the gate releases to it, one JSON line per value", async () => {
		const { text, counts } = await run(["198.51.100.7", "203.0.113.9", "junk"], {
			viewer: cliViewer(BETA, undefined),
		});
		const rows = text
			.trim()
			.split("\n")
			.map((line) => JSON.parse(line) as MatchRow);
		assert.equal(rows.length, 3);
		assert.ok(!ids(rows[0] as MatchRow).includes(SEARCH_IDS.hiddenC2));
		assert.equal(rows[1]?.total, 0);
		assert.ok(rows[2]?.error);
		assert.deepEqual(counts, { values: 3, matched: 1, invalid: 1 });
	});

	it("without --as, the operator's own view: everything the node holds", async () => {
		const { text } = await run(["203.0.113.9"]);
		assert.deepEqual(ids(JSON.parse(text) as MatchRow), [SEARCH_IDS.hiddenC2]);
	});

	it("writes a table, and leaves values without a match out when asked", async () => {
		const { text } = await run(["198.51.100.7", "192.0.2.1"], { format: "table", matchedOnly: true });
		const lines = text.trim().split("\n");
		assert.match(lines[0] ?? "", /^value\s+kind\s+match\s+object\s+source\s+markings$/);
		assert.ok(lines.slice(2).every((line) => line.startsWith("198.51.100.7")));
		assert.ok(lines.some((line) => line.includes("Qakbot C2 server")));
	});

	it("flags a value on a warninglist, in JSON Lines and in the table, and matches it all the same", async () => {
		const warninglists = await openWarninglists(node.node.store);
		const { text } = await run(["198.51.100.7", "8.8.8.9"], { warninglists });
		const [listed, plain] = text
			.trim()
			.split("\n")
			.map((line) => JSON.parse(line) as MatchRow);
		assert.ok((listed?.total ?? 0) > 0);
		assert.match(listed?.warninglists?.[0]?.list ?? "", /documentation/i);
		assert.equal(listed?.warninglists?.[0]?.entry, "198.51.100.0/24");
		assert.equal(plain?.warninglists, undefined);
		const table = await run(["198.51.100.7"], { warninglists, format: "table" });
		const lines = table.text.trim().split("\n");
		assert.match(lines[0] ?? "", /\bmarkings\s+warninglists$/);
		assert.ok(lines.slice(2).every((line) => /documentation/i.test(line)));
	});
});

describe("entente match, indicators with patterns", () => {
	const like = "indicator--d1111111-1111-4111-8111-111111111111";
	const regex = "indicator--d2222222-2222-4222-8222-222222222222";
	const range = "indicator--d3333333-3333-4333-8333-333333333333";
	const hidden = "indicator--d4444444-4444-4444-8444-444444444444";
	const indicator = (id: string, pattern: string, extra: Record<string, unknown> = {}) =>
		({
			type: "indicator",
			spec_version: "2.1",
			id,
			created: "2025-01-01T00:00:00.000Z",
			modified: "2025-01-01T00:00:00.000Z",
			valid_from: "2025-01-01T00:00:00.000Z",
			pattern_type: "stix",
			pattern,
			...extra,
		}) as StixObject;
	before(async () => {
		const report = await node.node.ingest(
			[
				indicator(like, "[domain-name:value LIKE '%.evil-cdn.com']"),
				indicator(regex, "[url:value MATCHES '^https?://[^/]+/wp-[a-z]+\\\\.php$']"),
				indicator(range, "[ipv4-addr:value ISSUBSET '192.0.2.0/25' AND ipv4-addr:value != '192.0.2.1']"),
				indicator(hidden, "[domain-name:value LIKE '%.hidden-cdn.com']", { [WITHHOLD]: true }),
			],
			ALPHA,
		);
		assert.deepEqual(report.problems, []);
	});
	const rowsOf = (text: string) =>
		text
			.trim()
			.split("\n")
			.map((line) => (JSON.parse(line) as MatchRow).matches.map((hit) => [hit.id, hit.relation]));

	it("finds LIKE, MATCHES and range patterns for the values they cover, not for others", async () => {
		const { text } = await run(
			[
				"a.evil-cdn.com",
				"evil-cdn.com",
				"https://x.test.com/wp-login.php",
				"https://x.test.com/a.php",
				"192.0.2.7",
				"192.0.2.200",
				"192.0.2.1",
			],
			{ related: false },
		);
		assert.deepEqual(rowsOf(text), [
			[[like, "pattern"]],
			[],
			[[regex, "pattern"]],
			[],
			[[range, "pattern"]],
			[],
			[],
		]);
	});

	it("as a party, no hit for an indicator the gate withholds; after a deletion, none at all", async () => {
		const asBeta = await run(["a.hidden-cdn.com", "b.evil-cdn.com"], { viewer: cliViewer(BETA, undefined) });
		assert.deepEqual(rowsOf(asBeta.text), [[], [[like, "pattern"]]]);
		assert.deepEqual(rowsOf((await run(["a.hidden-cdn.com"])).text), [[[hidden, "pattern"]]]);
		await node.node.store.deleteObject(like);
		assert.deepEqual(rowsOf((await run(["b.evil-cdn.com"])).text), [[]]);
	});
});

describe("entente match, the binary", () => {
	const { dir, remove } = scratch("cli-match");
	after(remove);

	it("matches arguments and every value of a log file's lines, with a summary on stderr", async () => {
		const data = (await initNode(dir)).data;
		const bundle = join(dir, "bundle.json");
		const objects = SEARCH_OBJECTS.map(({ x_test_withhold: _, ...object }) => object);
		writeFileSync(
			bundle,
			JSON.stringify({ type: "bundle", id: "bundle--00000000-0000-4000-8000-000000000001", objects }),
		);
		assert.equal((await entente(["import", "--data", data, bundle])).code, 0);

		const direct = await entente(["match", "--data", data, "--format", "jsonl", "198[.]51[.]100[.]7"]);
		assert.equal(direct.code, 0, direct.stderr);
		const row = JSON.parse(direct.stdout) as MatchRow;
		assert.ok(ids(row).includes(SEARCH_IDS.c2));
		assert.match(direct.stderr, /1 values, 1 matched \(everything this node holds\)/);

		const log = join(dir, "firewall.log");
		writeFileSync(log, "deny src=192.0.2.1\nallow dst=evil[.]example[.]com:443 via 198.51.100.7\nnothing\n");
		const fromFile = await entente(["match", "--data", data, "--format", "jsonl", "--file", log]);
		assert.equal(fromFile.code, 0, fromFile.stderr);
		const inputs = fromFile.stdout
			.trim()
			.split("\n")
			.map((line) => (JSON.parse(line) as MatchRow).input);
		assert.deepEqual(inputs, ["evil.example.com", "198.51.100.7"]);
		assert.match(fromFile.stderr, /3 values, 2 matched/);
	});
});
