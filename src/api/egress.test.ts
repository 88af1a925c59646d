// One egress gate: a withheld object shows in no REST answer — not in search, get, versions, referrers,
// autocomplete, facets, explain or preview, nor in an error — and every path that emits objects asks the gate.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiNode, BETA, IDS, openApiNode, SECRETS } from "#test/support/api-node.ts";

let node: ApiNode;
before(async () => {
	node = await openApiNode();
});
after(() => node.close());

/** Every read path, with queries aimed at the withheld objects. */
const PROBES = [
	"/api/v1/objects",
	"/api/v1/objects?q=nightjar",
	"/api/v1/objects?type=malware",
	"/api/v1/objects?type=indicator&q=emotet",
	"/api/v1/objects?q=revised",
	`/api/v1/objects/${IDS.hidden}`,
	`/api/v1/objects/${IDS.hidden}/versions`,
	`/api/v1/objects/${IDS.hidden}/referrers`,
	`/api/v1/objects/${IDS.malware}/referrers`,
	`/api/v1/objects/${IDS.hiddenIndicator}`,
	`/api/v1/objects/${IDS.revised}`,
	"/api/v1/autocomplete?prefix=night",
	"/api/v1/autocomplete?prefix=emotet",
	"/api/v1/autocomplete?prefix=rev",
	"/api/v1/facets",
	"/api/v1/facets?q=nightjar",
	"/api/v1/suggest?q=night",
	"/api/v1/values/ipv4/203.0.113.9",
	"/api/v1/values?value=203%5B.%5D0%5B.%5D113%5B.%5D9",
	`/api/v1/objects/${IDS.hiddenIndicator}/correlations`,
	`/api/v1/objects/${IDS.indicator}/correlations`,
	`/api/v1/policy/explain?object=${IDS.hidden}&to=${BETA}`,
	`/api/v1/policy/preview?object=${IDS.hidden}`,
];

describe("a withheld object appears in no endpoint", () => {
	for (const path of PROBES) {
		it(`GET ${path}`, async () => {
			const calls = node.gate.calls;
			const response = await node.request(path, { as: node.analyst });
			const text = await response.text();
			assert.ok(response.status === 200 || response.status === 404, `${response.status}: ${text}`);
			for (const secret of SECRETS)
				assert.ok(!text.includes(secret), `${path} revealed '${secret}': ${text}`);
			assert.ok(node.gate.calls > calls, `${path} answered without asking the gate`);
		});
	}

	it("counts exclude withheld objects (facets see one malware, not two)", async () => {
		const body = (await (await node.request("/api/v1/facets")).json()) as { types: Record<string, number> };
		assert.equal(body.types.malware, 1);
		assert.equal(body.types.report, undefined);
	});
});

describe("hidden ≡ missing", () => {
	const pairs: [string, string][] = [
		[`/api/v1/objects/${IDS.hidden}`, `/api/v1/objects/${IDS.missing}`],
		[`/api/v1/objects/${IDS.hidden}/versions`, `/api/v1/objects/${IDS.missing}/versions`],
		[`/api/v1/objects/${IDS.hidden}/referrers`, `/api/v1/objects/${IDS.missing}/referrers`],
		[`/api/v1/objects/${IDS.hidden}/correlations`, `/api/v1/objects/${IDS.missing}/correlations`],
		[
			`/api/v1/policy/explain?object=${IDS.hidden}&to=${BETA}`,
			`/api/v1/policy/explain?object=${IDS.missing}&to=${BETA}`,
		],
		[`/api/v1/policy/preview?object=${IDS.hidden}`, `/api/v1/policy/preview?object=${IDS.missing}`],
	];
	for (const [hidden, missing] of pairs) {
		it(`${hidden.replace(IDS.hidden, "{hidden}")} answers exactly as for a missing object`, async () => {
			const a = await node.request(hidden);
			const b = await node.request(missing);
			assert.equal(a.status, 404);
			assert.equal(b.status, 404);
			assert.deepEqual([...a.headers], [...b.headers]);
			assert.equal(await a.text(), await b.text());
		});
	}

	it("the 404 carries the one code E_API_OBJECT_NOT_FOUND and no id", async () => {
		const body = (await (await node.request(`/api/v1/objects/${IDS.hidden}`)).json()) as Record<
			string,
			unknown
		>;
		assert.equal(body.error_code, "E_API_OBJECT_NOT_FOUND");
		assert.equal(body.http_status, "404");
		assert.ok(!JSON.stringify(body).includes(IDS.hidden));
	});
});
