// Editing the policy from the web (D63): the file's JSON Schema, validation as you type, form changes made on the
// server with the text's layout kept, the diff of two versions, and rollback as a new version.
import { AppError } from "../errors/index.ts";
import {
	diffLines,
	editPolicyText,
	parsePolicyFile,
	policyFileJsonSchema,
	summarisePolicy,
} from "../policy/index.ts";
import type { Store, StoredPolicy } from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { applyPolicyText } from "./policy-apply.ts";
import { POLICY_MEDIA_TYPES, readPolicyText } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import { PolicyEditBody, PolicyFileText, PolicyJsonBody, PolicyRollbackBody } from "./shapes/index.ts";

async function versionOf(store: Store, version: number | undefined): Promise<StoredPolicy> {
	const stored = await store.getPolicy(version);
	if (stored !== undefined) return stored;
	throw new AppError(
		"E_POLICY_NOT_FOUND",
		version === undefined ? "no policy has been applied yet" : `there is no policy version ${version}`,
	);
}

/** The policy editing routes, over `services`. */
export function policyEditRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	const check = (text: string) => parsePolicyFile(text, "policy.yaml", { nodeName: services.nodeName });
	const schema = policyFileJsonSchema();
	return [
		defineRoute({
			route: "GET /policy/schema",
			operationId: "getPolicySchema",
			tag: "policy",
			summary: "Get the policy file's JSON Schema",
			description:
				"A JSON Schema (2020-12) of the policy file, written from the schema the node checks files with, with a " +
				"description on every field: for an editor's completion and hover. References between entries are checked " +
				"by POST /policy/validate, not by the schema.",
			action: "policy.read",
			errors: [403],
			handle: async () => schema,
		}),
		defineRoute({
			route: "POST /policy/validate",
			operationId: "validatePolicy",
			tag: "policy",
			summary: "Validate a policy file",
			description:
				"Checks a file as PUT /policy would (YAML, references, grants, this node's name) and answers every error " +
				"with its line and column; `ok` and a summary when there is none. Never applies anything.",
			action: "policy.read",
			requestBody: {
				content: Object.fromEntries(
					POLICY_MEDIA_TYPES.map((type) => [
						type,
						type === "application/json" ? PolicyJsonBody : PolicyFileText,
					]),
				),
			},
			errors: [400, 403, 413, 415],
			handle: async ({ context }) => {
				const result = check(await readPolicyText(context, services.maxBodyBytes, services.bodies));
				return result.ok
					? { ok: true, errors: [], summary: summarisePolicy(result.policy) }
					: { ok: false, errors: result.errors };
			},
		}),
		defineRoute({
			route: "POST /policy/edit",
			operationId: "editPolicy",
			tag: "policy",
			summary: "Make one form change to a policy file",
			description:
				"The text after one structured change (add-party, add-agreement, set-ceiling, set-purposes, " +
				"set-legal-basis-window; docs/api.md), only the changed lines different, comments and layout kept, with the " +
				"new text's errors. Nothing is applied. A change whose target is missing answers 400 E_POLICY_EDIT_INVALID.",
			action: "policy.read",
			requestBody: { content: { "application/json": PolicyEditBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ context }) => {
				const { text, change } = await readJsonBody(context, PolicyEditBody, services, services.maxBodyBytes);
				const edited = editPolicyText(text, change);
				if (!edited.ok) throw new AppError("E_POLICY_EDIT_INVALID", edited.message, { details: { change } });
				const result = check(edited.text);
				return { text: edited.text, errors: result.ok ? [] : result.errors };
			},
		}),
		defineRoute({
			route: "GET /policy/diff",
			operationId: "diffPolicyVersions",
			tag: "policy",
			summary: "Diff two policy versions",
			description:
				"The texts of versions `from` and `to` (the latest by default) and a shortest line diff between them: each " +
				"line kept (=), removed from `from` (-) or added in `to` (+), with its line numbers.",
			action: "policy.read",
			errors: [400, 403, 404],
			handle: async ({ query }) => {
				const from = await versionOf(store, query.from);
				const to = await versionOf(store, query.to);
				return {
					from: { version: from.version, text: from.text },
					to: { version: to.version, text: to.text },
					lines: diffLines(from.text, to.text),
				};
			},
		}),
		defineRoute({
			route: "POST /policy/rollback",
			operationId: "rollbackPolicy",
			tag: "policy",
			summary: "Apply an earlier version again",
			description:
				"Applies the text of `version` as a new version, with the answers of PUT /policy: 409 E_POLICY_CONFLICT when " +
				"`baseVersion` is not the latest, 409 E_POLICY_CUTS_OFF_PARTNERS unless `confirmCutOff`, 400 when that " +
				"text no longer validates on this node.",
			action: "policy.write",
			requestBody: { content: { "application/json": PolicyRollbackBody } },
			errors: [400, 403, 404, 409, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readJsonBody(context, PolicyRollbackBody, services, services.maxBodyBytes);
				const earlier = await versionOf(store, body.version);
				return applyPolicyText(services, user, {
					text: earlier.text,
					baseVersion: body.baseVersion,
					confirmCutOff: body.confirmCutOff,
				});
			},
		}),
	];
}
