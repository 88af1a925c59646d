// normalise() per kind: the normal forms D45 chose, with real-world edge cases, and the refusals.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../errors/index.ts";
import type { ObservableKind } from "./kinds.ts";
import { normalise, tryNormalise } from "./normalise.ts";

/** [kind, raw, expected value] — or expected `{ kind, value }` when the kind changes. */
type Row = [ObservableKind, string, string | { kind: ObservableKind; value: string }];

const NORMAL: Row[] = [
	["ipv4", "198.51.100.7", "198.51.100.7"],
	["ipv4", " 198.51.100.7\n", "198.51.100.7"],
	["ipv4", "198.51.100[.]7", "198.51.100.7"],
	["ipv4", "198[.]51[.]100[.]7", "198.51.100.7"],
	["ipv4", "0.0.0.0", "0.0.0.0"],
	["ipv4", "255.255.255.255", "255.255.255.255"],
	["ipv4", "198.51.100.77/24", "198.51.100.0/24"],
	["ipv4", "10.1.2.3/8", "10.0.0.0/8"],
	["ipv4", "198.51.100.7/32", "198.51.100.7"],
	["ipv4", "203.0.113.9/0", "0.0.0.0/0"],
	["ipv4", "198.51.100.128/25", "198.51.100.128/25"],
	["ipv4", "::ffff:198.51.100.7", "198.51.100.7"],
	["ipv4", "[198.51.100.7]", "198.51.100.7"],
	["ipv6", "2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
	["ipv6", "2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"],
	["ipv6", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
	["ipv6", "[2001:db8::1]", "2001:db8::1"],
	["ipv6", "2001:db8::1/128", "2001:db8::1"],
	["ipv6", "2001:db8:abcd:12::1/48", "2001:db8:abcd::/48"],
	["ipv6", "::", "::"],
	["ipv6", "::1", "::1"],
	["ipv6", "2001:db8::/32", "2001:db8::/32"],
	["ipv6", "::ffff:198.51.100.7", { kind: "ipv4", value: "198.51.100.7" }],
	["ipv6", "::FFFF:C633:6407", { kind: "ipv4", value: "198.51.100.7" }],
	["ipv6", "::ffff:10.1.2.3/104", { kind: "ipv4", value: "10.0.0.0/8" }],
	["domain", "evil.example", "evil.example"],
	["domain", "WWW.Evil.Example.", "www.evil.example"],
	["domain", "www.evil[.]example", "www.evil.example"],
	["domain", "www(dot)evil(dot)example", "www.evil.example"],
	["domain", "Bücher.example", "xn--bcher-kva.example"],
	["domain", "xn--bcher-kva.example", "xn--bcher-kva.example"],
	["domain", "例え。テスト", "xn--r8jz45g.xn--zckzah"],
	["domain", "faß.de", "xn--fa-hia.de"],
	["domain", "_dmarc.evil.example", "_dmarc.evil.example"],
	["domain", "abc-.blogspot.com", "abc-.blogspot.com"],
	["domain", "123.example", "123.example"],
	["domain", `${"a".repeat(63)}.example`, `${"a".repeat(63)}.example`],
	["url", "http://evil.example/a", "http://evil.example/a"],
	["url", "HTTP://EVIL.Example:80/a", "http://evil.example/a"],
	["url", "hxxps://evil[.]example:443/login", "https://evil.example/login"],
	["url", "hXXp[:]//198.51.100[.]7/x.exe", "http://198.51.100.7/x.exe"],
	["url", "evil.example/payload.bin", "http://evil.example/payload.bin"],
	["url", "evil.example:8080/x", "http://evil.example:8080/x"],
	["url", "http://evil.example", "http://evil.example/"],
	["url", "http://evil.example./a", "http://evil.example/a"],
	["url", "http://evil.example/%7euser/%2f%41?q=%7E#section", "http://evil.example/~user/%2FA?q=~"],
	["url", "http://evil.example/a/./b/../c", "http://evil.example/a/c"],
	["url", "http://evil.example/?", "http://evil.example/"],
	["url", "https://Bücher.example/", "https://xn--bcher-kva.example/"],
	["url", "http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/"],
	["url", "ldap://Evil.Example:1389/Exploit", "ldap://evil.example:1389/Exploit"],
	["url", "ftp://evil.example:21/a", "ftp://evil.example/a"],
	["url", "http://user:Secret@Evil.example/", "http://user:Secret@evil.example/"],
	["email", "Alice@Evil.Example", "Alice@evil.example"],
	["email", "alice[@]evil[.]example", "alice@evil.example"],
	["email", "alice(at)evil(dot)example", "alice@evil.example"],
	["email", "mailto:alice@evil.example", "alice@evil.example"],
	["email", "<alice@evil.example>", "alice@evil.example"],
	["email", "Alice Liddell <alice@Evil.Example>", "alice@evil.example"],
	["email", "alice@Bücher.example", "alice@xn--bcher-kva.example"],
	["email", '"odd@local"@evil.example', '"odd@local"@evil.example'],
	["md5", "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"],
	["md5", " d41d8cd98f00b204e9800998ecf8427e ", "d41d8cd98f00b204e9800998ecf8427e"],
	["sha1", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
	[
		"sha256",
		"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	],
	[
		"sha512",
		"CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E"
			.padEnd(128, "0")
			.slice(0, 128),
		"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	],
	["ssdeep", " 3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C ", "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C"],
	[
		"tlsh",
		"T1C325AF62E2F15CF7C32316389D1B57A46827BE703D3879866BF52C385F396813829297",
		"c325af62e2f15cf7c32316389d1b57a46827be703d3879866bf52c385f396813829297",
	],
	[
		"tlsh",
		"c325af62e2f15cf7c32316389d1b57a46827be703d3879866bf52c385f396813829297",
		"c325af62e2f15cf7c32316389d1b57a46827be703d3879866bf52c385f396813829297",
	],
	["filename", "invoice.pdf.exe", "invoice.pdf.exe"],
	["filename", "  Rechnung.PDF  ", "Rechnung.PDF"],
	["filename", "Re\u0301sume\u0301.docx", "R\u00e9sum\u00e9.docx"],
	["filename", "C:\\Users\\Public\\run.dll", "C:\\Users\\Public\\run.dll"],
	["filename", "report[.]pdf", "report[.]pdf"],
	["asn", "AS64496", "64496"],
	["asn", "as64496", "64496"],
	["asn", "ASN64496", "64496"],
	["asn", "AS 64496", "64496"],
	["asn", "64496", "64496"],
	["asn", "AS064496", "64496"],
	["asn", "AS1.10", "65546"],
	["asn", "4294967295", "4294967295"],
	["asn", "AS0", "0"],
	["mutex", "Global\\MsWinZonesCacheCounterMutexA", "Global\\MsWinZonesCacheCounterMutexA"],
	["mutex", " DCPERSFWBP ", "DCPERSFWBP"],
	[
		"registry-key",
		"HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
		"HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
	],
	["registry-key", "hkey_local_machine\\\\system\\\\bar\\\\foo", "HKEY_LOCAL_MACHINE\\system\\bar\\foo"],
	["registry-key", "HKCU\\Software\\Evil\\", "HKEY_CURRENT_USER\\Software\\Evil"],
	["registry-key", "HKLM:\\SOFTWARE\\Evil", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil"],
	["registry-key", "Registry::HKEY_USERS\\S-1-5-21\\Run", "HKEY_USERS\\S-1-5-21\\Run"],
	[
		"registry-key",
		"\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet",
		"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet",
	],
	["registry-key", "HKCR\\.exe", "HKEY_CLASSES_ROOT\\.exe"],
	["registry-key", "HKU", "HKEY_USERS"],
	["user-agent", " Mozilla/5.0 (Windows NT 10.0; Win64; x64) ", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"],
	["ja3", "E7D705A3286E19EA42F587B344EE6865", "e7d705a3286e19ea42f587b344ee6865"],
	["ja4", "T13D1516H2_8DAAF6152771_02713D6AF862", "t13d1516h2_8daaf6152771_02713d6af862"],
	["ja4", "q13d0312h3_55b375c5d22e_06cda9e17597", "q13d0312h3_55b375c5d22e_06cda9e17597"],
	["wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"],
	["wallet", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"],
	["wallet", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"],
	[
		"wallet",
		"bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
		"bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
	],
	["wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "0x52908400098527886e0f7030069857d2e4169ee7"],
];

/** [kind, raw, a fragment the refusal's message must contain] */
const REFUSED: [ObservableKind, string, string][] = [
	["ipv4", "010.1.1.1", "leading zero"],
	["ipv4", "192.168.001.001", "leading zero"],
	["ipv4", "256.1.1.1", "0 to 255"],
	["ipv4", "1.2.3", "four decimal numbers"],
	["ipv4", "1.2.3.4.5", "four decimal numbers"],
	["ipv4", "1.2.3.4/33", "prefix length"],
	["ipv4", "1.2.3.4/08", "prefix length"],
	["ipv4", "1.2.3.4/", "prefix length"],
	["ipv4", "0x7f.0.0.1", "four decimal numbers"],
	["ipv4", "2130706433", "four decimal numbers"],
	["ipv4", "2001:db8::1", "use kind ipv6"],
	["ipv6", "198.51.100.7", "use kind ipv4"],
	["ipv6", "fe80::1%eth0", "zone"],
	["ipv6", "2001:db8::1::2", "eight groups"],
	["ipv6", "2001:db8:0:0:0:0:0:0:1", "eight groups"],
	["ipv6", "12345::1", "eight groups"],
	["ipv6", "2001:db8::/129", "prefix length"],
	["ipv6", "::ffff:010.1.1.1", "eight groups"],
	["domain", "", "empty"],
	["domain", "   ", "empty"],
	["domain", "evil..example", "empty label"],
	["domain", ".evil.example", "starts with a dot"],
	["domain", "*.evil.example", "wildcard"],
	["domain", "198.51.100.7", "all digits"],
	["domain", "evil example.com", "not allowed"],
	["domain", "evil.example/x", "not allowed"],
	["domain", "hxxps://evil[.]example/x", "use kind url"],
	["domain", "alice@evil.example", "use kind email"],
	["domain", `${"a".repeat(64)}.example`, "at most 63"],
	["domain", `${"a.".repeat(127)}ab`, "at most 253"],
	["domain", "a".repeat(100_000), "refused unread"],
	["domain", "xn--bcher-kva.exa mple", "not allowed"],
	["domain", "bad\u0000name.example", "not allowed"],
	["domain", "evil\u2028.example", "IDNA"],
	["url", "http://evil example/", "cannot be parsed"],
	["url", "http://evil..example/", "empty label"],
	["url", `http://evil.example/${"a".repeat(9000)}`, "refused unread"],
	["email", "alice.evil.example", "no @"],
	["email", "@evil.example", "local part"],
	["email", "al ice@evil.example", "space"],
	["email", "alice@evil..example", "empty label"],
	["md5", "d41d8cd98f00b204e9800998ecf8427", "32 hex digits"],
	["md5", "z41d8cd98f00b204e9800998ecf8427e", "hex digits only"],
	["sha1", "d41d8cd98f00b204e9800998ecf8427e", "an MD5?"],
	["sha256", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "a SHA-1?"],
	["ssdeep", "3:abc", "blocksize:hash:hash"],
	["tlsh", "T1XYZ", "70 to 136 hex digits"],
	["filename", "evil\u0000.exe", "control"],
	["asn", "AS4294967296", "4294967295"],
	["asn", "ASfoo", "AS number"],
	["asn", "-1", "AS number"],
	["mutex", "", "empty"],
	["registry-key", "Software\\Microsoft", "starts with its hive"],
	["registry-key", "HKXX\\Software", "starts with its hive"],
	["user-agent", "Mozilla/5.0\r\nX-Injected: 1", "control"],
	["ja3", "e7d705a3286e19ea42f587b344ee686", "32 hex digits"],
	["ja4", "t13d1516h2_8daaf6152771", "a_b_c"],
	["wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "checksum"],
	["wallet", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "checksum"],
	["wallet", "bc1qw508d6qejxtdg4y5r3zarvaRY0c5xw7kv8f3t4", "mixed"],
	["wallet", "0OIl0OIl0OIl0OIl0OIl0OIl0OIl", "Base58"],
	["wallet", "hello", "supported are"],
];

describe("normalise", () => {
	for (const [kind, raw, expected] of NORMAL) {
		it(`${kind} ${JSON.stringify(raw).slice(0, 70)}`, () => {
			const want = typeof expected === "string" ? { kind, value: expected } : expected;
			assert.deepEqual(normalise(kind, raw), want);
		});
	}
});

describe("normalise refuses", () => {
	for (const [kind, raw, fragment] of REFUSED) {
		it(`${kind} ${JSON.stringify(raw).slice(0, 70)}`, () => {
			assert.throws(
				() => normalise(kind, raw),
				(error: unknown) =>
					isAppError(error) &&
					error.code === "E_OBSERVABLE_INVALID" &&
					error.kind === "invalid" &&
					error.message.includes(`is not a valid ${kind}: `) &&
					error.message.includes(fragment),
			);
		});
	}

	it("quotes a short, printable excerpt of junk in the message", () => {
		const junk = `${"\u0000\u0001\u00ff".repeat(30)}`;
		const result = tryNormalise("domain", junk);
		assert.ok("error" in result);
		assert.ok(result.error.length < 300, result.error);
		assert.ok(![...result.error].some((char) => char.charCodeAt(0) < 32), result.error);
	});

	it("refuses non-strings and unknown kinds instead of throwing a TypeError", () => {
		assert.ok("error" in tryNormalise("ipv4", 42 as unknown as string));
		for (const kind of ["colour", "constructor", "__proto__", "toString"])
			assert.ok("error" in tryNormalise(kind as ObservableKind, "red"), kind);
	});
});

describe("tryNormalise", () => {
	it("returns the normal form or the same message normalise throws", () => {
		assert.deepEqual(tryNormalise("sha1", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"), {
			kind: "sha1",
			value: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
		});
		const refused = tryNormalise("ipv4", "010.1.1.1");
		assert.ok("error" in refused);
		assert.match(
			refused.error,
			/^"010\.1\.1\.1" is not a valid ipv4: the octet 010 has a leading zero, which some tools read as octal \(8\) and others as decimal \(10\)/,
		);
	});
});
