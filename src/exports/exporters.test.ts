// The formats on hand-made objects: which indicators a sensor may be given, what each format writes for each kind,
// removals in incremental exports, the stable sid and rev, escaping, and the summary of what was left out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import {
	baseSid,
	type ExportFormat,
	exportableValues,
	exporterFor,
	revOf,
	SID_BASE,
	SID_SPAN,
	type StixExportOptions,
} from "./index.ts";
import { SidAllocator } from "./sid.ts";

const NOW = new Date("2026-06-01T00:00:00Z");

function indicator(n: number, pattern: string, fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
		created: "2026-01-01T00:00:00.000Z",
		modified: "2026-01-02T00:00:00.000Z",
		name: `Indicator ${n}`,
		pattern,
		pattern_type: "stix",
		valid_from: "2026-01-01T00:00:00Z",
		...fields,
	} as StixObject;
}

function run(format: ExportFormat, objects: readonly StixObject[], options: StixExportOptions = {}): string {
	const exporter = exporterFor(format, { now: NOW, ...options });
	return (
		exporter.header() + objects.map((o) => exporter.item(o).text).join("") + exporter.footer({ withheld: 2 })
	);
}

function entries(text: string): string[] {
	return text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
}

describe("which indicators a sensor may be given", () => {
	const skipped = (pattern: string) => {
		const judged = exportableValues(indicator(1, pattern));
		return "skipped" in judged ? judged.skipped : undefined;
	};

	it("reads =, IN, OR and one file's hashes joined by AND as values", () => {
		for (const pattern of [
			"[ipv4-addr:value = '198.51.100.7']",
			"[domain-name:value IN ('a.example', 'b.example')]",
			"[ipv4-addr:value = '198.51.100.7'] OR [url:value = 'http://a.example/x']",
			"[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
			"[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
			"[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'a.example']",
		])
			assert.equal(skipped(pattern), undefined, pattern);
	});

	it("leaves out what would make a sensor alert on more than the pattern says, naming the operator", () => {
		assert.equal(skipped("[domain-name:value LIKE '%.evil.example']"), "unsupported pattern operator LIKE");
		assert.equal(skipped("[url:value MATCHES '^http://a']"), "unsupported pattern operator MATCHES");
		assert.equal(skipped("[ipv4-addr:value != '198.51.100.7']"), "unsupported pattern operator !=");
		assert.equal(skipped("[ipv4-addr:value NOT = '198.51.100.7']"), "unsupported pattern operator NOT =");
		assert.match(
			skipped("[network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:dst_port = 443]") ?? "",
			/AND between values/,
		);
		assert.match(
			skipped("[ipv4-addr:value = '198.51.100.7'] FOLLOWEDBY [domain-name:value = 'a.example']") ?? "",
			/FOLLOWEDBY/,
		);
		assert.match(skipped("[ipv4-addr:value = '198.51.100.7'] REPEATS 3 TIMES") ?? "", /qualifier REPEATS/);
		assert.match(
			JSON.stringify(exportableValues(indicator(1, "x", { pattern_type: "sigma" }))),
			/pattern_type sigma/,
		);
	});
});

