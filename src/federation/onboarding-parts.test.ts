// Unit tests of the small federation parts: invitations, peer URLs, who may speak for whom, what a peer receives.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../errors/index.ts";
import type { EgressGate } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { PeerRecord, StoredVersion } from "../store/index.ts";
import { NodeKeyRing, verifyObjectAsync } from "./crypto/index.ts";
import { originProblem, type PartyDirectory } from "./inbox.ts";
import { decodeInvitation, encodeInvitation, hashInvitationCode, type Invitation } from "./invitation.ts";
import { checkPeerUrl } from "./peer-url.ts";
import { itemsForPeer } from "./publish.ts";

const A = "identity--0a0a0a0a-0000-4000-8000-000000000001";
const B = "identity--0b0b0b0b-0000-4000-8000-000000000002";
const C = "identity--0c0c0c0c-0000-4000-8000-000000000003";

const peerB: PeerRecord = {
	name: "node-b",
	kind: "entente",
	url: "http://127.0.0.1:1",
	keys: [],
	parties: [B],
	agreements: [],
	status: "active",
	createdAt: "2024-01-01T00:00:00Z",
	updatedAt: "2024-01-01T00:00:00Z",
};

describe("invitations", () => {
	const invitation: Invitation = {
		v: 1,
		node: "node-a",
		url: "https://a.example.org",
		code: "secret-code",
		keyId: "kid",
		fingerprint: "SHA256:x",
		agreements: ["a-b"],
		expiresAt: "2030-01-01T00:00:00Z",
	};

	it("round-trips, and stores only a hash of the code", () => {
		assert.deepEqual(decodeInvitation(`  ${encodeInvitation(invitation)}\n`), invitation);
		assert.equal(hashInvitationCode("secret-code").length, 64);
		assert.notEqual(hashInvitationCode("secret-code"), "secret-code");
	});

	it("names what is wrong with a damaged invitation", () => {
		assert.throws(() => decodeInvitation("hello"), /starts with "entente-invite:"/);
		assert.throws(() => decodeInvitation("entente-invite:%%%"), /damaged/);
		const noCode = encodeInvitation({ ...invitation, code: "" });
		assert.throws(() => decodeInvitation(noCode), /no code/);
		const plain = encodeInvitation({ ...invitation, url: "http://a.example.org" });
		assert.throws(
			() => decodeInvitation(plain),
			(e: unknown) => e instanceof AppError && e.code === "E_FEDERATION_PEER_URL",
		);
	});
});

describe("peer URLs", () => {
	it("allow https anywhere and http only on loopback", () => {
		assert.equal(checkPeerUrl("https://node.example.org/"), "https://node.example.org");
		assert.equal(checkPeerUrl("http://127.0.0.1:4300"), "http://127.0.0.1:4300");
		assert.equal(checkPeerUrl("http://[::1]:4300/"), "http://[::1]:4300");
		assert.equal(checkPeerUrl("http://localhost:1"), "http://localhost:1");
		for (const bad of [
			"http://10.0.0.1",
			"http://node.example.org",
			"ftp://x",
			"https://u:p@x",
			"https://x/?q=1",
		]) {
			assert.throws(() => checkPeerUrl(bad), /E_FEDERATION_PEER_URL|peer URL|http:\/\//, bad);
		}
	});
});

describe("who may speak for whom", () => {
	const directory: PartyDirectory = { local: new Set([A]), hostOf: new Map([[C, "node-c"]]) };
	const object = (createdBy?: string): StixObject =>
		({
			type: "indicator",
			id: "indicator--x",
			...(createdBy === undefined ? {} : { created_by_ref: createdBy }),
		}) as StixObject;

	it("accepts a peer speaking for a party it hosts, with or without an unknown author", () => {
		assert.equal(originProblem(peerB, B, object(B), directory), undefined);
		assert.equal(originProblem(peerB, B, object("identity--vendor"), directory), undefined);
	});

	it("refuses our own parties, other nodes' parties and impersonated authors", () => {
		assert.match(originProblem(peerB, A, object(), directory) ?? "", /party this node hosts/);
		assert.match(originProblem(peerB, C, object(), directory) ?? "", /does not host origin/);
		assert.match(originProblem(peerB, B, object(C), directory) ?? "", /created_by_ref/);
		assert.match(originProblem(peerB, B, object(A), directory) ?? "", /created_by_ref/);
		const policySays: PartyDirectory = { local: new Set([A]), hostOf: new Map([[B, "node-x"]]) };
		assert.match(originProblem(peerB, B, object(), policySays) ?? "", /hosted by node-x/);
	});
});

describe("what a peer receives", () => {
	const ring = NodeKeyRing.generate(new Date());
	const version = (n: number, organizationId = A, source = "import:x"): StoredVersion => {
		const object = {
			type: "indicator",
			spec_version: "2.1",
			id: `indicator--${n}`,
			modified: "2024-01-01T00:00:00Z",
		} as StixObject;
		return {
			object,
			id: object.id,
			type: "indicator",
			version: "2024-01-01T00:00:00Z",
			specVersion: "2.1",
			dateAdded: "",
			provenance: { organizationId, source },
			flags: [],
		};
	};
	/** A gate that releases objects whole, except id 2 (withheld) and id 3 (transformed). */
	const gate = {
		async releasePage(_viewer, versions) {
			return versions.map((v) => {
				if (v.object.id === "indicator--2") return undefined;
				if (v.object.id === "indicator--3") return { ...v.object, name: "pseudonymised" };
				return v.object;
			});
		},
	} as EgressGate;
	const context = {
		gate,
		ring,
		local: new Set([A]),
		known: new Set([A, B, C]),
		purpose: "network-defence" as const,
	};

	it("signs what the gate releases, withholds the rest and what this node does not originate", async () => {
		const versions = [version(1), version(2), version(3), version(4, C), version(5, A, "peer:node-c")];
		const { items, withheld } = await itemsForPeer(context, peerB, versions);
		assert.deepEqual(withheld, [undefined, "gate", undefined, "not-ours", "not-ours"]);
		const keys = (kid: string) => (kid === ring.current.keyId ? ring.current.publicKey : undefined);
		const first = items[0];
		assert.ok(first !== undefined);
		assert.equal(first.origin, A);
		const plain = await verifyObjectAsync(first.object, first.provenance, keys);
		assert.ok(plain.ok && plain.derivedFrom === undefined);
		const third = items[2];
		assert.ok(third !== undefined);
		const derived = await verifyObjectAsync(third.object, third.provenance, keys);
		assert.ok(derived.ok);
		assert.deepEqual(derived.derivedFrom, {
			id: "indicator--3",
			version: "2024-01-01T00:00:00Z",
			signer: ring.current.keyId,
		});
	});

	it("withholds a version its parties would receive in different forms", async () => {
		let call = 0;
		const split = {
			async releasePage(_viewer, versions) {
				call++;
				return versions.map((v) => (call === 1 ? v.object : { ...v.object, name: "other" }));
			},
		} as EgressGate;
		const twoParties = { ...peerB, parties: [B, C] };
		const { withheld } = await itemsForPeer({ ...context, gate: split }, twoParties, [version(1)]);
		assert.deepEqual(withheld, ["divergent-forms"]);
	});
});
