// The policy_versions table: every applied policy, numbered in the order it was applied, never changed.
import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import type { Policy } from "../../policy/index.ts";
import type { PolicyDocument, PolicyVersionInfo, StoredPolicy } from "../policy-records.ts";

type Row = Record<string, SQLOutputValue>;

/** Synchronous access to policy versions; writes go to `writer`, reads to `reader`. */
export interface PolicyVersions {
	put(document: PolicyDocument, appliedAt: string): { version: number; appliedAt: string };
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
	const selectLatest = reader.prepare("SELECT * FROM policy_versions ORDER BY version DESC LIMIT 1");
	const selectVersion = reader.prepare("SELECT * FROM policy_versions WHERE version = ?");
	const selectLatestNumber = reader.prepare(
		"SELECT coalesce(max(version), 0) AS version FROM policy_versions",
	);
	const selectAll = reader.prepare(
		"SELECT version, applied_at, applied_by FROM policy_versions ORDER BY version",
	);

	return {
		put(document, appliedAt) {
			const text = String(document.text);
			const appliedBy = String(document.appliedBy);
			// Numbering and insert in one write transaction; any failure (even serialising) leaves nothing behind.
			writer.exec("BEGIN IMMEDIATE");
			try {
				const version = Number(nextVersion.get()?.version);
				const json = JSON.stringify({ ...document.policy, version });
				insert.run(version, appliedAt, appliedBy, text, json);
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
