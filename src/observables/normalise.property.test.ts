// Properties of normalise() over generated values: idempotent, unchanged by defanging, total on junk.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isAppError } from "../errors/index.ts";
import { classify } from "./classify.ts";
import { OBSERVABLE_KINDS, type ObservableKind } from "./kinds.ts";
import { normalise, tryNormalise } from "./normalise.ts";
import { refang } from "./refang.ts";

const hex = (length: number) =>
	fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: length, maxLength: length });
const prefix = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });

/** Plausible raw values per kind, upper case and odd spacing included. */
const VALUES: Partial<Record<ObservableKind, fc.Arbitrary<string>>> = {
	ipv4: fc.tuple(fc.ipV4(), prefix(32)).map(([ip, p]) => (p === undefined ? ip : `${ip}/${p}`)),
	ipv6: fc
		.tuple(fc.ipV6(), prefix(128))
		.map(([ip, p]) => (p === undefined ? ip.toUpperCase() : `${ip}/${p}`)),
	domain: fc.domain().map((d) => `${d.toUpperCase()}.`),
	url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
	email: fc.emailAddress(),
	md5: hex(32),
	sha1: hex(40),
	sha256: hex(64).map((h) => ` ${h} `),
	sha512: hex(128),
	ja3: hex(32),
	asn: fc.integer({ min: 0, max: 4294967295 }).map((n) => `AS${n}`),
	filename: fc.string({ minLength: 1, maxLength: 40 }),
	mutex: fc.string({ minLength: 1, maxLength: 40 }),
	"user-agent": fc.string({ minLength: 1, maxLength: 80 }),
	"registry-key": fc
		.tuple(
			fc.constantFrom("HKLM", "hkcu", "HKEY_USERS", "HKCR:"),
			fc.array(fc.stringMatching(/^[A-Za-z0-9 ._-]{1,12}$/), { maxLength: 4 }),
		)
		.map(([hive, parts]) => [hive, ...parts].join("\\\\")),
};

/** Defangs the way analysts do, so refanging must bring back the same normal form. */
function defang(text: string): string {
	return text.replace(/^http/i, "hxxp").replaceAll(".", "[.]").replace("@", "[@]");
}

describe("normalise properties", () => {
	for (const [kind, values] of Object.entries(VALUES) as [ObservableKind, fc.Arbitrary<string>][]) {
		it(`${kind}: normalise(normalise(x)) = normalise(x)`, () => {
			fc.assert(
				fc.property(values, (raw) => {
					const once = tryNormalise(kind, raw);
					if ("error" in once) return;
					assert.deepEqual(normalise(once.kind, once.value), once);
				}),
				{ numRuns: 300 },
			);
		});
	}

	for (const kind of ["ipv4", "ipv6", "domain", "url", "email"] as const) {
		it(`${kind}: a defanged value normalises like the value, and refang changes nothing more`, () => {
			fc.assert(
				fc.property(VALUES[kind] as fc.Arbitrary<string>, (raw) => {
					const plain = tryNormalise(kind, raw);
					if ("error" in plain) return;
					assert.deepEqual(tryNormalise(kind, refang(raw)), plain);
					fc.pre(refang(raw) === raw); // a value that itself holds "{.}" is not defanged by defang()
					assert.deepEqual(tryNormalise(kind, defang(raw)), plain);
				}),
				{ numRuns: 300 },
			);
		});
	}

	it("every kind answers any string with a normal form or E_OBSERVABLE_INVALID, never another error", () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...OBSERVABLE_KINDS),
				fc.string({ unit: "binary", maxLength: 300 }),
				(kind, raw) => {
					try {
						const result = normalise(kind, raw);
						assert.deepEqual(normalise(result.kind, result.value), result);
					} catch (error) {
						assert.ok(isAppError(error) && error.code === "E_OBSERVABLE_INVALID", String(error));
					}
				},
			),
			{ numRuns: 2000 },
		);
	});

	it("classify's answer is a normal form of the kind it names", () => {
		const anything = fc.oneof(...Object.values(VALUES), fc.string({ unit: "binary", maxLength: 80 }));
		fc.assert(
			fc.property(anything, (raw) => {
				const guess = classify(raw);
				if (guess !== undefined) assert.deepEqual(normalise(guess.kind, guess.value), guess);
			}),
			{ numRuns: 1000 },
		);
	});
});
