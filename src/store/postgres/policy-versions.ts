// The policy_versions table on PostgreSQL: every applied policy, numbered in apply order, never changed.
import { AppError } from "../../errors/index.ts";
import type { Policy } from "../../policy/index.ts";
import { AUDIT_INSERT_COLUMNS, auditValues, policyApplied } from "../audit-rows.ts";
import {
	type PolicyDocument,
	type PolicyVersionInfo,
	policyConflict,
	type StoredPolicy,
} from "../policy-records.ts";
import { integer, type Row, text } from "../rows.ts";
import { requireMicros } from "../timestamps.ts";
import type { Connection } from "./connection.ts";

export interface PolicyVersions {
	/** With `expectedLatest`, refuses (E_POLICY_CONFLICT) unless it is the latest version inside the transaction. */
	put(
		document: PolicyDocument,
		appliedAt: string,
		expectedLatest?: number,
	): Promise<{ version: number; appliedAt: string }>;
	get(version: number | undefined): Promise<StoredPolicy | undefined>;
	list(): Promise<PolicyVersionInfo[]>;
	latest(): Promise<number>;
}

/** Policy versions over the store's connection. */
export function createPolicyVersions({ sql, transaction }: Connection): PolicyVersions {
	return {
		async put(document, appliedAt, expectedLatest) {
			const text = String(document.text);
			const appliedBy = String(document.appliedBy);
			// Numbering and insert in one transaction; the table lock makes two processes applying at once number
			// one after the other (readers are not blocked), so the expected-latest check sees every version applied
			// before it. Any failure, even serialising, leaves nothing.
			return transaction(async (tx) => {
				await tx("LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE");
				const [next] = await tx("SELECT coalesce(max(version), 0) + 1 AS version FROM policy_versions");
				const version = next === undefined ? 1 : integer(next, "version");
				if (expectedLatest !== undefined && version - 1 !== expectedLatest) {
					const [latest] = await tx(
						"SELECT version, applied_at, applied_by FROM policy_versions ORDER BY version DESC LIMIT 1",
					);
					throw policyConflict(expectedLatest, latest === undefined ? undefined : toVersionInfo(latest));
				}
				const json = JSON.stringify({ ...document.policy, version });
				await tx(
					"INSERT INTO policy_versions (version, applied_at, applied_by, text, json) VALUES ($1, $2, $3, $4, $5)",
					[version, appliedAt, appliedBy, text, json],
				);
				// Every way of applying ends here, so the trail holds each version, in the same transaction (D66).
				await tx(
					`INSERT INTO audit_log (${AUDIT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
					[requireMicros(appliedAt, "appliedAt"), ...auditValues(policyApplied(appliedBy, version))],
				);
				return { version, appliedAt };
			});
		},
		async get(version) {
			if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
				throw new AppError(
					"E_STORE_QUERY_INVALID",
					`a policy version is a whole number from 1, got ${version}`,
				);
			}
			const [row] =
				version === undefined
					? await sql("SELECT * FROM policy_versions ORDER BY version DESC LIMIT 1")
					: await sql("SELECT * FROM policy_versions WHERE version = $1", [version]);
			return row === undefined ? undefined : toStoredPolicy(row);
		},
		async list() {
			return (await sql("SELECT version, applied_at, applied_by FROM policy_versions ORDER BY version")).map(
				toVersionInfo,
			);
		},
		async latest() {
			const [row] = await sql("SELECT coalesce(max(version), 0) AS version FROM policy_versions");
			return row === undefined ? 0 : integer(row, "version");
		},
	};
}

function toVersionInfo(row: Row): PolicyVersionInfo {
	return {
		version: integer(row, "version"),
		appliedAt: text(row, "applied_at"),
		appliedBy: text(row, "applied_by"),
	};
}

function toStoredPolicy(row: Row): StoredPolicy {
	return { ...toVersionInfo(row), text: text(row, "text"), policy: JSON.parse(text(row, "json")) as Policy };
}
