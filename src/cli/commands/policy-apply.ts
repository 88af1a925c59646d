// `entente policy apply`: read a policy file, refuse it whole with every error located, or store it as a new version.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { upsertPartyOrganizations } from "../../accounts/index.ts";
import { AppError } from "../../errors/index.ts";
import { decodeUtf8Text } from "../../json/index.ts";
import type { OpenNode } from "../../main.ts";
import {
	type CutOffParty,
	type InvariantOff,
	type PolicyFileError,
	type PolicySummary,
	parsePolicyFile,
	partnersCutOff,
	summarisePolicy,
} from "../../policy/index.ts";
import { printJson } from "../output.ts";

export interface ApplyOptions {
	dryRun: boolean;
	json: boolean;
	/** Apply even though every partner would be cut off (D63). */
	confirmCutOff?: boolean;
}

/** What `policy apply --json` prints on success. */
export interface ApplyResult {
	file: string;
	/** The version stored now, the unchanged latest one, or absent for a dry run. */
	version?: number;
	appliedAt?: string;
	applied: boolean;
	unchanged: boolean;
	summary: PolicySummary;
	/** Local organisations the policy does not name: their users receive nothing over TAXII or REST. */
	unnamedLocalOrganizations: { id: string; name: string }[];
	/** Invariants the file turns off, with the reasons it gives (D37); every other one is on. */
	invariantsOff: readonly InvariantOff[];
	/** Partners it cuts off, every one of them (a dry run reports them; an apply needs --confirm-cut-off). */
	cutsOffPartners: CutOffParty[];
}

/**
 * Validates `file` against this node and, unless a dry run, stores it as the next policy version.
 * A file identical to the latest version is not stored again.
 * @throws AppError E_POLICY_INVALID with `details.errors` (each located) when the file has any error;
 *   E_POLICY_CUTS_OFF_PARTNERS when it would cut every partner off without `confirmCutOff`; nothing is stored then.
 */
export async function applyPolicyFile(
	node: OpenNode,
	file: string,
	options: ApplyOptions,
): Promise<ApplyResult> {
	return applyPolicyText(node, readPolicyText(file), file, options);
}

/**
 * Validates `text` (named `label` in messages) and, unless a dry run, stores it as the next version on the latest
 * one read here (a version applied meanwhile by another operator refuses it: E_POLICY_CONFLICT, run it again).
 */
export async function applyPolicyText(
	node: OpenNode,
	text: string,
	label: string,
	options: ApplyOptions,
): Promise<ApplyResult> {
	const result = parsePolicyFile(text, label, { nodeName: node.config.nodeName });
	if (!result.ok) {
		throw new AppError(
			"E_POLICY_INVALID",
			`${label}: ${result.errors.length} error(s); nothing was applied`,
			{
				details: { file: label, errors: result.errors },
			},
		);
	}
	const summary = summarisePolicy(result.policy);
	const named = new Set(result.policy.parties.map((party) => party.id));
	const unnamedLocalOrganizations = (await node.store.listOrganizations())
		.filter((organization) => organization.local !== false && !named.has(organization.id))
		.map(({ id, name }) => ({ id, name }));
	const invariantsOff = result.policy.invariantsOff ?? [];
	const latest = await node.store.getPolicy();
	const cutsOffPartners = partnersCutOff(result.policy, latest?.policy, new Date());
	const report = { file: label, summary, unnamedLocalOrganizations, invariantsOff, cutsOffPartners };
	if (options.dryRun) return { ...report, applied: false, unchanged: false };
	if (cutsOffPartners.length > 0 && options.confirmCutOff !== true) throw cutOffRefusal(cutsOffPartners);
	if (latest !== undefined && latest.text === text)
		return {
			...report,
			version: latest.version,
			appliedAt: latest.appliedAt,
			applied: false,
			unchanged: true,
		};
	const stored = await node.store.putPolicy(
		{ text, policy: result.policy, appliedBy: appliedBy() },
		latest?.version ?? 0,
	);
	// Every party becomes an organisation, so operators can create accounts for partners (`users add --party`).
	await upsertPartyOrganizations(node.store, result.policy);
	return { ...report, version: stored.version, appliedAt: stored.appliedAt, applied: true, unchanged: false };
}

