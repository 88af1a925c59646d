// mispToStix against MISP's own published mapping (misp-stix's misp_*_to_stix21.json): ids, types, patterns and
// values as MISP's STIX 2.1 exporter writes them, with each deliberate difference named and explained (D53).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedData } from "../../../test/support/shared-data.ts";
import type { StixObject } from "../../stix/core.ts";
import { validateObject } from "../../stix/validate/index.ts";
import { mispToStix } from "../index.ts";

type Entry = { MISP: Record<string, unknown>; STIX: StixObject | StixObject[] };

function mapping(name: string): Record<string, Entry> {
	return JSON.parse(readFileSync(sharedData("misp", "misp-stix-mapping", name), "utf8"));
}

const ORGC = { name: "MISP-Project", uuid: "a0c22599-9e58-4da4-96ac-7051603fa951" };
const EVENT_UUID = "6ae2b8b0-4b4c-4a3c-9b0d-2f5a1c9e0a11";

function event(content: Record<string, unknown>): Record<string, unknown> {
	return { Event: { uuid: EVENT_UUID, info: "mapping", timestamp: "1603642920", Orgc: ORGC, ...content } };
}

/** Properties compared on every object both sides have (the rest is presentation). */
const COMPARED = [
	"type",
	"pattern",
	"pattern_type",
	"value",
	"name",
	"number",
	"hashes",
	"key",
	"values",
	"account_login",
	"account_type",
	"subject",
	"body",
	"message_id",
	"received_lines",
	"additional_header_fields",
	"dst_port",
	"src_port",
	"protocols",
	"relationship_type",
	"source_ref",
	"target_ref",
	"created",
	"modified",
	"first_observed",
	"last_observed",
	"valid_from",
	"kill_chain_phases",
	"created_by_ref",
	"resolves_to_refs",
] as const;

/**
 * Where we differ from misp-stix on purpose, per mapping entry: the properties not compared and why.
 * Everything else of every entry is compared.
 */
const DIFFERENCES: Record<string, { skip: string[]; why: string }> = {
	"hostname|port": {
		skip: ["pattern"],
		why: "MISP joins domain-name and network-traffic in one observation; STIX 2.1 §9.5 forbids it (network-traffic:dst_ref.* instead)",
	},
	regkey: {
		skip: ["key", "pattern"],
		why: "STIX 2.1 §6.13 requires the hive spelled out: HKLM → HKEY_LOCAL_MACHINE",
	},
	"regkey|value": {
		skip: ["key", "pattern"],
		why: "the hive spelled out, and values[*].data (a list) in the pattern",
	},
	"sha512/224": {
		skip: ["hashes", "pattern"],
		why: "kept as SHA512-224, not MISP's SHA-224 (a different algorithm)",
	},
	"sha512/256": {
		skip: ["hashes", "pattern"],
		why: "kept as SHA512-256, not MISP's SHA-256 (a false correlation)",
	},
	"filename|sha512/224": { skip: ["hashes", "pattern"], why: "as sha512/224" },
	"filename|sha512/256": { skip: ["hashes", "pattern"], why: "as sha512/256" },
	sha224: {
		skip: ["hashes"],
		why: "the SCO's key spelled as in the pattern (SHA-224), where MISP writes SHA224 in one and SHA-224 in the other",
	},
	sha384: { skip: ["hashes"], why: "as sha224: SHA-384 in both" },
	"sha3-224": { skip: ["hashes"], why: "as sha224: SHA3-224 in both" },
	"sha3-384": { skip: ["hashes"], why: "as sha224: SHA3-384 in both" },
	"filename|sha224": { skip: ["hashes"], why: "as sha224" },
	"filename|sha384": { skip: ["hashes"], why: "as sha224" },
	"filename|sha3-224": { skip: ["hashes"], why: "as sha224" },
	"filename|sha3-384": { skip: ["hashes"], why: "as sha224" },
	attachment: {
		skip: ["*"],
		why: "attachment data (an artifact) is not imported: the file name is (artifact payloads are not indicators)",
	},
	"malware-sample": {
		skip: ["*"],
		why: "as attachment: the sample's name and MD5 are imported, not its zipped bytes",
	},
	sigma: {
		skip: ["pattern"],
		why: "the mapping's pattern shows the rule flattened inside [ ]; we keep the rule as written",
	},
	snort: { skip: ["pattern"], why: "as sigma" },
	suricata: { skip: ["pattern"], why: "as sigma" },
	yara: { skip: ["pattern"], why: "as sigma" },
};

/**
 * The mapping document names some observables by another entry's uuid (its examples were assembled by hand):
 * those ids are compared by type only.
 */
function sameId(expected: string, produced: ReadonlySet<string>, uuid: string): string | undefined {
	if (produced.has(expected)) return expected;
	const type = expected.slice(0, expected.indexOf("--"));
	const ours = `${type}--${uuid}`;
	return produced.has(ours) ? ours : undefined;
}

function compare(key: string, expected: StixObject[], produced: StixObject[], uuid: string): void {
	const skip = DIFFERENCES[key]?.skip ?? [];
	if (skip.includes("*")) return;
	const byId = new Map(produced.map((object) => [object.id, object]));
	const ids = new Set(byId.keys());
	for (const want of expected) {
		if (want.type === "relationship" && !ids.has(want.id)) {
			const found = produced.find(
				(object) => object.type === "relationship" && object.relationship_type === want.relationship_type,
			);
			assert.ok(found, `${key}: no ${want.relationship_type} relationship`);
			continue;
		}
		const id = sameId(want.id, ids, uuid);
		assert.ok(id, `${key}: ${want.id} was not produced (have ${[...ids].join(", ")})`);
		const got = byId.get(id) as StixObject;
		for (const property of COMPARED) {
			if (skip.includes(property) || !(property in want)) continue;
			if (property.endsWith("_ref") || property.endsWith("_refs")) {
				const typesOf = (value: unknown) =>
					([] as unknown[]).concat(value).map((ref) => String(ref).slice(0, String(ref).indexOf("--")));
				assert.deepEqual(typesOf(got[property]), typesOf(want[property]), `${key}: ${want.id} ${property}`);
				continue;
			}
			assert.deepEqual(got[property], want[property], `${key}: ${want.id} ${property}`);
		}
	}
}

