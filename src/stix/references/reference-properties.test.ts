// The table of reference properties: read off the specs, complete for every SCO and its extensions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SCO_EXTENSIONS, SCO_PROPERTIES, SCO_TYPES, SDO_TYPES, SRO_TYPES } from "../types/index.ts";
import { REFERENCE_PROPERTIES, referenceProperty } from "./reference-properties.ts";
import { isReferenceName } from "./reference-walk.ts";

describe("REFERENCE_PROPERTIES", () => {
	it("has every reference property of every SCO and of its predefined extensions (stix/types' one list)", () => {
		for (const [type, names] of Object.entries(SCO_PROPERTIES))
			for (const name of names.filter(isReferenceName))
				assert.ok(referenceProperty(type, name), `${type}.${name} is missing`);
		for (const [type, extensions] of Object.entries(SCO_EXTENSIONS))
			for (const [extension, names] of Object.entries(extensions))
				for (const name of (names as readonly string[]).filter(isReferenceName))
					assert.ok(
						referenceProperty(type, `extensions.${extension}.${name}`),
						`${type} ${extension}.${name}`,
					);
		// Spot checks of what the spec says of each, nested ones included.
		assert.equal(referenceProperty("file", "extensions.archive-ext.contains_refs")?.required, true);
		assert.equal(
			referenceProperty("network-traffic", "extensions.http-request-ext.message_body_data_ref")?.many,
			false,
		);
		assert.equal(referenceProperty("email-message", "body_multipart.body_raw_ref")?.many, false);
		assert.equal(referenceProperty("process", "extensions.windows-service-ext.service_dll_refs")?.many, true);
	});

	it("has a table for every SDO, SRO and SCO type, and only properties named as references", () => {
		for (const type of [...SDO_TYPES, ...SRO_TYPES, ...SCO_TYPES])
			assert.ok(REFERENCE_PROPERTIES.has(type), type);
		for (const [type, properties] of REFERENCE_PROPERTIES) {
			const paths = properties.map((p) => p.path);
			assert.equal(new Set(paths).size, paths.length, `${type} lists a path twice`);
			for (const property of properties) {
				assert.ok(isReferenceName(property.name), `${type}.${property.path}`);
				assert.equal(property.many, property.name.endsWith("_refs"), `${type}.${property.path}`);
			}
		}
	});

	it("says which references an object cannot lose: required ones and groups it needs one of", () => {
		assert.equal(referenceProperty("relationship", "source_ref")?.required, true);
		assert.equal(referenceProperty("relationship", "target_ref")?.required, true);
		assert.equal(referenceProperty("sighting", "sighting_of_ref")?.required, true);
		assert.equal(referenceProperty("sighting", "where_sighted_refs")?.required, false);
		assert.equal(referenceProperty("language-content", "object_ref")?.required, true);
		for (const type of ["report", "grouping", "note", "opinion"])
			assert.equal(referenceProperty(type, "object_refs")?.required, true, type);
		assert.deepEqual(referenceProperty("observed-data", "object_refs")?.oneOf, ["objects", "object_refs"]);
		assert.deepEqual(referenceProperty("network-traffic", "src_ref")?.oneOf, ["src_ref", "dst_ref"]);
		assert.deepEqual(referenceProperty("network-traffic", "dst_ref")?.oneOf, ["src_ref", "dst_ref"]);
		assert.deepEqual(referenceProperty("malware-analysis", "analysis_sco_refs")?.oneOf, [
			"result",
			"analysis_sco_refs",
		]);
		assert.deepEqual(referenceProperty("email-message", "body_multipart.body_raw_ref")?.oneOf, [
			"body",
			"body_raw_ref",
		]);
		assert.equal(referenceProperty("email-message", "from_ref")?.required, false);
		assert.equal(referenceProperty("domain-name", "resolves_to_refs")?.required, false);
		assert.equal(referenceProperty("x-custom", "x_thing_ref"), undefined);
	});
});
