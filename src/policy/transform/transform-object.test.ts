import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { StixObject } from "../../stix/core.ts";
import { scoId } from "../../stix/ids/index.ts";
import type { AppliedTreatment, Treatment } from "../model.ts";
import { transformBundle } from "./bundle.ts";
import { DERIVATION_PROPERTY } from "./derivation.ts";
import { transformObject } from "./transform-object.ts";

const context = {
	key: new Uint8Array(32).fill(3),
	nodeIdentity: "identity--0f2b7d6e-1c3a-4b5d-8e9f-0a1b2c3d4e5f",
	now: "2025-03-01T12:00:00.000Z",
};
const T = "2024-05-01T10:00:00.000Z";
const rule = (treatment: Treatment, objectType: string, fields?: string[]): AppliedTreatment =>
	fields === undefined
		? { treatment, objectType, because: "test rule" }
		: { treatment, objectType, fields, because: "test rule" };

function releasedObject(object: StixObject, treatments: AppliedTreatment[]): StixObject {
	const out = transformObject(object, treatments, context);
	assert.equal(out.kind, "released", out.kind === "withheld" ? out.reason : "");
	return out.kind === "released" ? out.object : object;
}

describe("transformObject", () => {
	const account = {
		type: "user-account",
		spec_version: "2.1",
		id: scoId({ type: "user-account", account_login: "alice", account_type: "unix" }) ?? "",
		account_login: "alice",
		account_type: "unix",
		credential: "hunter2",
		extensions: { "unix-account-ext": { gecos: "Alice Example,room 4", home_dir: "/home/alice", gid: 100 } },
	};

	it("drops nested fields and prunes what is left empty", () => {
		const out = releasedObject(account, [
			rule("drop", "user-account", [
				"extensions.unix-account-ext.gecos",
				"extensions.unix-account-ext.home_dir",
				"extensions.unix-account-ext.gid",
			]),
		]);
		assert.equal(out.extensions, undefined);
		assert.equal(out.account_login, "alice");
		assert.equal(out.id, account.id, "no ID contributing property changed");
	});

	it("pseudonymises a login as pseud-<hex>, always drops the credential, and re-mints the id", () => {
		const out = releasedObject(account, [rule("pseudonymise", "user-account")]);
		assert.match(String(out.account_login), /^pseud-[0-9a-f]{16}$/);
		assert.equal(out.credential, undefined);
		assert.equal(out.id, scoId(out));
		assert.ok(!JSON.stringify(out).includes("hunter2") && !JSON.stringify(out).includes(account.id));
		const untouched = releasedObject(account, []);
		assert.equal(untouched.credential, undefined, "even with no treatment");
	});

	it("coarsens a location to country and region", () => {
		const location = {
			type: "location",
			spec_version: "2.1",
			id: "location--a1a2a3a4-a5a6-47a8-89aa-b1b2b3b4b5b6",
			created: T,
			modified: T,
			name: "Alice's flat",
			street_address: "1 High St",
			city: "Leeds",
			latitude: 53.8,
			longitude: -1.5,
			country: "GB",
			region: "northern-europe",
		};
		const out = releasedObject(location, [rule("coarsen", "location")]);
		assert.deepEqual(
			Object.keys(out)
				.filter((k) => k !== DERIVATION_PROPERTY)
				.sort(),
			["country", "created", "id", "modified", "region", "spec_version", "type"],
		);
		const pointOnly = { ...location, country: undefined, region: undefined };
		assert.equal(transformObject(pointOnly, [rule("coarsen", "location")], context).kind, "withheld");
	});

	it("coarsens an individual to 'Individual (sector)'", () => {
		const person = {
			type: "identity",
			spec_version: "2.1",
			id: "identity--c1c2c3c4-c5c6-47c8-89ca-d1d2d3d4d5d6",
			created: T,
			modified: T,
			name: "Alice Example",
			identity_class: "individual",
			sectors: ["financial-services"],
			contact_information: "alice@victim.example",
			description: "Alice Example's laptop",
		};
		const out = releasedObject(person, [rule("coarsen", "identity")]);
		assert.equal(out.name, "Individual (financial-services)");
		assert.equal(out.contact_information, undefined);
		assert.equal(out.description, undefined);
		assert.equal(out.id, person.id);
		assert.equal((out[DERIVATION_PROPERTY] as { original_id: string }).original_id, person.id);
	});

	it("scrubs command lines and paths; a scrubbed directory gets a new id", () => {
		const process = {
			type: "process",
			spec_version: "2.1",
			id: "process--e1e2e3e4-e5e6-47e8-89ea-f1f2f3f4f5f6",
			command_line: "curl -u bob@victim.example http://198.51.100.7/x?token=abc",
		};
		assert.equal(
			releasedObject(process, [rule("scrub", "process")]).command_line,
			"curl -u [redacted] http://[redacted]/x?[redacted]",
		);
		const directory = {
			type: "directory",
			spec_version: "2.1",
			id: scoId({ type: "directory", path: "C:\\Users\\alice\\Downloads" }) ?? "",
			path: "C:\\Users\\alice\\Downloads",
		};
		const out = releasedObject(directory, [rule("scrub", "directory")]);
		assert.equal(out.path, "C:\\Users\\[redacted]\\Downloads");
		assert.equal(out.id, scoId(out));
		assert.notEqual(out.id, directory.id);
		const url = {
			type: "url",
			spec_version: "2.1",
			id: scoId({ type: "url", value: "https://evil.example/p?u=bob" }) ?? "",
			value: "https://evil.example/p?u=bob",
		};
		assert.equal(releasedObject(url, [rule("scrub", "url")]).value, "https://evil.example/p?redacted");
	});

	it("removes granular markings on dropped fields", () => {
		const note = {
			type: "note",
			spec_version: "2.1",
			id: "note--a1b2c3d4-e5f6-4789-8abc-def012345678",
			created: T,
			modified: T,
			content: "x",
			abstract: "secret",
			object_refs: ["malware--1d1e1f20-2122-4324-8526-272829303132"],
			granular_markings: [
				{ marking_ref: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", selectors: ["abstract"] },
				{
					marking_ref: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
					selectors: ["abstract", "content"],
				},
			],
		};
		const out = releasedObject(note, [rule("drop", "note", ["abstract"])]);
		assert.deepEqual(out.granular_markings, [
			{ marking_ref: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", selectors: ["content"] },
		]);
	});

	it("fails closed: hold, a required property dropped, a type with no known personal data", () => {
		const ip = {
			type: "ipv4-addr",
			spec_version: "2.1",
			id: scoId({ type: "ipv4-addr", value: "198.51.100.7" }) ?? "",
			value: "198.51.100.7",
		};
		assert.deepEqual(transformObject(ip, [rule("hold", "ipv4-addr")], context), {
			kind: "withheld",
			reason: "held for review: test rule",
		});
		assert.equal(transformObject(ip, [rule("drop", "ipv4-addr")], context).kind, "withheld");
		const mutex = {
			type: "mutex",
			spec_version: "2.1",
			id: scoId({ type: "mutex", name: "m" }) ?? "",
			name: "m",
		};
		assert.equal(transformObject(mutex, [rule("pseudonymise", "mutex")], context).kind, "withheld");
	});
});

describe("property: a transformed value never appears in the output", () => {
	const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
	const check = (type: string, value: string, treatment: Treatment) => {
		const object = { type, spec_version: "2.1", value };
		const observable = { ...object, id: scoId(object) ?? "" };
		const indicator = {
			type: "indicator",
			spec_version: "2.1",
			id: "indicator--31323334-3536-4738-b940-414243444546",
			created: T,
			modified: T,
			pattern_type: "stix",
			valid_from: T,
			pattern: `[${type}:value = '${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}']`,
			description: `seen: ${value}`,
		};
		const relationship = {
			type: "relationship",
			spec_version: "2.1",
			id: "relationship--71727374-7576-4778-b980-818283848586",
			created: T,
			modified: T,
			relationship_type: "related-to",
			source_ref: observable.id,
			target_ref: indicator.id,
		};
		const out = transformBundle(
			[observable, indicator, relationship],
			new Map([[observable.id, [rule(treatment, type)]]]),
			context,
		);
		const json = JSON.stringify(out.objects);
		assert.ok(!json.includes(JSON.stringify(value).slice(1, -1)), `${value} in ${json}`);
		assert.ok(!json.includes(observable.id));
		assert.equal(out.objects.length + out.dropped.length, 3);
	};

	it("for IPv4 addresses, pseudonymised or generalised", () => {
		fc.assert(
			fc.property(ipv4, fc.constantFrom<Treatment>("pseudonymise", "generalise"), (value, treatment) => {
				// A /24 network address is its own generalisation's prefix text; only pseudonymising hides it.
				fc.pre(treatment === "pseudonymise" || !value.endsWith(".0"));
				check("ipv4-addr", value, treatment);
			}),
			{ numRuns: 300 },
		);
	});

	it("for e-mail addresses", () => {
		fc.assert(
			fc.property(fc.emailAddress(), (value) => check("email-addr", value, "pseudonymise")),
			{ numRuns: 300 },
		);
	});
});

describe("omit-provider (IEP attribution: must-not)", () => {
	const provider = "identity--6a7b8c9d-0e1f-4a2b-8c3d-4e5f60718293";
	const omit: AppliedTreatment = {
		treatment: "omit-provider",
		objectType: "indicator",
		because: "iep.attribution: an IEP policy forbids naming the provider",
	};
	const report = {
		type: "indicator",
		spec_version: "2.1",
		id: "indicator--2f1e0d9c-8b7a-4c6d-9e5f-403122110000",
		created: T,
		modified: T,
		created_by_ref: provider,
		name: "beacon",
		description: "seen beaconing",
		pattern: "[domain-name:value = 'c2.example']",
		pattern_type: "stix",
		valid_from: T,
		x_entente_derivation: { derived_by: provider, at: T, rules: [] },
	};
	const author = {
		type: "identity",
		spec_version: "2.1",
		id: provider,
		created: T,
		modified: T,
		name: "Provider",
		identity_class: "organization",
	};

	it("removes created_by_ref and a previous hop's derived_by, and names no deriving node", () => {
		const out = releasedObject(report, [omit, rule("scrub", "indicator", ["description"])]);
		assert.equal(out.created_by_ref, undefined);
		const derivation = out[DERIVATION_PROPERTY] as Record<string, unknown>;
		assert.equal(derivation.derived_by, undefined);
		assert.deepEqual(derivation.rules, [
			{
				treatment: "omit-provider",
				fields: ["created_by_ref", "x_entente_derivation.derived_by"],
				because: omit.because,
			},
			{ treatment: "scrub", fields: ["description"], because: "test rule" },
		]);
		assert.ok(!JSON.stringify(out).includes(provider) && !JSON.stringify(out).includes(context.nodeIdentity));
	});

	it("changes nothing on an object that names no provider", () => {
		const { created_by_ref: _, x_entente_derivation: __, ...anonymous } = report;
		assert.deepEqual(releasedObject(anonymous, [omit]), anonymous);
	});

	it("leaves the provider's identity object on the same page to its own decision", () => {
		const out = transformBundle([report, author], new Map([[report.id, [omit]]]), context);
		assert.deepEqual(out.dropped, []);
		assert.deepEqual(out.objects[1], author);
	});
});