function cutOffRefusal(parties: readonly CutOffParty[]): AppError {
	const named = parties.map((party) => `${party.name} (${party.reason})`).join(", ");
	return new AppError(
		"E_POLICY_CUTS_OFF_PARTNERS",
		`this policy would leave every partner receiving nothing beyond TLP:CLEAR: ${named}; run it again with --confirm-cut-off to apply it anyway (nothing was applied)`,
		{ details: { parties } },
	);
}

/** Prints located errors as compilers do (`file:line:column: message`) or, with --json, as one document. */
export function printPolicyErrors(file: string, errors: readonly PolicyFileError[], json: boolean): void {
	if (json) {
		printJson({ file, errors });
		return;
	}
	for (const error of errors) {
		const where = error.path === "" ? "" : ` (${error.path})`;
		process.stderr.write(`${file}:${error.line}:${error.column}: ${error.message}${where}\n`);
	}
	process.stderr.write(`${file}: ${errors.length} error(s); nothing was applied\n`);
}

export function printApplied(result: ApplyResult): void {
	const { summary } = result;
	const counts =
		`${count(summary.parties, "party", "parties")} (${summary.localParties} local), ` +
		`${count(summary.jurisdictions, "jurisdiction")}, ${count(summary.agreements, "agreement")}, ` +
		count(summary.communities, "community", "communities");
	const head = !result.applied
		? result.unchanged
			? `${result.file} is unchanged: policy version ${result.version} is already this file`
			: `${result.file} is valid (dry run, nothing applied)`
		: `Applied ${result.file} as policy version ${result.version}`;
	process.stdout.write(`${head}\n  ${counts}\n`);
	for (const party of result.cutsOffPartners)
		process.stderr.write(
			`warning: ${party.name} receives nothing beyond TLP:CLEAR under this policy (${party.reason}): it cuts off every partner${result.applied || result.unchanged ? "" : "; applying it needs --confirm-cut-off"}\n`,
		);
	for (const { invariant, reason } of result.invariantsOff)
		process.stderr.write(`warning: invariant ${invariant} is OFF in this policy: ${reason}\n`);
	for (const organization of result.unnamedLocalOrganizations) {
		process.stderr.write(
			`warning: local organisation ${organization.name} (${organization.id}) is not a party of this policy: ` +
				"its users will receive nothing and objects recorded under it are treated as of unknown origin " +
				"(TLP:CLEAR only). Add it to the policy's parties, or create the node with 'entente init --org-id ID'.\n",
		);
	}
}

function count(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

export function readPolicyText(file: string): string {
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		throw new AppError("E_INPUT_NOT_FOUND", `cannot read the policy file ${file}`, { cause: error });
	}
	// Decoded as PUT /api/v1/policy decodes it: invalid UTF-8 is refused, never replaced.
	try {
		return decodeUtf8Text(bytes);
	} catch (error) {
		const offset = Number((error as AppError).details?.offset ?? 0);
		const before = bytes.subarray(0, offset);
		const line = before.filter((byte) => byte === 0x0a).length + 1;
		const column = offset - before.lastIndexOf(0x0a);
		const message = `${(error as Error).message}; save the file as UTF-8`;
		throw new AppError("E_POLICY_INVALID", `${file}: 1 error(s); nothing was applied`, {
			cause: error,
			details: { file, errors: [{ line, column, path: "", message }] },
		});
	}
}

/** `cli:<os user>`: who ran the command, as far as the machine knows. */
function appliedBy(): string {
	try {
		return `cli:${userInfo().username}`;
	} catch {
		return "cli";
	}
}
