// The policy_versions table: every applied policy, numbered in the order it was applied, never changed.
import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import type { Policy } from "../../policy/index.ts";
import { AUDIT_INSERT_COLUMNS, auditValues, policyApplied } from "../audit-rows.ts";
import {
	type PolicyDocument,
	type PolicyVersionInfo,
	policyConflict,
	type StoredPolicy,
} from "../policy-records.ts";
import { requireMicros } from "../timestamps.ts";

type Row = Record<string, SQLOutputValue>;

/** Synchronous access to policy versions; writes go to `writer`, reads to `reader`. */
export interface PolicyVersions {
	/** With `expectedLatest`, refuses (E_POLICY_CONFLICT) unless it is the latest version inside the transaction. */
	put(
		document: PolicyDocument,
		appliedAt: string,
		expectedLatest?: number,
	): { version: number; appliedAt: string };
	get(version: number | undefined): StoredPolicy | undefined;
	list(): PolicyVersionInfo[];
	latest(): number;
}

/** Prepares the statements of the policy_versions table on their connections. */
export function createPolicyVersions(writer: DatabaseSync, reader: DatabaseSync): PolicyVersions {
	const nextVersion = writer.prepare("SELECT coalesce(max(version), 0) + 1 AS version FROM policy_versions");
	const insert = writer.prepare(
		"INSERT INTO policy_versions (version, applied_at, applied_by, text, json) VALUES (?, ?, ?, ?, ?)",
	);
	const insertAudit = writer.prepare(
		`INSERT INTO audit_log (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	const selectLatest = reader.prepare("SELECT * FROM policy_versions ORDER BY version DESC LIMIT 1");
	const selectVersion = reader.prepare("SELECT * FROM policy_versions WHERE version = ?");
	const selectLatestNumber = reader.prepare(
		"SELECT coalesce(max(version), 0) AS version FROM policy_versions",
	);
	const selectAll = reader.prepare(
		"SELECT version, applied_at, applied_by FROM policy_versions ORDER BY version",
	);
	const selectLatestInfo = writer.prepare(
		"SELECT version, applied_at, applied_by FROM policy_versions ORDER BY version DESC LIMIT 1",
	);

	return {
		put(document, appliedAt, expectedLatest) {
			const text = String(document.text);
			const appliedBy = String(document.appliedBy);
			// Numbering, the expected-latest check and insert in one write transaction (BEGIN IMMEDIATE holds the
			// write lock, so no other process applies in between); any failure leaves nothing behind.
			writer.exec("BEGIN IMMEDIATE");
			try {
				const version = Number(nextVersion.get()?.version);
				if (expectedLatest !== undefined && version - 1 !== expectedLatest) {
					const latest = selectLatestInfo.get();
					throw policyConflict(expectedLatest, latest === undefined ? undefined : toVersionInfo(latest));
				}
				const json = JSON.stringify({ ...document.policy, version });
				insert.run(version, appliedAt, appliedBy, text, json);
				// Every way of applying ends here, so the trail holds each version, in the same transaction (D66).
				insertAudit.run(
					requireMicros(appliedAt, "appliedAt"),
					...auditValues(policyApplied(appliedBy, version)),
				);
				writer.exec("COMMIT");
				return { version, appliedAt };
			} catch (error) {
				if (writer.isTransaction) writer.exec("ROLLBACK");
				throw error;
			}
		},
		get(version) {
			if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
				throw new AppError(
					"E_STORE_QUERY_INVALID",
					`a policy version is a whole number from 1, got ${version}`,
				);
			}
			const row = version === undefined ? selectLatest.get() : selectVersion.get(version);
			return row === undefined ? undefined : toStoredPolicy(row);
		},
		list() {
			return selectAll.all().map(toVersionInfo);
		},
		latest() {
			return Number(selectLatestNumber.get()?.version);
		},
	};
}

function toVersionInfo(row: Row): PolicyVersionInfo {
	return {
		version: Number(row.version),
		appliedAt: String(row.applied_at),
		appliedBy: String(row.applied_by),
	};
}

function toStoredPolicy(row: Row): StoredPolicy {
	return { ...toVersionInfo(row), text: String(row.text), policy: JSON.parse(String(row.json)) as Policy };
}
