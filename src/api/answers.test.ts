// Every route's real answers parse with the schema it declares (api/shapes/), strictly: a field the server sends that
// the shape does not name, or one it names that the server does not send, fails here. The answers come from nodes in
// memory (the real gate under the reference scenario; the API fixture for PUT /policy), not from the schemas.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { z } from "zod";
import { type ApiNode, IDS, openApiNode, POLICY_YAML } from "#test/support/api-node.ts";
import { startFeedServer } from "#test/support/feed-server.ts";
import { FBI, indicator, NCA, openShareNode, report, type ShareNode } from "#test/support/share-node.ts";
import { watchOnce } from "../intel/index.ts";
import { apiRoutes } from "./app.ts";
import { alertRelease } from "./released-alerts.ts";
import { type ApiRoute, honoPath } from "./route.ts";
import type { ApiServices } from "./services.ts";
import { ErrorBody, InputIssue, PolicyFileError } from "./shapes/index.ts";

// The route records alone: building them reads no service.
const ROUTES = apiRoutes({} as ApiServices);
const covered = new Set<ApiRoute>();
const TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

function routeOf(method: string, url: string): ApiRoute {
	const path = new URL(url, "http://node").pathname.slice("/api/v1".length);
	const route = ROUTES.find(
		(candidate) =>
			candidate.method === method.toLowerCase() &&
			new RegExp(`^${honoPath(candidate.path).replace(/:[^/]+/g, "[^/]+")}$`).test(path),
	);
	if (route === undefined) throw new Error(`no route for ${method} ${path}`);
	return route;
}

/** Parses an answer with what its route declares: the 200 schema, or the one error body; returns the parsed value. */
function checked(method: string, url: string, status: number, body: unknown): unknown {
	const route = routeOf(method, url);
	const success = status === (route.status ?? 200);
	const schema: z.ZodType = success ? route.response : ErrorBody;
	const result = schema.safeParse(body);
	assert.ok(
		result.success,
		`${method} ${url} (${status}) does not match ${success ? route.operationId : "ErrorBody"}: ` +
			`${result.error?.message}\n${JSON.stringify(body).slice(0, 500)}`,
	);
	if (success) covered.add(route);
	return result.data;
}

let share: ShareNode;
let api: ApiNode;
before(async () => {
	share = await openShareNode();
	api = await openApiNode();
});
after(async () => {
	await share.close();
	await api.close();
});

/** A request to the share node (the real gate) as the NCA analyst, its answer checked; the parsed body. */
async function ask(
	method: "GET" | "POST",
	url: string,
	status = 200,
	options: { body?: unknown; token?: string } = {},
): Promise<unknown> {
	const answer = await share.call(method, url, options);
	assert.equal(answer.status, status, `${method} ${url}: ${JSON.stringify(answer.body).slice(0, 300)}`);
	return checked(method, url, status, answer.body);
}

