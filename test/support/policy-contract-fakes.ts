// FAKES of the policy-editing REST contract (issue 16 item 1, docs/api.md), for the browser test while the node
// lacks the routes: installed with page.route only for routes the real node answers 404 (or 400 for a PUT with
// baseVersion). Validation is the node's own parsePolicyFile; applying goes to the real PUT /policy.
import type { Page, Route } from "playwright-core";
import { parseDocument } from "yaml";
import { z } from "zod";
import { parsePolicyFile } from "../../src/policy/file/index.ts";
import { agreementSchema, fileSchema, partySchema } from "../../src/policy/file/schema.ts";

interface FakeOptions {
	url: string;
	token: string;
	nodeName: string;
	/** The impact a preview answers (a fake cannot decide), from the proposed text. */
	impact: (text: string, baseVersion: number) => unknown;
}

async function real(options: FakeOptions, method: string, path: string, body?: unknown): Promise<Response> {
	return fetch(`${options.url}/api/v1${path}`, {
		method,
		headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
}

/** Which contract routes the real node lacks. */
export async function missingPolicyRoutes(options: { url: string; token: string }): Promise<string[]> {
	const probe = { ...options, nodeName: "", impact: () => undefined };
	const missing: string[] = [];
	if ((await real(probe, "POST", "/policy/validate", { text: "" })).status === 404) missing.push("validate");
	if ((await real(probe, "GET", "/policy/schema")).status === 404) missing.push("schema");
	if ((await real(probe, "POST", "/policy/edit", { text: "", change: {} })).status === 404)
		missing.push("edit");
	if ((await real(probe, "GET", "/policy/impact/none")).status === 404) {
		const start = await real(probe, "POST", "/policy/impact", { text: "" });
		if (start.status === 404) missing.push("impact");
	}
	if ((await real(probe, "GET", "/policy/diff?from=1&to=1")).status === 404) missing.push("diff");
	if ((await real(probe, "POST", "/policy/rollback", { version: 1, baseVersion: 0 })).status === 404) {
		missing.push("rollback", "put");
	}
	return missing;
}

interface FakeBody {
	text: string;
	change: Record<string, unknown>;
	baseVersion: number;
	version: number;
}

function json(route: Route, status: number, body: unknown): Promise<void> {
	return route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });
}

function error(
	route: Route,
	status: number,
	code: string,
	description: string,
	details: unknown,
): Promise<void> {
	return json(route, status, {
		title: code,
		description,
		error_code: code,
		http_status: String(status),
		details,
	});
}

async function latest(
	options: FakeOptions,
): Promise<{ version: number; appliedAt: string; appliedBy: string }> {
	const versions = (await (await real(options, "GET", "/policy/versions")).json()) as {
		items: { version: number; appliedAt: string; appliedBy: string }[];
	};
	return versions.items.at(-1) ?? { version: 0, appliedAt: "", appliedBy: "" };
}

function lineDiff(from: string, to: string): unknown[] {
	const a = from.split("\n");
	const b = to.split("\n");
	const width = b.length + 1;
	const lcs = new Array<number>((a.length + 1) * width).fill(0);
	const at = (i: number, j: number): number => lcs[i * width + j] ?? 0;
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lcs[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
		}
	}
	const lines: unknown[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			lines.push({ op: "=", text: a[i], fromLine: ++i, toLine: ++j });
		} else if (j < b.length && (i >= a.length || at(i, j + 1) >= at(i + 1, j))) {
			lines.push({ op: "+", text: b[j], toLine: ++j });
		} else lines.push({ op: "-", text: a[i], fromLine: ++i });
	}
	return lines;
}

