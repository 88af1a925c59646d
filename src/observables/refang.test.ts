// refang(): the defanging notations analysts use, restored; ordinary text left alone.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { refang } from "./refang.ts";

const CASES: [string, string][] = [
	["hxxp://evil.example", "http://evil.example"],
	["hxxps://evil.example", "https://evil.example"],
	["hXXps://evil.example", "https://evil.example"],
	["HXXP://evil.example", "HTTP://evil.example".replace("HTTP", "http")],
	["h**p://evil.example", "http://evil.example"],
	["hxtp://evil.example", "http://evil.example"],
	["fxp://evil.example", "ftp://evil.example"],
	["hxxp[:]//evil.example", "http://evil.example"],
	["hxxps[://]evil.example", "https://evil.example"],
	["evil[.]example", "evil.example"],
	["evil(.)example", "evil.example"],
	["evil{.}example", "evil.example"],
	["evil[dot]example", "evil.example"],
	["evil(dot)example", "evil.example"],
	["evil{DOT}example", "evil.example"],
	["evil [ . ] example", "evil.example"],
	["evil\\.example", "evil.example"],
	["198.51.100[.]7", "198.51.100.7"],
	["alice[@]evil.example", "alice@evil.example"],
	["alice(at)evil.example", "alice@evil.example"],
	["alice [at] evil.example", "alice@evil.example"],
	["http://evil.example[/]x", "http://evil.example/x"],
	["2001[:]db8::1", "2001:db8::1"],
	["hxxps://evil[.]example(dot)com/a[@]b", "https://evil.example.com/a@b"],
];

const UNCHANGED = [
	"evil.example",
	"the word shxxpe and hxxp alone",
	"a (note) in [brackets]",
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"",
];

describe("refang", () => {
	for (const [fanged, plain] of CASES) {
		it(JSON.stringify(fanged), () => assert.equal(refang(fanged), plain));
	}
	for (const text of UNCHANGED) {
		it(`leaves ${JSON.stringify(text)} as it is`, () => assert.equal(refang(text), text));
	}
	it("is idempotent on its own output", () => {
		for (const [fanged] of CASES) assert.equal(refang(refang(fanged)), refang(fanged));
	});
	it("takes linear time on a megabyte of brackets or of spaces before a bracket (would hang if quadratic)", () => {
		for (const text of ["[(".repeat(500_000), `${" ".repeat(1_000_000)}x[`, `[${" ".repeat(1_000_000)}`])
			assert.equal(refang(text), text);
	});
	it("takes at most three spaces before a defang with it", () => {
		assert.equal(refang("evil   [.] example"), "evil.example");
		assert.equal(refang("evil    [.] example"), "evil .example");
	});
});
