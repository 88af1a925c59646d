// Mutual TLS between real nodes on loopback: certificates made at test time with openssl; peers
// onboard and push over https with client certificates; /federation/v1/* refuses a client without a
// certificate from the trusted CA, other routes do not ask for one.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadKeyRing, PUSH_PATH, signRequest } from "../src/federation/index.ts";
import { scratch } from "./support/cli.ts";
import { holdsAll } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-mtls");
const a = new TestNode(dir, "node-a", { ENTENTE_FEDERATION_RETRY_MAX_MS: "300" });
const b = new TestNode(dir, "node-b");
const pki = (name: string): string => join(dir, name);

function openssl(...args: string[]): void {
	execFileSync("openssl", args, { stdio: "ignore" });
}

/** A key and a certificate signed by `ca` (or self-signed), with subjectAltName IP:127.0.0.1. */
function issue(name: string, ca: string | undefined): void {
	const ext = pki(`${name}.ext`);
	writeFileSync(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
	openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pki(`${name}.key`));
	openssl("req", "-new", "-key", pki(`${name}.key`), "-subj", `/CN=${name}`, "-out", pki(`${name}.csr`));
	const signer =
		ca === undefined
			? ["-signkey", pki(`${name}.key`)]
			: ["-CA", pki(`${ca}.crt`), "-CAkey", pki(`${ca}.key`), "-CAcreateserial"];
	openssl(
		"x509",
		"-req",
		"-in",
		pki(`${name}.csr`),
		...signer,
		"-days",
		"2",
		"-extfile",
		ext,
		"-out",
		pki(`${name}.crt`),
	);
}

function configure(node: TestNode): void {
	const file = join(node.data, "entente.json");
	const config = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
	config.tls = {
		certFile: pki(`${node.name}.crt`),
		keyFile: pki(`${node.name}.key`),
		clientCaFile: pki("ca.crt"),
	};
	config.federation = {
		clientCertFile: pki(`${node.name}.crt`),
		clientKeyFile: pki(`${node.name}.key`),
		caFile: pki("ca.crt"),
	};
	writeFileSync(file, JSON.stringify(config, null, 2));
}

/** A POST straight to a node, with an optional client certificate; resolves with the status. */
function post(
	url: string,
	client?: string,
	body = "{}",
	headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method: "POST",
				headers: { "content-type": "application/json", ...headers },
				ca: readFileSync(pki("ca.crt")),
				...(client === undefined
					? {}
					: { cert: readFileSync(pki(`${client}.crt`)), key: readFileSync(pki(`${client}.key`)) }),
			},
			(res) => {
				let body = "";
				res.setEncoding("utf8").on("data", (c: string) => {
					body += c;
				});
				res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
			},
		);
		req.on("error", reject);
		req.end(body);
	});
}

