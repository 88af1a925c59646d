// A YAML alias bomb ("billion laughs") is a located policy error on every way a policy comes in: a 400
// from PUT /api/v1/policy and an exit message from `entente policy apply`, never a 500 or a stack trace.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type ApiNode, openApiNode, POLICY_YAML } from "./support/api-node.ts";
import { entente, initNode, scratch } from "./support/cli.ts";

/** Nine levels of nine aliases each: 9^9 nodes once expanded, a few hundred bytes as written. */
function aliasBomb(): string {
	const lines = ['lol0: &lol0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
	for (let i = 1; i < 10; i++) {
		const previous = `*lol${i - 1}`;
		lines.push(`lol${i}: &lol${i} [${Array.from({ length: 9 }, () => previous).join(",")}]`);
	}
	return `${POLICY_YAML}${lines.join("\n")}\n`;
}

const { dir, remove } = scratch("policy-alias-bomb");
let node: ApiNode;
before(async () => {
	node = await openApiNode({ seed: false });
});
after(async () => {
	await node.close();
	remove();
});

describe("a YAML alias bomb in a policy file", () => {
	it("is a 400 from PUT /api/v1/policy naming the aliases, and nothing is applied", async () => {
		const response = await node.request("/api/v1/policy", {
			method: "PUT",
			body: aliasBomb(),
			headers: { "content-type": "application/yaml" },
		});
		const text = await response.text();
		assert.equal(response.status, 400, text);
		assert.match(text, /E_POLICY_INVALID/);
		assert.match(text, /YAML aliases \(\*name\) here expand to more than 1000 nodes/);
		assert.equal(await node.store.getPolicy(), undefined);
	});

	it("is an exit message from `entente policy apply`, located, without a stack", async () => {
		const { data } = await initNode(dir);
		const file = join(dir, "bomb.yaml");
		writeFileSync(file, aliasBomb());
		const result = await entente(["policy", "apply", file, "--data", data]);
		assert.notEqual(result.code, 0);
		assert.notEqual(result.code, null);
		assert.match(result.stderr, /bomb\.yaml:\d+:\d+: .*YAML aliases/);
		assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
	});

	it("is refused as bytes first when the file is not UTF-8", async () => {
		const { data } = await initNode(dir, "data-2");
		const file = join(dir, "latin1.yaml");
		writeFileSync(
			file,
			Buffer.concat([Buffer.from(`${POLICY_YAML}# caf`), Buffer.from([0xe9]), Buffer.from("\n")]),
		);
		const result = await entente(["policy", "apply", file, "--data", data]);
		assert.notEqual(result.code, 0);
		assert.match(result.stderr, /invalid UTF-8 at byte \d+; save the file as UTF-8/);
		assert.doesNotMatch(result.stderr, /\n\s+at /);
	});
});
