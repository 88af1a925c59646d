import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embeddedAuthors } from "../ingest/index.ts";
import type { PeerRecord } from "../store/index.ts";
import { certificateProblem } from "./peer-certificate.ts";

const peer = (clientCertificate?: PeerRecord["clientCertificate"]): PeerRecord => ({
	name: "node-b",
	kind: "entente",
	url: "https://127.0.0.1:1",
	keys: [],
	parties: [],
	agreements: [],
	status: "active",
	...(clientCertificate === undefined ? {} : { clientCertificate }),
	createdAt: "2025-01-01T00:00:00Z",
	updatedAt: "2025-01-01T00:00:00Z",
});
const B = { subject: "CN=node-b", issuer: "CN=test CA" };

describe("certificateProblem", () => {
	it("accepts the bound subject and issuer (a renewed certificate too), and anything before a binding", () => {
		assert.equal(certificateProblem(peer(B), { ...B }), undefined);
		assert.equal(certificateProblem(peer(), { subject: "CN=anyone", issuer: "CN=test CA" }), undefined);
	});

	it("refuses another subject, another issuer, or no certificate, naming both subjects", () => {
		assert.match(
			certificateProblem(peer(B), { subject: "CN=node-c", issuer: B.issuer }) ?? "",
			/subject CN=node-c\) is not the one bound to peer node-b \(subject CN=node-b\)/,
		);
		assert.match(
			certificateProblem(peer(B), { subject: B.subject, issuer: "CN=other CA" }) ?? "",
			/not the one bound/,
		);
		assert.match(certificateProblem(peer(B), undefined) ?? "", /must present its client certificate/);
	});
});

describe("embeddedAuthors", () => {
	it("finds created_by_ref at any depth below the top, in objects and lists, with its path", () => {
		const object = {
			created_by_ref: "identity--top",
			objects: { "0": { type: "ipv4-addr", created_by_ref: "identity--a" } },
			x_list: [[{ nested: { created_by_ref: "identity--b" } }]],
		};
		assert.deepEqual(
			embeddedAuthors(object).sort((x, y) => x.path.localeCompare(y.path)),
			[
				{ path: "$.objects.0.created_by_ref", author: "identity--a" },
				{ path: "$.x_list[0][0].nested.created_by_ref", author: "identity--b" },
			],
		);
		assert.deepEqual(embeddedAuthors({ created_by_ref: "identity--top", name: "x" }), []);
	});
});