function edit(text: string, change: Record<string, unknown>): string {
	const document = parseDocument(text);
	if (change.kind === "set-ceiling") {
		// Line-wise, as the real route keeps the layout: the first tlpCeiling under the entry's key.
		const lines = text.split("\n");
		const entry = lines.indexOf(`  ${String(change.key)}:`);
		const at = lines.findIndex((line, index) => index > entry && line.startsWith("    tlpCeiling:"));
		lines[at] = (lines[at] ?? "").replace(/tlpCeiling: [a-z+]+/, `tlpCeiling: ${String(change.tlpCeiling)}`);
		return lines.join("\n");
	}
	if (change.kind === "set-purposes") {
		document.setIn(["agreements", change.agreement, "purposes"], change.purposes);
	}
	return document.toString();
}

async function apply(route: Route, options: FakeOptions, text: string, baseVersion: number): Promise<void> {
	const current = await latest(options);
	if (current.version !== baseVersion) {
		return error(route, 409, "E_POLICY_CONFLICT", `rebase your change on version ${current.version}`, {
			current,
		});
	}
	const answer = await real(options, "PUT", "/policy", { text });
	return json(route, answer.status, await answer.json());
}

/** Routes the contract's missing routes to fakes in `page`. */
export async function installPolicyFakes(
	page: Page,
	options: FakeOptions,
	missing: readonly string[],
): Promise<void> {
	const jobs = new Map<string, unknown>();
	const has = (name: string) => missing.includes(name);
	await page.route(/\/api\/v1\/policy(\/|\?|$)/, async (route) => {
		const request = route.request();
		const url = new URL(request.url());
		const path = url.pathname.replace("/api/v1", "");
		const body = (request.postData() === null ? {} : request.postDataJSON()) as FakeBody;
		if (has("validate") && path === "/policy/validate") {
			const result = parsePolicyFile(body.text, "policy.yaml", { nodeName: options.nodeName });
			return json(route, 200, { ok: result.ok, errors: result.ok ? [] : result.errors });
		}
		if (has("schema") && path === "/policy/schema") {
			const root = z.toJSONSchema(fileSchema, { io: "input", unrepresentable: "any" }) as unknown as {
				properties: Record<string, unknown>;
			};
			const properties = root.properties;
			properties.parties = {
				type: "object",
				additionalProperties: z.toJSONSchema(partySchema, { io: "input", unrepresentable: "any" }),
			};
			properties.agreements = {
				type: "object",
				additionalProperties: z.toJSONSchema(agreementSchema, { io: "input", unrepresentable: "any" }),
			};
			return json(route, 200, root);
		}
		if (has("edit") && path === "/policy/edit")
			return json(route, 200, { text: edit(body.text, body.change), errors: [] });
		if (has("impact") && path === "/policy/impact" && request.method() === "POST") {
			const job = `job-${jobs.size + 1}`;
			jobs.set(job, options.impact(body.text, (await latest(options)).version));
			return json(route, 202, { job, total: 1 });
		}
		const job = /^\/policy\/impact\/(.+)$/.exec(path)?.[1];
		if (has("impact") && job !== undefined) {
			return json(route, 200, {
				state: "done",
				done: 1,
				total: 1,
				startedAt: new Date().toISOString(),
				result: jobs.get(job),
			});
		}
		if (has("diff") && path === "/policy/diff") {
			const [from, to] = [url.searchParams.get("from"), url.searchParams.get("to")];
			const text = async (version: string | null) =>
				((await (await real(options, "GET", `/policy?version=${version}`)).json()) as { text: string }).text;
			const [a, b] = [await text(from), await text(to)];
			return json(route, 200, {
				from: { version: Number(from), text: a },
				to: { version: Number(to), text: b },
				lines: lineDiff(a, b),
			});
		}
		if (has("put") && path === "/policy" && request.method() === "PUT")
			return apply(route, options, body.text, body.baseVersion);
		if (has("rollback") && path === "/policy/rollback") {
			const old = (await (await real(options, "GET", `/policy?version=${body.version}`)).json()) as {
				text: string;
			};
			return apply(route, options, old.text, body.baseVersion);
		}
		return route.continue();
	});
}
