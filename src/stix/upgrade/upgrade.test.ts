// Tests the STIX 2.0 → 2.1 upgrade on ATT&CK Enterprise and on MISP's paired 2.0/2.1 conversions.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedData } from "../../../test/support/shared-data.ts";
import { isStix20, upgradeObject, upgradeObjects } from "./index.ts";

type Json = Record<string, unknown>;
const readBundle = (...path: string[]): { spec_version?: string; objects: Json[] } =>
	JSON.parse(readFileSync(sharedData(...path), "utf8")) as { spec_version?: string; objects: Json[] };

describe("isStix20", () => {
	it("uses spec_version, then the bundle, then the object category", () => {
		assert.equal(isStix20({ type: "malware", id: "malware--1" }), true);
		assert.equal(isStix20({ type: "malware", id: "malware--1", spec_version: "2.1" }), false);
		assert.equal(isStix20({ type: "ipv4-addr", id: "ipv4-addr--1" }), false);
		assert.equal(isStix20({ type: "ipv4-addr", id: "ipv4-addr--1" }, "2.0"), true);
		assert.equal(isStix20({ type: "x-mitre-tactic", id: "x-mitre-tactic--1" }), true);
	});
});

describe("upgradeObject", () => {
	it("renames labels, adds pattern_type, valid_from and is_family, and never mutates its input", () => {
		const indicator = {
			type: "indicator",
			id: "indicator--1",
			created: "2020-01-01T00:00:00.000Z",
			labels: ["malicious-activity"],
			pattern: "[x:y = 'z']",
		};
		const frozen = structuredClone(indicator);
		const { object, changes } = upgradeObject(indicator);
		assert.deepEqual(indicator, frozen);
		assert.equal(object.spec_version, "2.1");
		assert.deepEqual(object.indicator_types, ["malicious-activity"]);
		assert.equal(object.labels, undefined);
		assert.equal(object.pattern_type, "stix");
		assert.equal(object.valid_from, "2020-01-01T00:00:00.000Z");
		assert.deepEqual(changes, [
			"add spec_version 2.1",
			"indicator: labels → indicator_types",
			"indicator: add pattern_type stix",
			"indicator: valid_from ← created",
		]);
		assert.equal(
			upgradeObject({ type: "malware", id: "malware--1", labels: ["trojan"] }).object.is_family,
			true,
		);
		assert.deepEqual(
			upgradeObject({ type: "threat-actor", id: "threat-actor--1", labels: ["spy"] }).object
				.threat_actor_types,
			["spy"],
		);
	});

	it("mints SCOs with deterministic ids for observed-data, rewriting references", () => {
		const observed = {
			type: "observed-data",
			id: "observed-data--1",
			objects: {
				"0": { type: "domain-name", value: "circl.lu", resolves_to_refs: ["1"] },
				"1": { type: "ipv4-addr", value: "198.51.100.3" },
			},
		};
		const { object, related } = upgradeObject(observed);
		assert.equal(object.objects, undefined);
		assert.deepEqual(
			object.object_refs,
			related.map((sco) => sco.id),
		);
		const ip = related.find((sco) => sco.type === "ipv4-addr");
		assert.equal(ip?.id, "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
		assert.deepEqual(related.find((sco) => sco.type === "domain-name")?.resolves_to_refs, [ip?.id]);
		assert.deepEqual(upgradeObject(observed).related, related);
	});

	it("upgrades ATT&CK Enterprise, counting each change, custom content untouched", () => {
		const bundle = readBundle("stix20", "attack", "enterprise-attack-assembled.json");
		const { objects, changes, upgraded } = upgradeObjects(bundle.objects, bundle.spec_version);
		assert.equal(upgraded, 24_771);
		assert.equal(objects.length, 24_771);
		assert.deepEqual(Object.fromEntries(changes), {
			"add spec_version 2.1": 24_771,
			"malware: labels → malware_types": 696,
			"malware: add is_family true": 696,
			"tool: labels → tool_types": 91,
		});
		const tactic = objects.find((o) => o.type === "x-mitre-tactic");
		const original = bundle.objects.find((o) => o.id === tactic?.id);
		assert.deepEqual({ ...tactic, spec_version: undefined }, { ...original, spec_version: undefined });
	});

	it("matches MISP's own 2.1 conversions loosely (same ids, same SCO types)", () => {
		const folder = sharedData("misp", "misp-stix-tests");
		const pairs = readdirSync(folder).filter((name) => name.endsWith("_stix20.json"));
		assert.equal(pairs.length, 5);
		for (const name of pairs) {
			const ours = upgradeObjects(readBundle("misp", "misp-stix-tests", name).objects, "2.0").objects;
			const theirs = readBundle("misp", "misp-stix-tests", name.replace("_stix20", "_stix21")).objects;
			const theirsById = new Map(theirs.map((o) => [o.id as string, o]));
			const byId = new Map(ours.map((o) => [o.id, o]));
			for (const object of ours) {
				const twin = theirsById.get(object.id);
				if (object.type === "indicator" || object.type === "observed-data" || object.type === "identity") {
					assert.ok(twin, `${name}: ${object.id} missing from the 2.1 twin`);
				}
				if (twin === undefined) continue;
				assert.equal(object.spec_version, twin.spec_version, `${name}: ${object.id}`);
				if (object.type === "indicator") assert.equal(object.pattern_type, twin.pattern_type);
				if (object.type === "observed-data") {
					const types = (refs: unknown, index: ReadonlyMap<string, Json>) =>
						(refs as string[]).map((ref) => index.get(ref)?.type).sort();
					assert.deepEqual(
						types(object.object_refs, byId),
						types(twin.object_refs, theirsById),
						`${name}: ${object.id}`,
					);
				}
			}
		}
	});
});

describe("custom SCOs declared through a new-sco extension (D58)", () => {
	const sco = {
		type: "my-sensor-reading",
		id: "my-sensor-reading--5b1a5a4e-6c5a-4b1b-9e3d-2c1a0a1b2c3d",
		value: "x",
		extensions: {
			"extension-definition--150c1738-28c9-44d0-802d-70523218240b": { extension_type: "new-sco" },
		},
	};

	it("are 2.1 without spec_version, and pass an upgrade unchanged", () => {
		assert.equal(isStix20(sco), false);
		assert.equal(
			isStix20({ ...sco, extensions: {} }),
			true,
			"without the extension it reads as a 2.0 custom object",
		);
		const upgraded = upgradeObject(sco);
		assert.deepEqual(upgraded.object, sco);
		assert.deepEqual(upgraded.changes, []);
	});
});
