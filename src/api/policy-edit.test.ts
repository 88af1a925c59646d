// REST policy editing (D63): schema, validate, edit, diff for analysts; apply on a base version (two operators at
// once: exactly one wins, on SQLite and PostgreSQL), the cut-off confirmation and rollback for admins; nothing of it
// for a partner's users.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiNode, BETA, json, openApiNode, POLICY_YAML } from "#test/support/api-node.ts";
import { testSchemas } from "#test/support/postgres-schemas.ts";
import { createUser } from "../accounts/index.ts";
import { openStore } from "../store/index.ts";
import { PolicyApplied, PolicyDiff, PolicyEdited, PolicyValidation } from "./shapes/index.ts";

const SUSPENDED = POLICY_YAML.replace(
	"    node: beta-node\n",
	"    node: beta-node\n    status: suspended\n",
);

function send(
	node: ApiNode,
	path: string,
	body: unknown,
	init: { as?: ApiNode["admin"]; method?: string } = {},
) {
	return node.request(`/api/v1${path}`, {
		method: init.method ?? "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
		...(init.as === undefined ? {} : { as: init.as }),
	});
}

const put = (node: ApiNode, body: unknown) => send(node, "/policy", body, { method: "PUT" });

async function versions(node: ApiNode): Promise<number[]> {
	const body = (await json(await node.request("/api/v1/policy/versions"), 200)) as {
		items: { version: number }[];
	};
	return body.items.map((item) => item.version);
}

