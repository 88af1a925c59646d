import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	parseItem,
	parseList,
	serializeItem as serializeLibraryItem,
	serializeList,
} from "structured-headers";
import {
	isInnerList,
	parseDictionary,
	type SfDictionary,
	serializeDictionary,
	serializeItem,
	serializeMember,
} from "./structured-fields.ts";

const roundTrip = (input: string): string => serializeDictionary(parseDictionary(input));
const text = (bytes: unknown): string => Buffer.from(bytes as Uint8Array).toString("utf8");

describe("RFC 8941 dictionaries (the type RFC 9421 and RFC 9530 fields use)", () => {
	it("parses the §3.2 examples and serializes them canonically", () => {
		const cases: [input: string, canonical: string][] = [
			['en="Applepie", da=:w4ZibGV0w6ZydGUK:', 'en="Applepie", da=:w4ZibGV0w6ZydGUK:'],
			["a=?0, b, c; foo=bar", "a=?0, b, c;foo=bar"],
			["rating=1.5, feelings=(joy sadness)", "rating=1.5, feelings=(joy sadness)"],
			["a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid", "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid"],
			[
				'a=1,  b="x\\"y";p=?0, c=:AQID:, d=(tok "s");q=-1.5, e',
				'a=1, b="x\\"y";p=?0, c=:AQID:, d=(tok "s");q=-1.5, e',
			],
		];
		for (const [input, canonical] of cases) assert.equal(roundTrip(input), canonical, input);
	});

	it("gives each bare item its type", () => {
		const dict = parseDictionary('en="Applepie", da=:w4ZibGV0w6ZydGUK:, b, c; foo=bar, n=-42, d=4.5');
		const item = (key: string) => {
			const member = dict.get(key);
			assert.ok(member !== undefined && !isInnerList(member), key);
			return member;
		};
		assert.equal(item("en").value, "Applepie");
		assert.equal(text(item("da").value), "Æbletærte\n");
		assert.equal(item("b").value, true);
		assert.deepEqual(item("c"), { value: true, params: new Map([["foo", { token: "bar" }]]) });
		assert.equal(item("n").value, -42);
		assert.equal(item("d").value, 4.5);
	});

	it("keeps the first position and the last value of a repeated key (§4.2.2)", () => {
		assert.equal(roundTrip("a=1, b=2, a=3"), "a=3, b=2");
		assert.equal(roundTrip("a=1;p=1;p=2"), "a=1;p=2");
	});

	it("reads an empty field as an empty dictionary, and tolerates OWS around commas", () => {
		assert.equal(parseDictionary("").size, 0);
		assert.equal(roundTrip("a=1 ,\tb=2 "), "a=1, b=2");
	});

	it("accepts a byte sequence without '=' padding, as §4.2.7 says a parser SHOULD", () => {
		const dict: SfDictionary = parseDictionary("a=:AQI:");
		const member = dict.get("a");
		assert.ok(member !== undefined && !isInnerList(member));
		assert.deepEqual([...(member.value as Uint8Array)], [1, 2]);
		assert.equal(roundTrip("a=:AQI:"), "a=:AQI=:");
	});

	it("refuses every malformed field named by §4.2", () => {
		const malformed = [
			"A=1", // keys are lowercase
			"\ta=1", // only SP may lead
			"a=",
			"a=1,",
			"a=1,,b=2",
			"a=1 b=2",
			'a="unterminated',
			'a="\\n"', // only \" and \\ escape
			'a="é"', // strings are ASCII
			'a="\u0001"',
			"a=(1",
			"a=(1 2)x",
			"a=1234567890123456", // integers: 15 digits
			"a=1234567890123.5", // decimals: 12 digits before the point
			"a=1.2345", // and 3 after
			"a=1.",
			"a=?2",
			"a=:AQID",
			"a=:AQ*D:",
			"a=:AQ=:x",
			"a=/tok", // tokens start with ALPHA or *
			"a=é",
		];
		for (const input of malformed) {
			assert.throws(() => parseDictionary(input), { name: "SfParseError" }, JSON.stringify(input));
		}
	});

	it("refuses to serialize what §4.1 cannot carry", () => {
		const bad = [
			{ value: 1_000_000_000_000_000, params: new Map() },
			{ value: "é", params: new Map() },
			{ value: { token: "1abc" }, params: new Map() },
			{ value: 1, params: new Map([["UPPER", true]]) },
		];
		for (const item of bad) assert.throws(() => serializeItem(item), { name: "SfParseError" });
		assert.throws(() => serializeDictionary(new Map([["Key", { value: 1, params: new Map() }]])), {
			name: "SfParseError",
		});
	});

	it("serializes inner lists with their parameters", () => {
		const member = parseDictionary('sig=("@method" "signature";req;key="x");created=1;keyid="k"').get("sig");
		assert.ok(member !== undefined);
		assert.equal(serializeMember(member), '("@method" "signature";req;key="x");created=1;keyid="k"');
	});
});

describe("RFC 8941 items and lists (structured-headers, the library our dictionaries go through)", () => {
	it("parses and re-serializes the §3.3 item examples", () => {
		const cases: [input: string, canonical: string][] = [
			["5; foo=bar", "5;foo=bar"],
			["42", "42"],
			["-42", "-42"],
			["4.5", "4.5"],
			['"hello world"', '"hello world"'],
			["foo123/456", "foo123/456"],
			[":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:", ":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:"],
			["?1", "?1"],
		];
		for (const [input, canonical] of cases) assert.equal(serializeLibraryItem(parseItem(input)), canonical);
		assert.equal(
			text(parseItem(":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:")[0]),
			"pretend this is binary content.",
		);
	});

	it("parses and re-serializes the §3.1 list examples", () => {
		const cases: [input: string, canonical: string][] = [
			["sugar, tea, rum", "sugar, tea, rum"],
			['("foo" "bar"), ("baz"), ("bat" "one"), ()', '("foo" "bar"), ("baz"), ("bat" "one"), ()'],
			['("foo"; a=1;b=2);lvl=5, ("bar" "baz");lvl=1', '("foo";a=1;b=2);lvl=5, ("bar" "baz");lvl=1'],
			// "; cde_456" is a third parameter of abc, not a list member.
			['abc;a=1;b=2; cde_456, (ghi;jk=4 l);q="9";r=w', 'abc;a=1;b=2;cde_456, (ghi;jk=4 l);q="9";r=w'],
		];
		for (const [input, canonical] of cases) assert.equal(serializeList(parseList(input)), canonical);
	});

	it("refuses malformed items and lists", () => {
		for (const input of ["5 6", "?", '"a', "1.2345", "a=1"]) assert.throws(() => parseItem(input), input);
		for (const input of ["tea,", "(a b", "a, ,b", "a b"]) assert.throws(() => parseList(input), input);
	});
});
