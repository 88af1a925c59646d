// stixTargetOf, patternOf, scoOf and observablesOf agree: a value's pattern and SCO name the value again.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../stix/core.ts";
import { checkPattern } from "../stix/pattern/index.ts";
import { validateObject } from "../stix/validate/index.ts";
import { OBSERVABLE_KINDS, type Observable, type ObservableKind } from "./kinds.ts";
import { observablesOf } from "./observables-of.ts";
import { patternOf, scoOf, stixTargetOf } from "./stix-mapping.ts";

/** One value in normal form per kind, some with characters a pattern must escape. */
const SAMPLES: Readonly<Record<ObservableKind, string>> = {
	ipv4: "198.51.100.0/24",
	ipv6: "2001:db8::7",
	domain: "xn--bcher-kva.example",
	url: "http://evil.example/it's?q=%27x%27",
	email: "o'brien@evil.example",
	md5: "d41d8cd98f00b204e9800998ecf8427e",
	sha1: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	sha512: "c".repeat(128),
	ssdeep: "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C",
	tlsh: "c3".repeat(35),
	filename: "it's \\ a ]file[.exe",
	asn: "64496",
	mutex: "Global\\it's",
	"registry-key": "HKEY_LOCAL_MACHINE\\Software\\Run",
	"user-agent": "Mozilla/5.0 (it's 'quoted')",
	ja3: "e7d705a3286e19ea42f587b344ee6865",
	ja4: "t13d1516h2_8daaf6152771_02713d6af862",
	wallet: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
};

const indicator = (pattern: string, patternType = "stix"): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	pattern,
	pattern_type: patternType,
});

describe("stixTargetOf", () => {
	it("maps hashes to the file's hashes dictionary, quoted as a pattern writes it", () => {
		assert.deepEqual(stixTargetOf("sha256"), { type: "file", path: "hashes.'SHA-256'" });
		assert.deepEqual(stixTargetOf("md5"), { type: "file", path: "hashes.MD5" });
		assert.deepEqual(stixTargetOf("asn"), { type: "autonomous-system", path: "number" });
		assert.deepEqual(stixTargetOf("user-agent"), {
			type: "network-traffic",
			path: "extensions.'http-request-ext'.request_header.'User-Agent'",
		});
	});
});

describe("patternOf", () => {
	it("writes one comparison, with §9 string escapes and an AS number as an integer", () => {
		assert.equal(patternOf({ kind: "ipv4", value: "198.51.100.7" }), "[ipv4-addr:value = '198.51.100.7']");
		assert.equal(patternOf({ kind: "filename", value: "it's \\ x" }), "[file:name = 'it\\'s \\\\ x']");
		assert.equal(patternOf({ kind: "asn", value: "64496" }), "[autonomous-system:number = 64496]");
	});

	for (const kind of OBSERVABLE_KINDS) {
		it(`${kind}: the pattern is valid STIX and names the value again`, () => {
			const o: Observable = { kind, value: SAMPLES[kind] };
			const pattern = patternOf(o);
			assert.deepEqual(checkPattern(pattern), [], pattern);
			const target = stixTargetOf(kind);
			assert.deepEqual(observablesOf(indicator(pattern)), [
				{ ...o, path: `${target.type}:${target.path}`, source: "pattern" },
			]);
		});
	}
});

describe("scoOf", () => {
	it("gives the deterministic id STIX 2.1 §2.9 computes", () => {
		assert.equal(
			scoOf({ kind: "ipv4", value: "198.51.100.3" })?.id,
			"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
		);
		assert.deepEqual(scoOf({ kind: "asn", value: "64496" }), {
			type: "autonomous-system",
			spec_version: "2.1",
			id: scoOf({ kind: "asn", value: "64496" })?.id,
			number: 64496,
		});
	});

	for (const kind of OBSERVABLE_KINDS) {
		const o: Observable = { kind, value: SAMPLES[kind] };
		const sco = scoOf(o);
		if (sco === undefined) {
			it(`${kind}: has no SCO of its own`, () =>
				assert.ok(["user-agent", "ja3", "ja4", "wallet"].includes(kind), kind));
			continue;
		}
		it(`${kind}: the SCO is valid STIX and names the value again`, () => {
			const errors = validateObject(sco).filter((issue) => issue.severity === "error");
			assert.deepEqual(errors, []);
			assert.deepEqual(
				observablesOf(sco).map(({ kind, value }) => ({ kind, value })),
				[o],
			);
		});
	}
});
