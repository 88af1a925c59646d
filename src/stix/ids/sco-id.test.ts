import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedData } from "../../../test/support/shared-data.ts";
import { chooseOneHash, ID_CONTRIBUTING_PROPERTIES, scoId } from "./sco-id.ts";

describe("scoId", () => {
	it("derives the §2.9 check value for ipv4-addr 198.51.100.3", () => {
		assert.equal(
			scoId({ type: "ipv4-addr", value: "198.51.100.3" }),
			"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
		);
	});

	it("ignores properties that do not contribute", () => {
		const plain = scoId({ type: "ipv4-addr", value: "198.51.100.3" });
		assert.equal(scoId({ type: "ipv4-addr", value: "198.51.100.3", defanged: true, x_note: "n" }), plain);
	});

	it("returns undefined when no contributing property is present or the type has none", () => {
		assert.equal(scoId({ type: "file", size: 10 }), undefined);
		assert.equal(scoId({ type: "process", pid: 4 }), undefined);
		assert.equal(scoId({ type: "x-custom", value: "a" }), undefined);
	});

	it("uses one hash only, preferring MD5, SHA-1, SHA-256, SHA-512", () => {
		const md5 = "44d88612fea8a8f36de82e1278abb02f";
		const both = scoId({ type: "file", hashes: { "SHA-256": "a".repeat(64), MD5: md5 } });
		assert.equal(both, scoId({ type: "file", hashes: { MD5: md5 } }));
		assert.deepEqual(chooseOneHash({ "SHA-512": "x", "SHA-1": "y" }), { "SHA-1": "y" });
		assert.deepEqual(chooseOneHash({ SSDEEP: "z" }), { SSDEEP: "z" });
	});

	it("matches the ids of the specification's own examples", () => {
		const bundle = JSON.parse(
			readFileSync(sharedData("stix21", "oasis-documentation", "sighting-of-observed-data.json"), "utf8"),
		);
		const scos = bundle.objects.filter(
			(o: { type: string }) => o.type === "file" || o.type === "windows-registry-key",
		);
		assert.equal(scos.length, 2);
		for (const sco of scos) assert.equal(scoId(sco), sco.id);
	});

	it("lists contributing properties for every STIX 2.1 SCO type", () => {
		assert.equal(Object.keys(ID_CONTRIBUTING_PROPERTIES).length, 18);
		assert.deepEqual(ID_CONTRIBUTING_PROPERTIES["email-message"], ["from_ref", "subject", "body"]);
	});
});