describe("misp_attributes_to_stix21.json", () => {
	for (const [key, entry] of Object.entries(mapping("misp_attributes_to_stix21.json"))) {
		it(`${key}: ids, types, patterns and values as MISP exports them`, () => {
			const attribute = { ...entry.MISP, to_ids: true };
			const { objects } = mispToStix(event({ Attribute: [attribute] }));
			compare(key, ([] as StixObject[]).concat(entry.STIX), objects, String(entry.MISP.uuid));
		});
	}
});

describe("misp_objects_to_stix21.json", () => {
	const entries = mapping("misp_objects_to_stix21.json");
	for (const key of ["domain-ip", "email", "file", "ip-port", "url", "registry-key"]) {
		it(`${key}: ids, types, patterns and values as MISP exports them`, () => {
			const entry = entries[key] as Entry;
			const { objects } = mispToStix(event({ Object: [entry.MISP] }));
			const expected = ([] as StixObject[]).concat(entry.STIX);
			const ours = new Set(objects.map((object) => object.id));
			for (const want of expected.filter((object) => object.type !== "relationship"))
				assert.ok(ours.has(want.id) || want.type !== "observed-data", `${key}: ${want.id}`);
			const indicator = expected.find((object) => object.type === "indicator");
			const produced = objects.find((object) => object.type === "indicator");
			if (indicator !== undefined) {
				assert.equal(produced?.id, indicator.id, key);
				assert.equal(typeof produced?.pattern, "string", key);
			}
			const based = expected.find((object) => object.type === "relationship");
			if (based !== undefined)
				assert.ok(
					objects.some((object) => object.id === based.id),
					`${key}: the based-on relationship under misp-stix's id ${based.id}`,
				);
		});
	}

	it("domain-ip: the pattern MISP writes", () => {
		const entry = entries["domain-ip"] as Entry;
		const { objects } = mispToStix(event({ Object: [entry.MISP] }));
		const want = ([] as StixObject[]).concat(entry.STIX).find((object) => object.type === "indicator");
		assert.equal(objects.find((object) => object.type === "indicator")?.pattern, want?.pattern);
	});

	it("email: the message, its addresses with their display names, headers and attachments as MISP exports them", () => {
		const entry = entries.email as Entry;
		const { objects } = mispToStix(event({ Object: [entry.MISP] }));
		const expected = ([] as StixObject[]).concat(entry.STIX);
		for (const want of expected.filter((object) => ["email-addr", "file"].includes(object.type))) {
			const got = objects.find((object) => object.id === want.id);
			assert.equal(got?.value ?? got?.name, want.value ?? want.name, want.id);
			assert.equal(got?.display_name, want.display_name, want.id);
		}
		const message = objects.find((object) => object.type === "email-message") as StixObject;
		const want = expected.find((object) => object.type === "email-message") as StixObject;
		for (const property of [
			"from_ref",
			"to_refs",
			"cc_refs",
			"bcc_refs",
			"subject",
			"message_id",
			"is_multipart",
		])
			assert.deepEqual(message[property], want[property], property);
		assert.deepEqual(message.additional_header_fields, want.additional_header_fields);
		for (const object of objects)
			assert.deepEqual(
				validateObject(object).filter((issue) => issue.severity === "error"),
				[],
				object.id,
			);
	});

	it("a template MISP's mapping has but we do not is kept whole as an x-misp-object, with a note", () => {
		const entry = entries["android-app"] as Entry;
		const { objects, notes } = mispToStix(event({ Object: [entry.MISP] }));
		const custom = objects.find((object) => object.type === "x-misp-object");
		assert.equal(custom?.id, `x-misp-object--${entry.MISP.uuid}`);
		assert.equal(
			(custom?.x_misp_attributes as unknown[] | undefined)?.length,
			(entry.MISP.Attribute as unknown[]).length,
		);
		assert.match(notes[0]?.reason ?? "", /no STIX 2.1 mapping for the object template 'android-app'/);
	});
});

describe("misp_galaxies_to_stix21.json", () => {
	for (const [key, entry] of Object.entries(mapping("misp_galaxies_to_stix21.json"))) {
		const expected = ([] as StixObject[]).concat(entry.STIX);
		if (
			!["Attack Pattern", "Malware", "Threat Actor", "Tool", "Intrusion Set", "Course of Action"].includes(
				key,
			)
		)
			continue;
		it(`${key}: the cluster's object under its uuid, named as MISP names it`, () => {
			const { objects } = mispToStix(
				event({
					Attribute: [{ uuid: "91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f", type: "domain", value: "circl.lu" }],
					Galaxy: [entry.MISP],
				}),
			);
			for (const want of expected) {
				const got = objects.find((object) => object.id === want.id);
				assert.ok(got, `${key}: ${want.id}`);
				assert.equal(got.type, want.type);
				assert.equal(got.name, want.name);
				if (want.kill_chain_phases !== undefined)
					assert.deepEqual(got.kill_chain_phases, want.kill_chain_phases);
			}
		});
	}
});
