// Tests free-text extraction: each kind as analysts write it, defanged and not; what is not a value; order,
// counts and offsets; the limit; e-mail bodies; and bad input bounded in time.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractObservables, extractText, extractTextYielding } from "./index.ts";

const pairs = (text: string): string[] => extractObservables(text).map((row) => `${row.kind} ${row.value}`);

describe("extractObservables", () => {
	it("finds every kind in a report, refanged and normalised", () => {
		const report = [
			"The loader beacons to hxxps://evil[.]example[.]com/gate.php?id=1 and 203.0.113[.]7 (also [198.51.100.9]).",
			"Mail from Bad(at)Phish(dot)com; C2 2001:DB8::10 and 10.0.0.0/8, AS64496.",
			"Hashes: md5:d41d8cd98f00b204e9800998ecf8427e sha256=E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
			"It drops C:\\Users\\bob\\AppData\\upd.exe and sets HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd.",
			"Ransom to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 or 0x52908400098527886E0F7030069857D2E4169EE7.",
		].join("\n");
		assert.deepEqual(pairs(report), [
			"url https://evil.example.com/gate.php?id=1",
			"ipv4 203.0.113.7",
			"ipv4 198.51.100.9",
			"email Bad@phish.com",
			"ipv6 2001:db8::10",
			"ipv4 10.0.0.0/8",
			"asn 64496",
			"md5 d41d8cd98f00b204e9800998ecf8427e",
			"sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			"filename upd.exe",
			"registry-key HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd",
			"wallet 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
			"wallet 0x52908400098527886e0f7030069857d2e4169ee7",
		]);
	});

	it("keeps the text as written, counts each value and says where it first appears", () => {
		const text = "first evil[.]com, then EVIL.COM. and evil.com again";
		const [row, ...rest] = extractObservables(text);
		assert.deepEqual(rest, []);
		assert.deepEqual(row, { kind: "domain", value: "evil.com", raw: "evil[.]com", count: 3, firstOffset: 6 });
		assert.equal(text.slice(row?.firstOffset, (row?.firstOffset ?? 0) + (row?.raw.length ?? 0)), row?.raw);
	});

	it("needs a public suffix for a domain: reserved and unknown ones are not", () => {
		assert.deepEqual(pairs("evil.example host.local printer.lan evil.co.uk x.blogspot.com"), [
			"domain evil.co.uk",
			"domain x.blogspot.com",
		]);
	});

	it("takes a name without a public suffix for a file, and one with an extension-like suffix by its shape", () => {
		assert.deepEqual(
			pairs("setup.exe report.pdf invoice.zip run.sh cdn.evil.zip evil[.]zip e.g. i.e. v1.2.3"),
			[
				"filename setup.exe",
				"filename report.pdf",
				"filename invoice.zip",
				"filename run.sh",
				"domain cdn.evil.zip",
				"domain evil.zip",
			],
		);
	});

	it("does not report a hash's substrings, nor words that only look like ids", () => {
		const sha512 = "a".repeat(64) + "b".repeat(64);
		assert.deepEqual(
			pairs(`${sha512} ${"c".repeat(63)} 12:30:45 00:1a:2b:3c:4d:5e Assassin Tuesday 1.2.3 999.1.1.1`),
			[`sha512 ${sha512}`],
		);
		assert.deepEqual(pairs("d41d8cd98f00b204e9800998ecf8427e at the very start"), [
			"md5 d41d8cd98f00b204e9800998ecf8427e",
		]);
		// A 34-character word starting with 1 with a bad checksum is not a wallet.
		assert.deepEqual(pairs("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"), []);
	});

	it("returns CVE and ATT&CK technique ids apart, as references", () => {
		const { observables, references } = extractText(
			"Exploits cve-2021-44228 via T1059.001 and T1190 (T1059.001).",
		);
		assert.deepEqual(observables, []);
		assert.deepEqual(
			references.map((r) => `${r.kind} ${r.value} ${r.count}`),
			["cve CVE-2021-44228 1", "attack-technique T1059.001 2", "attack-technique T1190 1"],
		);
	});

	it("reads CSV fields and e-mail headers", () => {
		const csv = 'type,value,comment\nip,"192.0.2.1",c2\ndomain;bad.example.org;;\n';
		assert.deepEqual(pairs(csv), ["ipv4 192.0.2.1", "domain bad.example.org"]);
		const mail = [
			"Received: from mx.evil-mail.net (mx.evil-mail.net [192.0.2.44]) by mail.victim.org",
			"From: Support <support@evil-mail.net>",
			"Return-Path: <bounce@evil-mail.net>",
		].join("\r\n");
		assert.deepEqual(pairs(mail), [
			"domain mx.evil-mail.net",
			"ipv4 192.0.2.44",
			"domain mail.victim.org",
			"email support@evil-mail.net",
			"email bounce@evil-mail.net",
		]);
	});

	it("decodes a quoted-printable e-mail body, so a URL cut across lines is found whole", () => {
		const mail = [
			"Content-Transfer-Encoding: quoted-printable",
			"",
			'Click <a href=3D"https://login.evil.example/a/very/long/pa=',
			'th?u=3D1">here</a>',
		].join("\n");
		// As plain text, the URL is cut where the line was.
		assert.deepEqual(pairs(mail), ["url https://login.evil.example/a/very/long/pa="]);
		assert.deepEqual(
			extractObservables(mail, { format: "email" }).map((row) => row.value),
			["https://login.evil.example/a/very/long/path?u=1"],
		);
	});

	it("stops adding rows at the limit and says so, still counting the rows it kept", () => {
		const text = Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`).join(" ");
		const result = extractText(`${text} 10.0.0.0`, { limit: 10 });
		assert.equal(result.observables.length, 10);
		assert.equal(result.truncated, true);
		assert.equal(result.observables[0]?.count, 2);
	});
});

describe("extraction of bad input", () => {
	it('skips a 100 KB "domain" and a 100 KB run without separators quickly', () => {
		const started = performance.now();
		assert.deepEqual(pairs(`${"a.".repeat(50_000)}com`), []);
		assert.deepEqual(pairs(`${"a".repeat(100_000)} evil.com`), ["domain evil.com"]);
		assert.deepEqual(pairs("1.".repeat(50_000)), []);
		assert.ok(performance.now() - started < 1000);
	});

	it("reads binary junk and a CSV of a million empty columns in bounded time", () => {
		let seed = 7;
		const junk = Array.from({ length: 1_000_000 }, () => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return String.fromCharCode(seed % 65536);
		}).join("");
		const started = performance.now();
		extractText(junk);
		assert.deepEqual(pairs(`${",".repeat(1_000_000)}evil.com\n`), ["domain evil.com"]);
		assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
	});

	it("extracts a 10 MB paste in chunks, yielding to the event loop between them", async () => {
		const line = "beacon to 192.0.2.1 via hxxp://c2[.]evil.example/x and drops a.exe; ";
		const text = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		const result = await extractTextYielding(text);
		clearInterval(timer);
		assert.deepEqual(
			result.observables.map((row) => row.kind),
			["ipv4", "url", "filename"],
		);
		assert.ok(ticks >= 3, `the event loop ran ${ticks} timers during the extraction`);
		assert.deepEqual(result, extractText(text));
	});

	it("stops when its signal aborts", async () => {
		const text = "192.0.2.1 ".repeat(200_000);
		await assert.rejects(extractTextYielding(text, { signal: AbortSignal.abort() }), { name: "AbortError" });
	});
});
