// classify(): the kind a lone value is guessed to be, and the values it declines to guess.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classify } from "./classify.ts";
import type { ObservableKind } from "./kinds.ts";

const GUESSES: [string, ObservableKind, string][] = [
	["198.51.100.7", "ipv4", "198.51.100.7"],
	["198.51.100[.]7", "ipv4", "198.51.100.7"],
	["10.0.0.0/8", "ipv4", "10.0.0.0/8"],
	["2001:DB8::1", "ipv6", "2001:db8::1"],
	["[2001:db8::1]", "ipv6", "2001:db8::1"],
	["::ffff:198.51.100.7", "ipv4", "198.51.100.7"],
	["evil[.]example[.]com", "domain", "evil.example.com"],
	["www.evil.co.uk", "domain", "www.evil.co.uk"],
	["evil.duckdns.org", "domain", "evil.duckdns.org"],
	["hxxps://evil[.]example/a", "url", "https://evil.example/a"],
	["evil.com/gate.php", "url", "http://evil.com/gate.php"],
	["alice[@]evil.com", "email", "alice@evil.com"],
	["AS64496", "asn", "64496"],
	["asn 64496", "asn", "64496"],
	["d41d8cd98f00b204e9800998ecf8427e", "md5", "d41d8cd98f00b204e9800998ecf8427e"],
	["DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
	[
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"sha256",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	],
	["a".repeat(128), "sha512", "a".repeat(128)],
	["3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", "ssdeep", "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C"],
	[`T1${"AB".repeat(35)}`, "tlsh", "ab".repeat(35)],
	["t13d1516h2_8daaf6152771_02713d6af862", "ja4", "t13d1516h2_8daaf6152771_02713d6af862"],
	["HKLM\\Software\\Run", "registry-key", "HKEY_LOCAL_MACHINE\\Software\\Run"],
	["Mozilla/5.0 (X11; Linux x86_64)", "user-agent", "Mozilla/5.0 (X11; Linux x86_64)"],
	["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"],
	["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "wallet", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"],
	["0x52908400098527886E0F7030069857D2E4169EE7", "wallet", "0x52908400098527886e0f7030069857d2e4169ee7"],
	["invoice.exe", "filename", "invoice.exe"],
];

const NONE = [
	"",
	"hello world",
	"64496",
	"010.1.1.1",
	"1.2.3",
	"localhost",
	"cafe",
	"dead:beef",
	"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
	"\u0000\u0001\u0002",
	"x".repeat(9000),
];

describe("classify", () => {
	for (const [raw, kind, value] of GUESSES) {
		it(`${JSON.stringify(raw).slice(0, 60)} is ${kind}`, () =>
			assert.deepEqual(classify(raw), { kind, value }));
	}
	for (const raw of NONE) {
		it(`${JSON.stringify(raw).slice(0, 40)} is none`, () => assert.equal(classify(raw), undefined));
	}
});