describe("policy editing routes", () => {
	let node: ApiNode;
	before(async () => {
		node = await openApiNode();
	});
	after(() => node.close());

	it("gives the file's JSON Schema and validates a file without applying it", async () => {
		const schema = await json(await node.request("/api/v1/policy/schema", { as: node.analyst }), 200);
		assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
		assert.ok((schema.properties as Record<string, unknown>).agreements);

		const bad = POLICY_YAML.replace("sector: cert", "sector: bakery");
		const refused = PolicyValidation.parse(
			await json(await send(node, "/policy/validate", { text: bad }, { as: node.analyst }), 200),
		);
		assert.equal(refused.ok, false);
		assert.deepEqual(
			refused.errors.map((error) => [error.line, error.column, error.path]),
			[[7, 13, "parties.alpha.sector"]],
		);
		const valid = PolicyValidation.parse(
			await json(
				await node.request("/api/v1/policy/validate", {
					method: "POST",
					headers: { "content-type": "application/yaml" },
					body: POLICY_YAML,
					as: node.analyst,
				}),
				200,
			),
		);
		assert.deepEqual([valid.ok, valid.errors, valid.summary?.parties], [true, [], 2]);
		assert.deepEqual(await versions(node), []);
	});

	it("applies on a base version, and tells a stale one which version to rebase on", async () => {
		assert.equal(
			PolicyApplied.parse(await json(await put(node, { text: POLICY_YAML, baseVersion: 0 }), 200)).version,
			1,
		);
		const second = `# second\n${POLICY_YAML}`;
		assert.equal(
			PolicyApplied.parse(await json(await put(node, { text: second, baseVersion: 1 }), 200)).version,
			2,
		);
		const stale = await json(await put(node, { text: `# mine\n${POLICY_YAML}`, baseVersion: 1 }), 409);
		assert.equal(stale.error_code, "E_POLICY_CONFLICT");
		const current = (stale.details as { current: { version: number; appliedBy: string; appliedAt: string } })
			.current;
		assert.deepEqual([current.version, current.appliedBy], [2, "api:alice"]);
		assert.match(String(stale.description), /rebase your change on version 2/);

		const latest = await node.request("/api/v1/policy");
		assert.equal(latest.headers.get("etag"), '"2"');
		const yaml = (ifMatch: string) =>
			node.request("/api/v1/policy", {
				method: "PUT",
				headers: { "content-type": "application/yaml", "if-match": ifMatch },
				body: `# third\n${POLICY_YAML}`,
			});
		assert.equal((await json(await yaml('"1"'), 409)).error_code, "E_POLICY_CONFLICT");
		assert.equal((await json(await yaml("latest"), 400)).error_code, "E_API_PARAMETER");
		assert.equal(PolicyApplied.parse(await json(await yaml('"2"'), 200)).version, 3);
		assert.deepEqual(await versions(node), [1, 2, 3]);
	});

	it("asks to confirm a policy that cuts every partner off, naming them, then applies it when confirmed", async () => {
		const refused = await json(await put(node, { text: SUSPENDED, baseVersion: 3 }), 409);
		assert.equal(refused.error_code, "E_POLICY_CUTS_OFF_PARTNERS");
		assert.deepEqual((refused.details as { parties: unknown }).parties, [
			{ id: BETA, name: "Beta Police", reason: "suspended" },
		]);
		assert.match(String(refused.description), /confirmCutOff: true/);
		assert.deepEqual(await versions(node), [1, 2, 3]);
		const yaml = await node.request("/api/v1/policy?confirmCutOff=true", {
			method: "PUT",
			headers: { "content-type": "application/yaml", "if-match": '"3"' },
			body: SUSPENDED,
		});
		assert.equal(PolicyApplied.parse(await json(yaml, 200)).version, 4);
		// Cut off already: a further edit that keeps it so is not asked again.
		const again = await put(node, { text: `# still\n${SUSPENDED}`, baseVersion: 4 });
		assert.equal(PolicyApplied.parse(await json(again, 200)).version, 5);
	});

	it("rolls back to an earlier version's text as a new version, with the same checks", async () => {
		assert.equal(
			(await json(await send(node, "/policy/rollback", { version: 1, baseVersion: 4 }), 409)).error_code,
			"E_POLICY_CONFLICT",
		);
		assert.equal(
			(await json(await send(node, "/policy/rollback", { version: 99, baseVersion: 5 }), 404)).error_code,
			"E_POLICY_NOT_FOUND",
		);
		const rolled = PolicyApplied.parse(
			await json(await send(node, "/policy/rollback", { version: 1, baseVersion: 5 }), 200),
		);
		assert.deepEqual([rolled.version, rolled.applied], [6, true]);
		const latest = (await json(await node.request("/api/v1/policy"), 200)) as { text: string };
		assert.equal(latest.text, POLICY_YAML);
		// Back to the suspended text: partners were reached under version 6, so it is asked again.
		const cut = await json(await send(node, "/policy/rollback", { version: 4, baseVersion: 6 }), 409);
		assert.equal(cut.error_code, "E_POLICY_CUTS_OFF_PARTNERS");
		const confirmed = await send(node, "/policy/rollback", {
			version: 4,
			baseVersion: 6,
			confirmCutOff: true,
		});
		assert.equal(PolicyApplied.parse(await json(confirmed, 200)).version, 7);
	});

	it("diffs two versions, the latest by default", async () => {
		const diff = PolicyDiff.parse(
			await json(await node.request("/api/v1/policy/diff?from=1&to=2", { as: node.analyst }), 200),
		);
		assert.deepEqual([diff.from.version, diff.to.version], [1, 2]);
		assert.deepEqual(diff.lines[0], { op: "+", text: "# second", toLine: 1 });
		assert.equal(diff.lines.filter((line) => line.op !== "=").length, 1);
		const toLatest = PolicyDiff.parse(await json(await node.request("/api/v1/policy/diff?from=1"), 200));
		assert.equal(toLatest.to.version, 7);
		assert.deepEqual(
			toLatest.lines.filter((line) => line.op !== "=").map((line) => `${line.op}${line.text.trim()}`),
			["+status: suspended"],
		);
		assert.equal(
			(await json(await node.request("/api/v1/policy/diff?from=1&to=99"), 404)).error_code,
			"E_POLICY_NOT_FOUND",
		);
	});

	it("makes a form change on the text, with the result's errors, and refuses a change with no target", async () => {
		const change = { kind: "set-purposes", agreement: "pair", purposes: ["network-defence", "research"] };
		const edited = PolicyEdited.parse(
			await json(await send(node, "/policy/edit", { text: POLICY_YAML, change }, { as: node.analyst }), 200),
		);
		assert.equal(
			edited.text,
			POLICY_YAML.replace("purposes: [network-defence]", "purposes: [network-defence, research]"),
		);
		assert.deepEqual(edited.errors, []);

		const unknownParty = {
			kind: "add-agreement",
			key: "more",
			agreement: {
				name: "More",
				kind: "bilateral",
				parties: ["alpha", "gamma"],
				purposes: ["research"],
				tlpCeiling: "green",
				validity: { from: "2025-01-01" },
			},
		};
		const withErrors = PolicyEdited.parse(
			await json(await send(node, "/policy/edit", { text: POLICY_YAML, change: unknownParty }), 200),
		);
		assert.match(withErrors.text, /\n {2}more:\n {4}name: More\n/);
		assert.ok(
			withErrors.errors.some((error) => /gamma/.test(error.message)),
			JSON.stringify(withErrors.errors),
		);

		const missing = await json(
			await send(node, "/policy/edit", { text: POLICY_YAML, change: { ...change, agreement: "nope" } }),
			400,
		);
		assert.equal(missing.error_code, "E_POLICY_EDIT_INVALID");
		assert.match(String(missing.description), /no agreement "nope"/);
		const malformed = await json(
			await send(node, "/policy/edit", { text: POLICY_YAML, change: { kind: "paint" } }),
			400,
		);
		assert.equal(malformed.error_code, "E_API_PARAMETER");
	});

	it("keeps applying and rollback for admins, and every editing route from readers and a partner's users", async () => {
		const reads = (as: ApiNode["admin"]) => [
			node.request("/api/v1/policy/schema", { as }),
			node.request("/api/v1/policy/diff?from=1", { as }),
			send(node, "/policy/validate", { text: POLICY_YAML }, { as }),
			send(
				node,
				"/policy/edit",
				{ text: POLICY_YAML, change: { kind: "set-purposes", agreement: "pair", purposes: ["research"] } },
				{ as },
			),
		];
		const writes = (as: ApiNode["admin"]) => [
			send(node, "/policy", { text: POLICY_YAML }, { as, method: "PUT" }),
			send(node, "/policy/rollback", { version: 1, baseVersion: 7 }, { as }),
		];
		for (const response of await Promise.all(writes(node.analyst))) assert.equal(response.status, 403);
		for (const response of await Promise.all([...reads(node.reader), ...writes(node.reader)]))
			assert.equal(response.status, 403);
		await node.store.putOrganization({
			id: BETA,
			name: "Beta Police",
			sectors: ["law-enforcement"],
			jurisdictions: ["GB"],
			createdAt: "2024-01-01T00:00:00.000Z",
			local: false,
		});
		const partner = await createUser(node.store, { organizationId: BETA, name: "bob", role: "analyst" });
		for (const response of await Promise.all([...reads(partner), ...writes(partner)])) {
			const body = await json(response, 403);
			assert.match(String(body.description), /own organisations|role/);
		}
		assert.deepEqual(await versions(node), [1, 2, 3, 4, 5, 6, 7]);
	});
});

