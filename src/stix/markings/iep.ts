// FIRST IEP 2.0 (Information Exchange Policy): reads and checks the policy fields of an IEP marking.
import type { ValidationIssue } from "../core.ts";

/** The draft STIX extension that carries IEP 2.0 fields on a marking definition. */
export const IEP_EXTENSION_ID = "extension-definition--762e2e97-ee51-43e5-a9ea-165fbb862c4a";

export const IEP_PERMITTED_ACTIONS = [
	"none",
	"contact-for-instruction",
	"internally-visible-actions",
	"externally-visible-indirect-actions",
	"externally-visible-direct-actions",
] as const;

/** An IEP 2.0 policy; `tlp` keeps IEP's TLP 1.0 colours, pair it with a TLP 2.0 marking. */
export interface IepPolicy {
	readonly id?: string;
	readonly name: string;
	readonly description?: string;
	readonly iep_version: "2.0";
	readonly start_date?: string;
	readonly end_date: string | null;
	readonly encrypt_in_transit: "must" | "may";
	readonly permitted_actions: (typeof IEP_PERMITTED_ACTIONS)[number];
	readonly affected_party_notifications: "may" | "must-not";
	readonly tlp: "red" | "amber" | "green" | "white";
	readonly attribution: "may" | "must" | "must-not";
	readonly unmodified_resale: "may" | "must-not";
	readonly external_reference?: string;
}

const CHOICES: Readonly<Record<string, readonly string[]>> = {
	encrypt_in_transit: ["must", "may"],
	permitted_actions: IEP_PERMITTED_ACTIONS,
	affected_party_notifications: ["may", "must-not"],
	tlp: ["red", "amber", "green", "white"],
	attribution: ["may", "must", "must-not"],
	unmodified_resale: ["may", "must-not"],
};
const OPTIONAL_TEXT = ["id", "description", "start_date", "external_reference"] as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The outcome of reading IEP fields: the policy when there is no error, and every issue found. */
export interface IepResult {
	readonly policy: IepPolicy | undefined;
	readonly issues: readonly ValidationIssue[];
}

/**
 * Checks the IEP 2.0 fields of `fields` (a marking's extension body or a standalone policy). IEP 1.0
 * fields (`encrypt_at_rest`, `obfuscate_affected_parties`) are reported as warnings.
 * @example validateIep({ name: "x", iep_version: "2.0", end_date: null, tlp: "amber", ... }).policy
 */
export function validateIep(fields: Readonly<Record<string, unknown>>, path = "$"): IepResult {
	const issues: ValidationIssue[] = [];
	const error = (key: string, code: string, message: string): void => {
		issues.push({ path: `${path}.${key}`, code, message, severity: "error" });
	};
	if (typeof fields.name !== "string" || fields.name === "")
		error("name", "required", "IEP name must be a non-empty string");
	if (fields.iep_version !== "2.0")
		error("iep_version", "vocab", `iep_version must be "2.0", got ${JSON.stringify(fields.iep_version)}`);
	for (const [key, allowed] of Object.entries(CHOICES)) {
		const value = fields[key];
		if (value === undefined) error(key, "required", `${key} is required (one of ${allowed.join(", ")})`);
		else if (typeof value !== "string" || !allowed.includes(value)) {
			error(key, "vocab", `${key} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
		}
	}
	for (const key of OPTIONAL_TEXT) {
		if (fields[key] !== undefined && typeof fields[key] !== "string")
			error(key, "type", `${key} must be a string`);
	}
	for (const key of ["start_date", "end_date"] as const) {
		const value = fields[key];
		if (typeof value === "string" && !TIMESTAMP.test(value))
			error(key, "timestamp", `${key} must be an RFC 3339 UTC timestamp`);
	}
	if (!("end_date" in fields)) error("end_date", "required", "end_date is required (a timestamp or null)");
	else if (fields.end_date !== null && typeof fields.end_date !== "string")
		error("end_date", "type", "end_date must be a timestamp or null");
	if (
		typeof fields.start_date === "string" &&
		typeof fields.end_date === "string" &&
		fields.end_date < fields.start_date
	) {
		error("end_date", "order", "end_date is before start_date");
	}
	for (const key of ["encrypt_at_rest", "obfuscate_affected_parties"]) {
		if (key in fields) {
			issues.push({
				path: `${path}.${key}`,
				code: "iep-1.0",
				message: `${key} is an IEP 1.0 field, ignored by IEP 2.0`,
				severity: "warning",
			});
		}
	}
	const valid = !issues.some((issue) => issue.severity === "error");
	return { policy: valid ? (fields as unknown as IepPolicy) : undefined, issues };
}