describe("Suricata and Snort rules", () => {
	const objects = [
		indicator(1, "[ipv4-addr:value = '198.51.100.7']", {
			confidence: 70,
			object_marking_refs: ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"],
		}),
		indicator(2, "[network-traffic:dst_ref.value = '2001:db8::/32']"),
		indicator(3, "[domain-name:value = 'evil.example']"),
		indicator(4, "[url:value = 'https://evil.example/a b;c']", { name: 'Quote " and ; in a name' }),
		indicator(5, "[network-traffic:extensions.'x-tls-ext'.ja3 = 'e7eca2baf4458d095b7f45da28c16c34']"),
		indicator(6, "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"),
	];

	it("Suricata 7: ip rules by direction, dns.query / tls.sni / http.host for a domain, host and uri for a URL, ja3.hash", () => {
		const lines = entries(run("suricata", objects));
		assert.equal(lines.length, 7);
		assert.match(
			lines[0] ?? "",
			/^alert ip any any <> 198\.51\.100\.7 any \(msg:"ENTENTE Indicator 1"; metadata:stix_id indicator--0+-0000-4000-8000-0+1, confidence 70, tlp amber; sid:\d+; rev:\d+;\)$/,
		);
		assert.match(lines[1] ?? "", /^alert ip any any -> 2001:db8::\/32 any /);
		assert.match(
			lines[2] ?? "",
			/^alert dns any any -> any any \(.*dns\.query; content:"evil\.example"; nocase; bsize:12;/,
		);
		assert.match(
			lines[3] ?? "",
			/^alert tls .*flow:established,to_server; tls\.sni; content:"evil\.example"; nocase; bsize:12;/,
		);
		assert.match(lines[4] ?? "", /^alert http .*http\.host; content:"evil\.example"; bsize:12;/);
		assert.match(
			lines[5] ?? "",
			/msg:"ENTENTE Quote \\" and \\; in a name"; .*http\.uri; content:"\/a%20b\|3b\|c"; bsize:8;/,
		);
		assert.match(lines[6] ?? "", /^alert tls .*ja3\.hash; content:"e7eca2baf4458d095b7f45da28c16c34";/);
	});

	it("Snort 3: service rules, http_header:field host with bufferlen, DNS names on the wire; no JA3", () => {
		const text = run("snort", objects);
		const lines = entries(text);
		assert.ok(
			lines.some((l) =>
				l.includes(
					'alert udp any any -> any 53 (msg:"ENTENTE Indicator 3"; content:"|04|evil|07|example|00|",nocase;',
				),
			),
		);
		assert.ok(
			lines.some(
				(l) =>
					l.startsWith("alert http (") &&
					l.includes('http_header:field host; content:"evil.example",nocase; bufferlen:12;'),
			),
		);
		assert.ok(!lines.some((l) => l.includes("ja3")));
		assert.match(text, /# left out 1: Snort 3 has no JA3 rule option/);
		assert.match(text, /# left out 1: not a network value Snort rules test \(md5\)/);
		assert.match(text, /# withheld by policy: 2/);
	});

	it("a sid is stable per indicator and rule, in the documented range; rev follows the version", () => {
		const first = run("suricata", objects);
		const reordered = run("suricata", [...objects].reverse());
		const sid = (text: string) => /alert dns .*sid:(\d+);/.exec(text)?.[1];
		assert.equal(sid(first), sid(reordered));
		assert.equal(Number(sid(first)), baseSid(objects[2]?.id as string, "dns:evil.example"));
		for (const match of first.matchAll(/sid:(\d+);/g)) {
			const n = Number(match[1]);
			assert.ok(n >= SID_BASE && n < SID_BASE + SID_SPAN, String(n));
		}
		assert.equal(revOf("2026-01-02T00:00:00.000Z"), Date.UTC(2026, 0, 2) / 1000);
		assert.ok(revOf("2026-01-02T00:00:01.000Z") > revOf("2026-01-02T00:00:00.000Z"));
	});

	it("a collision moves the later rule to the next free sid, in one export", () => {
		const sids = new SidAllocator();
		const a = sids.allocate(baseSid("indicator--a", "ip:1"));
		const b = sids.allocate(baseSid("indicator--a", "ip:1"));
		assert.equal(b, a + 1 === SID_BASE + SID_SPAN ? SID_BASE : a + 1);
		assert.equal(sids.moved, 1);
		// Past the Set's limit the allocator keeps one bit per sid and still sees what was taken.
		for (let i = 0; i < 70_000; i++) sids.allocate(baseSid("indicator--b", `ip:${i}`));
		assert.notEqual(sids.allocate(baseSid("indicator--a", "ip:1")), a);
	});
});

describe("Zeek, CSV, lists and STIX", () => {
	const objects = [
		indicator(1, "[ipv4-addr:value = '198.51.100.0/24']"),
		indicator(2, "[url:value = 'http://evil.example/x?y=1']"),
		indicator(3, "[email-addr:value = 'boss@evil.example']", {
			name: '=HYPERLINK("x")',
			labels: ["a", "b,c"],
			confidence: 50,
		}),
		indicator(4, "[network-traffic:extensions.'x-tls-ext'.ja3 = 'e7eca2baf4458d095b7f45da28c16c34']"),
		indicator(5, "[ipv4-addr:value = '198.51.100.9']", { valid_until: "2026-02-01T00:00:00Z" }),
	];

	it("Zeek: #fields, Intel types (a block is a SUBNET, a URL without its scheme), the STIX id in meta.desc", () => {
		const text = run("zeek", objects, { objectUrlBase: "https://node.example/api/v1/objects/" });
		assert.match(text, /^#fields\tindicator\tindicator_type\tmeta\.source\tmeta\.desc\tmeta\.url$/m);
		const lines = entries(text);
		assert.equal(
			lines[0],
			"198.51.100.0/24\tIntel::SUBNET\tentente\tIndicator 1 (indicator--00000000-0000-4000-8000-000000000001)\thttps://node.example/api/v1/objects/indicator--00000000-0000-4000-8000-000000000001",
		);
		assert.match(lines[1] ?? "", /^evil\.example\/x\?y=1\tIntel::URL\t/);
		assert.match(lines[2] ?? "", /^boss@evil\.example\tIntel::EMAIL\t/);
		assert.equal(lines.length, 3);
		assert.match(text, /# left out 1: no Zeek Intel type for ja3/);
		assert.match(text, /# left out 1: expired \(valid_until passed\)/);
	});

	it("CSV: the columns, quoting, a formula neutralised, and removals as rows in an incremental export", () => {
		const text = run("csv", objects, { since: "2026-01-01T00:00:00Z" });
		const lines = entries(text);
		assert.equal(lines[0], "value,kind,indicator_id,name,valid_from,valid_until,labels,confidence,action");
		assert.equal(
			lines[3],
			`boss@evil.example,email,indicator--00000000-0000-4000-8000-000000000003,"'=HYPERLINK(""x"")",2026-01-01T00:00:00Z,,"a;b,c",50,add`,
		);
		assert.match(lines.at(-1) ?? "", /^198\.51\.100\.9,ipv4,.*,2026-02-01T00:00:00Z,,,remove$/);
		assert.match(text, /# exported 4 objects as 4 entries; 1 removals/);
	});

	it("EDL: one value a line of the kinds asked, URLs without the scheme, no comments when asked", () => {
		assert.deepEqual(entries(run("edl", objects, { kinds: ["url"] })), ["evil.example/x?y=1"]);
		const bare = run("edl", objects, { kinds: ["ipv4", "ipv6"], comments: false });
		assert.equal(bare, "198.51.100.0/24\n");
		assert.throws(() => run("edl", objects, {}), /E_EXPORT_EDL_KINDS|one type of value; no kinds were given/);
		assert.throws(() => run("edl", objects, { kinds: ["ipv4", "email"] }), /got ipv4,email: ask for kinds/);
	});

	it("STIX: a bundle of the objects as released, revocations included", () => {
		const text = run("stix", objects, { bundleId: "bundle--00000000-0000-4000-8000-000000000009" });
		const bundle = JSON.parse(text) as { id: string; objects: StixObject[] };
		assert.equal(bundle.id, "bundle--00000000-0000-4000-8000-000000000009");
		assert.equal(bundle.objects.length, objects.length);
	});

	it("MISP: the objects as MISP events in MISP's list answer, with the summary beside it", () => {
		const text = run("misp", objects, { recipient: "FBI" });
		const answer = JSON.parse(text) as {
			response: { Event: { info: string; Attribute?: { value: string; uuid: string }[] } }[];
			entente_export: { summary: string[] };
		};
		const [event] = answer.response;
		assert.equal(event?.Event.info, "Entente export for FBI");
		const values = (event?.Event.Attribute ?? []).map((attribute) => attribute.value);
		assert.ok(values.includes("198.51.100.0/24") && values.includes("boss@evil.example"), values.join(", "));
		assert.ok(event?.Event.Attribute?.some((a) => a.uuid === "00000000-0000-4000-8000-000000000001"));
		assert.match(answer.entente_export.summary.join("\n"), /withheld by policy: 2/);
	});

	it("a name that is no format is refused, naming those that are", () => {
		assert.throws(
			() => exporterFor("pdf" as ExportFormat),
			/use one of stix, suricata, snort, zeek, csv, edl, misp/,
		);
	});
});