/** Four operators apply on the same base at once: exactly one is stored, the others are told to rebase. */
async function race(node: ApiNode): Promise<void> {
	await json(await put(node, { text: POLICY_YAML }), 200);
	const answers = await Promise.all(
		[1, 2, 3, 4].map((n) => put(node, { text: `# operator ${n}\n${POLICY_YAML}`, baseVersion: 1 })),
	);
	const statuses = answers.map((answer) => answer.status).sort();
	assert.deepEqual(statuses, [200, 409, 409, 409]);
	for (const answer of answers)
		if (answer.status === 409) assert.equal((await json(answer, 409)).error_code, "E_POLICY_CONFLICT");
	assert.deepEqual(await versions(node), [1, 2]);
}

describe("two operators applying at once", () => {
	it("stores exactly one on SQLite", async () => {
		const node = await openApiNode({ seed: false });
		try {
			await race(node);
		} finally {
			await node.close();
		}
	});

	const url = process.env.ENTENTE_TEST_POSTGRES_URL;
	it("stores exactly one on PostgreSQL", {
		skip: url === undefined || url === "" ? "ENTENTE_TEST_POSTGRES_URL is not set" : false,
	}, async () => {
		const schemas = testSchemas(url ?? "");
		const node = await openApiNode({
			seed: false,
			store: await openStore(schemas.urlOf(schemas.fresh())),
		});
		try {
			await race(node);
		} finally {
			await node.close();
			await schemas.end();
		}
	});
});
