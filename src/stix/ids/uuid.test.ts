import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUuidV4, uuidV5, uuidVersion } from "./uuid.ts";

describe("uuid", () => {
	it("computes RFC 4122 v5 ids (RFC 4122 appendix: DNS namespace, www.example.com)", () => {
		assert.equal(
			uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"),
			"2ed6657d-e927-568b-95e1-2665a8aea6a2",
		);
	});

	it("reads versions and rejects non-RFC 4122 variants", () => {
		assert.equal(uuidVersion("28bb3599-77cd-5a82-a950-b5bc3caf07c4"), 5);
		assert.equal(uuidVersion("a932fcc6-e032-176c-126f-cb970a5a1ade"), undefined);
		assert.equal(uuidVersion("not-a-uuid"), undefined);
		assert.equal(isUuidV4("5ea04c59-d106-4e2a-a15c-293066fc3187"), true);
		assert.equal(isUuidV4("1621d4d4-b67d-11e3-9670-f01faf20d111"), false);
	});
});