describe("every route's answer is its declared shape", () => {
	const ind = indicator(70);
	const rep = report(71, [ind.id]);

	it("publishing, previewing and reading objects (the real gate, the reference scenario)", async () => {
		await ask("POST", "/api/v1/policy/preview", 200, {
			body: { objects: [ind, rep], purpose: "crime-prevention" },
		});
		await ask("POST", "/api/v1/objects", 200, { body: { type: "bundle", objects: [ind, rep] } });
		await ask("POST", "/api/v1/objects", 200, { body: { objects: [{ ...ind, pattern: "[" }] } });
		await ask("GET", "/api/v1/objects?limit=5");
		await ask("GET", `/api/v1/objects/${ind.id}`);
		await ask("GET", `/api/v1/objects/${ind.id}/versions`);
		const referrers = (await ask("GET", `/api/v1/objects/${ind.id}/referrers`)) as { items: unknown[] };
		assert.equal(referrers.items.length, 1, "the report names the indicator");
		await ask("POST", "/api/v1/sightings", 200, {
			body: { sighting_of_ref: ind.id, kind: "seen", count: 2, object_marking_refs: [TLP_AMBER] },
		});
		await ask("GET", `/api/v1/objects/${ind.id}/sightings`);
		await ask("GET", "/api/v1/autocomplete?prefix=comp");
		await ask("GET", "/api/v1/facets");
		const sco = {
			type: "ipv4-addr",
			id: "ipv4-addr--0b9f1ad6-0dcf-5d05-a0d1-7a1d3b1c7a11",
			value: "192.0.2.1",
		};
		await ask("POST", "/api/v1/patterns/evaluate", 200, {
			body: { pattern: "[ipv4-addr:value = '192.0.2.1']", observations: [sco, { type: "malware" }] },
		});
		await ask("GET", "/api/v1/objects?q=comp");
		await ask("GET", "/api/v1/facets?q=comp");
		await ask("GET", "/api/v1/suggest?q=comp");
		await ask("GET", `/api/v1/objects/${ind.id}/correlations`);
		await ask("GET", "/api/v1/values/ipv4/198.51.100.7");
		await ask("GET", "/api/v1/values?value=evil%5B.%5Dexample.com");
		await ask("POST", "/api/v1/match", 200, { body: { values: ["198.51.100.7", "not a value"] } });
		await ask("GET", "/api/v1/me");
		await ask("GET", "/api/v1/me", 200, { token: share.fbiToken });
	});

	it("importing text: the rows found, then the draft of those kept", async () => {
		const found = (await ask("POST", "/api/v1/import/text/preview", 200, {
			body: { text: "beacon to hxxp://evil-c2[.]net/a and 203.0.113.5, CVE-2021-44228", format: "text" },
		})) as { rows: { kind: string; value: string }[] };
		await ask("POST", "/api/v1/import/text/commit", 200, {
			body: {
				rows: found.rows.map((row) => ({ kind: row.kind, value: row.value, include: true })),
				as: "both",
				markings: [],
				name: "Evil C2",
			},
		});
	});

	it("importing MISP events (D53), and the located refusal of a malformed one", async () => {
		const event = (uuid: string, value: string) => ({
			Event: {
				uuid,
				info: "MISP import",
				timestamp: "1700000000",
				Tag: [{ name: "tlp:amber" }],
				Attribute: [
					{ uuid: uuid.replace(/^./, "a"), type: "domain", value, to_ids: true },
					{ uuid: uuid.replace(/^./, "b"), type: "text", value: "kept as x-misp-attribute" },
				],
			},
		});
		await ask("POST", "/api/v1/import/misp", 200, {
			body: { response: [event("1c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", "misp-c2.example")] },
		});
		await ask("POST", "/api/v1/import/misp", 400, {
			body: [
				event("2c9f3f35-7c4f-4b8e-9a1f-0d2e5c6b7a80", "x.example"),
				{ Event: { uuid: "nope", info: "x" } },
			],
		});
	});

	it("the warninglists, and values checked against them (D50)", async () => {
		await ask("GET", "/api/v1/warninglists");
		await ask("POST", "/api/v1/warninglists/check", 200, {
			body: { values: ["8.8.8.8", "evil[.]example", "not a value"] },
		});
		await ask("POST", "/api/v1/warninglists/check", 200, { body: { kind: "domain", values: ["a b"] } });
	});

	it("the policy and the gate's decisions", async () => {
		await ask("GET", "/api/v1/policy");
		await ask("GET", "/api/v1/policy/versions");
		for (const purpose of ["crime-prevention", "research"]) {
			await ask("GET", `/api/v1/policy/explain?object=${ind.id}&to=${FBI}&purpose=${purpose}`);
			await ask("GET", `/api/v1/policy/preview?object=${ind.id}&purpose=${purpose}`);
		}
	});

	it("applying a policy file, and its located errors", async () => {
		const put = (text: string) =>
			api.request("/api/v1/policy", {
				method: "PUT",
				headers: { "content-type": "application/yaml" },
				body: text,
			});
		for (const expected of [true, false]) {
			const answer = await put(POLICY_YAML);
			assert.equal(answer.status, 200);
			const applied = checked("PUT", "/api/v1/policy", 200, await answer.json()) as { applied: boolean };
			assert.equal(applied.applied, expected);
		}
		const invalid = await put(POLICY_YAML.replace("tlpCeiling: amber", "tlpCeiling: purple"));
		assert.equal(invalid.status, 400);
		const body = checked("PUT", "/api/v1/policy", 400, await invalid.json()) as ErrorBody;
		const errors = PolicyFileError.array().min(1).parse(body.details?.errors);
		assert.match(errors[0]?.message ?? "", /purple|expected/);
	});

	it("editing a policy: its schema, validation, a form change, a diff, a rollback (D63)", async () => {
		const call = async (method: string, path: string, body?: unknown) => {
			const answer = await api.request(path, {
				method,
				...(body === undefined
					? {}
					: { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
			});
			assert.equal(answer.status, 200, path);
			return checked(method, path, 200, await answer.json());
		};
		await call("GET", "/api/v1/policy/schema");
		await call("POST", "/api/v1/policy/validate", { text: POLICY_YAML });
		await call("POST", "/api/v1/policy/validate", { text: "version: 2\n" });
		const change = { kind: "set-ceiling", target: "agreement", key: "pair", tlpCeiling: "green" };
		await call("POST", "/api/v1/policy/edit", { text: POLICY_YAML, change });
		await call("GET", "/api/v1/policy/diff?from=1&to=1");
		await call("POST", "/api/v1/policy/rollback", { version: 1, baseVersion: 1 });
	});

	it("errors: one body, and the located issues of a 400", async () => {
		const bad = (await ask("GET", "/api/v1/objects?limit=0&nope=1", 400)) as ErrorBody;
		assert.deepEqual(
			InputIssue.array()
				.parse(bad.details?.issues)
				.map((issue) => issue.path.join(".")),
			["query.limit", "query.nope"],
		);
		await ask("GET", `/api/v1/objects/${IDS.missing}`, 404);
		await ask("GET", "/api/v1/policy", 403, { token: share.readerToken });
		await ask("GET", "/api/v1/me", 401, { token: "ent_nobody" });
	});

	it("watch-lists, alerts and the webhook (D51)", async () => {
		const added = (await ask("POST", "/api/v1/watchlist", 200, {
			body: { value: "192.0.2.0/24", label: "lab" },
		})) as {
			entry: { id: string };
		};
		await ask("GET", "/api/v1/watchlist");
		// The matcher, as a serving node runs it, over what the first case published (an indicator naming 192.0.2.70).
		while (
			(
				await watchOnce({
					store: share.store,
					release: alertRelease(share.gate, share.store),
					batchSize: 100,
				})
			).consumed > 0
		) {}
		const listed = (await ask("GET", "/api/v1/alerts?limit=1")) as { alerts: { id: string }[] };
		const [first] = listed.alerts;
		assert.ok(first !== undefined, "the published indicator raised an alert");
		await ask("POST", `/api/v1/alerts/${encodeURIComponent(first.id)}/acknowledge`, 200, { body: {} });
		await ask("POST", "/api/v1/webhook", 200, { body: { url: "https://siem.example.org/entente" } });
		await ask("GET", "/api/v1/webhook");
		// A receiver whose name resolves inside the node: refused when connecting, answered as a failed test.
		await share.store.putWebhook({
			organizationId: NCA,
			url: "https://localhost:1/",
			secret: "whsec_test",
			createdAt: new Date().toISOString(),
			createdBy: "test",
		});
		const tested = (await ask("POST", "/api/v1/webhook/test", 200, { body: {} })) as {
			ok: boolean;
			error: string;
		};
		assert.equal(tested.ok, false);
		assert.match(tested.error, /refused/);
		await ask("POST", "/api/v1/webhook/remove", 200, { body: {} });
		await ask("POST", `/api/v1/watchlist/${encodeURIComponent(added.entry.id)}/remove`, 200, { body: {} });
		await ask("POST", "/api/v1/watchlist", 400, { body: { value: "10.0.0.0/33" } });
	});

	it("release webhooks (D59)", async () => {
		const created = (await ask("POST", "/api/v1/subscriptions", 200, {
			body: { url: "https://siem.example.org/releases", filter: { types: ["indicator"], labels: ["c2"] } },
		})) as { subscription: { id: string } };
		await ask("GET", "/api/v1/subscriptions");
		await ask("GET", `/api/v1/subscriptions/${created.subscription.id}`);
		await ask("POST", `/api/v1/subscriptions/${created.subscription.id}/remove`, 200, { body: {} });
		await ask("GET", `/api/v1/subscriptions/${created.subscription.id}`, 404);
		await ask("POST", "/api/v1/subscriptions", 400, { body: { url: "http://10.0.0.1/" } });
	});

	it("exports for sensors (D56): streamed text, and a 400 as the one error body", async () => {
		for (const format of ["suricata", "zeek", "csv", "edl", "snort", "stix", "misp"]) {
			const url = `/api/v1/export/${format}${format === "edl" ? "?kinds=domain" : ""}`;
			const answer = await share.request(url, { headers: { authorization: `Bearer ${share.analystToken}` } });
			assert.equal(answer.status, 200, url);
			checked("GET", url, 200, await answer.text());
		}
		await ask("GET", "/api/v1/export/zeek?since=yesterday", 400);
		await ask("GET", "/api/v1/export/edl", 400);
		await ask("GET", "/api/v1/export/edl?kinds=ipv4,url", 400);
	});

	it("feeds: added, listed, pulled from a loopback server, refused to others, removed (D55)", async () => {
		const server = await startFeedServer();
		try {
			server.files.set("/list.txt", { body: "# a list\n192.0.2.10\nevil[.]example.com\nnot a value\n" });
			const admin = { token: share.adminToken };
			const added = (await ask("POST", "/api/v1/feeds", 200, {
				...admin,
				body: { name: "test list", url: `${server.url}/list.txt`, format: "text", markings: ["tlp:green"] },
			})) as { feed: { id: string } };
			const path = `/api/v1/feeds/${added.feed.id}`;
			const pulled = (await ask("POST", `${path}/pull`, 200, { ...admin, body: {} })) as {
				status: { added: number; skipped: number; problems: string[] };
			};
			assert.deepEqual([pulled.status.added, pulled.status.skipped], [2, 1]);
			assert.match(pulled.status.problems[0] ?? "", /^line 4: 'not a value'/);
			await ask("GET", "/api/v1/feeds");
			await ask("GET", path);
			await ask("POST", "/api/v1/feeds", 403, {
				body: { name: "x", url: "https://x.example/", format: "text" },
			});
			await ask("GET", "/api/v1/feeds", 403, { token: share.fbiToken });
			await ask("GET", "/api/v1/feeds", 403, { token: share.readerToken });
			await ask("POST", "/api/v1/feeds", 400, {
				...admin,
				body: { name: "x", url: "ftp://x.example/", format: "text" },
			});
			await ask("POST", `${path}/remove`, 200, { ...admin, body: {} });
			await ask("GET", path, 404);
		} finally {
			await server.close();
		}
	});

	it("the quarantine (D65): listed, shown, held, rejected; a second decision and a non-admin refused", async () => {
		const admin = { token: share.adminToken };
		const list = (await ask("GET", "/api/v1/quarantine?state=held", 200, admin)) as {
			items: { id: number }[];
		};
		const item = list.items[0];
		assert.ok(item !== undefined, "the invalid object published above is held");
		const path = `/api/v1/quarantine/${item.id}`;
		await ask("GET", path, 200, admin);
		await ask("POST", `${path}/hold`, 200, { ...admin, body: { note: "looking at it" } });
		await ask("POST", `${path}/reject`, 200, { ...admin, body: {} });
		await ask("POST", `${path}/accept`, 409, { ...admin, body: {} });
		await ask("GET", "/api/v1/quarantine", 403);
		// A conflict of the publisher's own object (same version, other content): accepting it replaces the stored one.
		const own = indicator(72);
		await ask("POST", "/api/v1/objects", 200, { body: { objects: [own] } });
		await ask("POST", "/api/v1/objects", 200, { body: { objects: [{ ...own, name: "renamed" }] } });
		const conflicts = (await ask("GET", "/api/v1/quarantine?kind=conflict", 200, admin)) as {
			items: { id: number }[];
		};
		const conflict = conflicts.items[0];
		assert.ok(conflict !== undefined, "the conflict is held");
		await ask("POST", `/api/v1/quarantine/${conflict.id}/accept`, 200, { ...admin, body: { note: "ours" } });
	});

	it("users, tokens and the audit trail (D66)", async () => {
		const admin = { token: share.adminToken };
		await ask("GET", "/api/v1/users", 200, admin);
		const created = (await ask("POST", "/api/v1/users", 200, {
			...admin,
			body: { name: "answers-user", role: "reader" },
		})) as { user: { id: string } };
		const path = `/api/v1/users/${created.user.id}`;
		await ask("POST", `${path}/role`, 200, { ...admin, body: { role: "analyst" } });
		await ask("POST", `${path}/token`, 200, { ...admin, body: {} });
		await ask("POST", `${path}/token/revoke`, 200, { ...admin, body: {} });
		await ask("POST", "/api/v1/users/user--nobody/token", 404, { ...admin, body: {} });
		await ask("GET", "/api/v1/users", 403, { token: share.fbiToken });
		await ask("GET", "/api/v1/audit?action=token&limit=5", 200, admin);
		await ask("GET", "/api/v1/audit?since=yesterday", 400, admin);
		for (const format of ["csv", "jsonl"]) {
			const url = `/api/v1/audit/export?format=${format}`;
			const answer = await share.request(url, { headers: { authorization: `Bearer ${share.adminToken}` } });
			assert.equal(answer.status, 200, url);
			checked("GET", url, 200, await answer.text());
		}
	});

	it("a policy change's impact (D62): a job started, followed to its result; an invalid file refused", async () => {
		const text = readFileSync(
			new URL("../../examples/policy/reference-scenario.yaml", import.meta.url),
			"utf8",
		);
		const started = (await ask("POST", "/api/v1/policy/impact", 202, { body: { text } })) as {
			job: string;
		};
		let state = "running";
		for (let polls = 0; state === "running"; polls++) {
			assert.ok(polls < 600, "the impact job ends");
			await new Promise((resolve) => setTimeout(resolve, 50));
			state = ((await ask("GET", `/api/v1/policy/impact/${started.job}`)) as { state: string }).state;
		}
		assert.equal(state, "done");
		await ask("POST", "/api/v1/policy/impact", 400, { body: { text: "parties: [" } });
		await ask("GET", "/api/v1/policy/impact/no-such-job", 404);
	});

	it("Home's dashboard and the sample set (D67)", async () => {
		await ask("POST", "/api/v1/samples", 200, { body: {} });
		await ask("GET", "/api/v1/dashboard?days=7");
		await ask("GET", "/api/v1/dashboard?days=0", 400);
		await ask("GET", "/api/v1/dashboard", 403, { token: share.readerToken });
	});

	it("covered every route (a new route needs a case above)", () => {
		const missing = ROUTES.filter((route) => !covered.has(route)).map((r) => `${r.method} ${r.path}`);
		assert.deepEqual(missing, []);
	});
});