before(async () => {
	openssl(
		"req",
		"-x509",
		"-newkey",
		"ec",
		"-pkeyopt",
		"ec_paramgen_curve:P-256",
		"-nodes",
		"-keyout",
		pki("ca.key"),
		"-out",
		pki("ca.crt"),
		"-subj",
		"/CN=entente test CA",
		"-days",
		"2",
	);
	issue("node-a", "ca");
	issue("node-b", "ca");
	issue("rogue", undefined);
	// Valid (issued by the CA the nodes trust) but no peer's: it must not carry a peer's signed requests.
	issue("node-x", "ca");
	await Promise.all([a.init(), b.init()]);
	configure(a);
	configure(b);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("mutual TLS for peer links", () => {
	it("onboards and pushes over https with client certificates", async () => {
		assert.match(a.url, /^https:\/\/127\.0\.0\.1:\d+$/);
		await connect(a, b, "node-a-node-b");
		// Published through `entente import` (the test's own fetch does not trust the test CA); serve
		// picks the commit up and pushes it to B over mutual TLS.
		const v1 = indicator(1);
		const file = pki("bundle.json");
		writeFileSync(
			file,
			JSON.stringify({ type: "bundle", id: "bundle--00000000-0000-4000-8000-000000000001", objects: [v1] }),
		);
		await a.entente("import", file);
		await eventually("v1 at B", () => holdsAll(b, [v1.id as string]));
		assert.ok((await b.committedIds()).includes(v1.id as string), "v1 in B's export");
	});

	it("refuses federation requests without a trusted client certificate; other routes are unaffected", async () => {
		const none = await post(`${b.url}/federation/v1/push`);
		assert.equal(none.status, 403);
		assert.equal((JSON.parse(none.body) as { class: string }).class, "tls");
		const rogue = await post(`${b.url}/federation/v1/handshake`, "rogue");
		assert.equal(rogue.status, 403);
		// A trusted certificate passes the TLS check and reaches the signature check.
		const trusted = await post(`${b.url}/federation/v1/push`, "node-a");
		assert.equal(trusted.status, 401);
		const health = await new Promise<number>((resolve, reject) => {
			request(`${b.url}/health`, { ca: readFileSync(pki("ca.crt")) }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			})
				.on("error", reject)
				.end();
		});
		assert.equal(health, 200);
	});

	it("binds each peer to its client certificate: a valid certificate of another cannot carry its requests", async () => {
		// A pushed to B over mutual TLS above, so B has bound A to A's certificate.
		const ringA = loadKeyRing(a.data);
		const signedAsA = (): Record<string, string> => {
			const headers = { "content-type": "application/json" };
			return signRequest(
				{ method: "POST", url: `${b.url}${PUSH_PATH}`, headers, body: '{"items":[]}' },
				ringA.current.privateKey,
				{ keyId: ringA.current.keyId, created: Math.floor(Date.now() / 1000) },
			);
		};
		for (const stranger of ["node-x", "node-b"]) {
			const refused = await post(`${b.url}${PUSH_PATH}`, stranger, '{"items":[]}', signedAsA());
			assert.equal(refused.status, 403, refused.body);
			const answer = JSON.parse(refused.body) as { class: string; reason: string };
			assert.equal(answer.class, "tls");
			assert.match(
				answer.reason,
				new RegExp(`CN=${stranger}\\b.*not the one bound to peer node-a .*CN=node-a`),
			);
		}
		const own = await post(`${b.url}${PUSH_PATH}`, "node-a", '{"items":[]}', signedAsA());
		assert.equal(own.status, 200, own.body);
		// Both sides bound the other at onboarding: the inviter to the certificate the handshake came with,
		// the accepter to the one the inviter declared in its signed answer.
		const bound = async (node: TestNode, peer: string) =>
			(
				JSON.parse(await node.entente("peers", "list", "--json")) as {
					name: string;
					clientCertificate?: { subject: string; issuer: string };
				}[]
			).find((p) => p.name === peer)?.clientCertificate;
		assert.deepEqual(await bound(b, "node-a"), { subject: "CN=node-a", issuer: "CN=entente test CA" });
		assert.deepEqual(await bound(a, "node-b"), { subject: "CN=node-b", issuer: "CN=entente test CA" });
	});

	it("peers test walks the link with the federation certificate and CAs", async () => {
		const test = JSON.parse(await a.entente("peers", "test", "node-b", "--json")) as {
			ok: boolean;
			steps: { step: string; ok: boolean; detail: string }[];
		};
		assert.equal(test.ok, true, JSON.stringify(test.steps));
		assert.deepEqual(
			test.steps.find((s) => s.step === "TLS"),
			{
				step: "TLS",
				ok: true,
				detail: "certificate verified",
			},
		);
	});

	it("keys rotate announces the new key over mutual TLS", async () => {
		const rotated = JSON.parse(await a.entente("keys", "rotate", "--json")) as {
			peers: { peer: string; ok: boolean; detail: string }[];
		};
		assert.deepEqual(
			rotated.peers.map((p) => [p.peer, p.ok, p.detail]),
			[["node-b", true, "accepted the new key"]],
		);
	});
});
